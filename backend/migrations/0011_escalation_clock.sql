ALTER TABLE "threads" ADD COLUMN "escalation_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "next_escalation_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "threads_next_escalation" ON "threads" USING btree ("next_escalation_at") WHERE next_escalation_at is not null;