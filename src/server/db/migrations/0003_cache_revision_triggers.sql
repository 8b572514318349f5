-- Change counters for the in-memory caches (see schema/system.ts).
INSERT INTO cache_revisions (name, revision) VALUES ('units', 0), ('auth', 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_cache_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counter text;
BEGIN
  FOREACH counter IN ARRAY TG_ARGV LOOP
    UPDATE cache_revisions SET revision = revision + 1 WHERE name = counter;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Unit paths are part of every user's grants, so a unit change also invalidates actors.
CREATE TRIGGER units_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('units', 'auth');
--> statement-breakpoint
CREATE TRIGGER users_cache_revision AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('auth');
--> statement-breakpoint
CREATE TRIGGER grants_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grants
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('auth');
--> statement-breakpoint
-- A session matters when it goes away or its deadline moves earlier; the sliding refresh
-- of every active session (a later deadline) must not invalidate everyone's cache.
CREATE TRIGGER sessions_cache_revision AFTER DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('auth');
--> statement-breakpoint
CREATE TRIGGER sessions_shortened_cache_revision AFTER UPDATE ON sessions
  FOR EACH ROW WHEN (NEW.expires_at < OLD.expires_at OR NEW.user_id <> OLD.user_id OR NEW.csrf_token <> OLD.csrf_token)
  EXECUTE FUNCTION bump_cache_revision('auth');
--> statement-breakpoint
CREATE TRIGGER api_tokens_cache_revision AFTER UPDATE OR DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('auth');
