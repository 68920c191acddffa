-- The ledger is append-only: history is never rewritten, only added to.
CREATE OR REPLACE FUNCTION thread_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'thread_events is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER thread_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON thread_events
  FOR EACH ROW EXECUTE FUNCTION thread_events_append_only();
