ALTER TABLE "messages" ADD COLUMN "body_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "retention_days" integer DEFAULT 90 NOT NULL;