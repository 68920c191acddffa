CREATE TABLE "member_identities" (
	"org_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"email" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_identities_provider_subject_pk" PRIMARY KEY("provider","subject")
);
--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "ms_tenant_id" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "google_domain" text;--> statement-breakpoint
ALTER TABLE "member_identities" ADD CONSTRAINT "member_identities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_identities_org_email_provider" ON "member_identities" USING btree ("org_id","provider","email");--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_ms_tenant_id_unique" UNIQUE("ms_tenant_id");--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_google_domain_unique" UNIQUE("google_domain");