CREATE TABLE "mailbox_checkpoints" (
	"org_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mailbox_checkpoints_mailbox_id_folder_pk" PRIMARY KEY("mailbox_id","folder")
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"address" text NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"tls" boolean NOT NULL,
	"username" text NOT NULL,
	"auth" text NOT NULL,
	"credential_sealed" text NOT NULL,
	"inbox_folder" text NOT NULL,
	"sent_folder" text,
	"mark_seen" boolean DEFAULT false NOT NULL,
	"move_to" text,
	"config_version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"status_message" text,
	"status_at" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"lease_holder" text,
	"lease_until" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "field_mapping" jsonb;--> statement-breakpoint
ALTER TABLE "mailbox_checkpoints" ADD CONSTRAINT "mailbox_checkpoints_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_checkpoints" ADD CONSTRAINT "mailbox_checkpoints_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_org_address" ON "mailboxes" USING btree ("org_id","address");--> statement-breakpoint
CREATE INDEX "mailboxes_lease" ON "mailboxes" USING btree ("lease_until");--> statement-breakpoint
ALTER TABLE mailboxes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mailboxes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON mailboxes USING (org_id = current_org()) WITH CHECK (org_id = current_org());
--> statement-breakpoint
ALTER TABLE mailbox_checkpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mailbox_checkpoints FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON mailbox_checkpoints USING (org_id = current_org()) WITH CHECK (org_id = current_org());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON mailboxes, mailbox_checkpoints TO reply_routing_app;
