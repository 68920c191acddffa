-- Row-level security on every tenant table, as defence in depth: the
-- application assumes the role reply_routing_app (no BYPASSRLS) and sets
-- app.org_id per transaction. FORCE makes the policies bind the owner too.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reply_routing_app') THEN
    CREATE ROLE reply_routing_app NOLOGIN NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  -- Another database of the same server created it at the same moment.
  NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO reply_routing_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO reply_routing_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reply_routing_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO reply_routing_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO reply_routing_app;
--> statement-breakpoint
CREATE FUNCTION current_org() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION is_auth_lookup() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('app.auth_lookup', true), '') = 'on' $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['policy_versions', 'accounts', 'leads', 'threads', 'messages', 'thread_events', 'pool_cursors', 'webhook_deliveries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = current_org()) WITH CHECK (org_id = current_org())', t);
  END LOOP;
  -- Sign-in finds a key or an identity before it knows the org: those lookups say so.
  FOREACH t IN ARRAY ARRAY['api_keys', 'member_identities'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = current_org() OR is_auth_lookup()) WITH CHECK (org_id = current_org() OR is_auth_lookup())', t);
  END LOOP;
END
$$;
