-- The ledger stays append-only, with one exception: erasing a prospect's
-- personal data (DELETE /v1/prospects/{email}) may rewrite the free-text
-- columns of their events, and nothing else, inside a transaction that says so.
CREATE OR REPLACE FUNCTION thread_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND coalesce(current_setting('app.erasure', true), '') = 'on'
     AND NEW.seq = OLD.seq AND NEW.org_id = OLD.org_id AND NEW.thread_id = OLD.thread_id
     AND NEW.at = OLD.at AND NEW.kind = OLD.kind AND NEW.actor = OLD.actor
     AND NEW.from_state = OLD.from_state AND NEW.to_state = OLD.to_state
     AND NEW.from_owner IS NOT DISTINCT FROM OLD.from_owner AND NEW.to_owner IS NOT DISTINCT FROM OLD.to_owner
     AND NEW.rule IS NOT DISTINCT FROM OLD.rule AND NEW.policy_version IS NOT DISTINCT FROM OLD.policy_version THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'thread_events is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
