ALTER TABLE "threads" ADD COLUMN "stand_in_for" text;--> statement-breakpoint
CREATE INDEX "threads_stand_in" ON "threads" USING btree ("org_id","stand_in_for") WHERE stand_in_for is not null;