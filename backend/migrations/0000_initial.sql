CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"upsert_key" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"crm_id" text,
	"parent_crm_id" text,
	"owner" text,
	"segment" text,
	"region" text,
	"country" text,
	"vip" boolean DEFAULT false NOT NULL,
	"open_opportunity" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"company" text,
	"crm_account_id" text,
	"owner" text,
	"source" text,
	"region" text,
	"country" text,
	"segment" text,
	"language" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "leads_org_id_email_pk" PRIMARY KEY("org_id","email")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"message_key" text NOT NULL,
	"message_id" text NOT NULL,
	"in_reply_to" text,
	"references" text[] DEFAULT '{}'::text[] NOT NULL,
	"direction" text NOT NULL,
	"from_email" text NOT NULL,
	"from_name" text,
	"to" jsonb NOT NULL,
	"mailbox" text,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"headers" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"category" text,
	"sequence" text,
	"source" text,
	"lead" jsonb NOT NULL,
	"gmail_thread_id" text,
	"conversation_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"org_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_versions_org_id_version_pk" PRIMARY KEY("org_id","version")
);
--> statement-breakpoint
CREATE TABLE "pool_cursors" (
	"org_id" uuid NOT NULL,
	"pool" text NOT NULL,
	"last_member" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pool_cursors_org_id_pool_pk" PRIMARY KEY("org_id","pool")
);
--> statement-breakpoint
CREATE TABLE "thread_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"from_owner" text,
	"to_owner" text,
	"reason" text,
	"rule" text,
	"policy_version" integer,
	"explanation" text,
	"note" jsonb,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "threads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"state" text NOT NULL,
	"owner" text,
	"version" integer DEFAULT 1 NOT NULL,
	"category" text,
	"priority" integer DEFAULT 0 NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"prospect_email" text NOT NULL,
	"prospect_name" text,
	"account_id" uuid,
	"sequence" text,
	"mailbox" text,
	"gmail_thread_id" text,
	"conversation_id" text,
	"explanation" text,
	"follow_up_at" timestamp with time zone,
	"handoff_note" jsonb,
	"outcome" text,
	"last_reply_at" timestamp with time zone,
	"sla_due_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_cursors" ADD CONSTRAINT "pool_cursors_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_events" ADD CONSTRAINT "thread_events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_events" ADD CONSTRAINT "thread_events_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_org_upsert_key" ON "accounts" USING btree ("org_id","upsert_key");--> statement-breakpoint
CREATE INDEX "accounts_org_crm_id" ON "accounts" USING btree ("org_id","crm_id");--> statement-breakpoint
CREATE INDEX "accounts_org_name_key" ON "accounts" USING btree ("org_id","name_key");--> statement-breakpoint
CREATE INDEX "accounts_domains" ON "accounts" USING gin ("domains");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_org_message_key" ON "messages" USING btree ("org_id","message_key");--> statement-breakpoint
CREATE INDEX "messages_thread" ON "messages" USING btree ("thread_id","received_at");--> statement-breakpoint
CREATE INDEX "thread_events_thread" ON "thread_events" USING btree ("thread_id","seq");--> statement-breakpoint
CREATE INDEX "threads_org_state" ON "threads" USING btree ("org_id","state");--> statement-breakpoint
CREATE INDEX "threads_org_owner" ON "threads" USING btree ("org_id","owner");--> statement-breakpoint
CREATE INDEX "threads_org_gmail" ON "threads" USING btree ("org_id","gmail_thread_id");--> statement-breakpoint
CREATE INDEX "threads_org_conversation" ON "threads" USING btree ("org_id","conversation_id");