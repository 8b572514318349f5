-- 'plans' moves on any write to what the agreement and task lists show, so their cached
-- pages (lib/resultCache.ts) are answered from memory until something changes.
INSERT INTO cache_revisions (name, revision) VALUES ('plans', 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER agreements_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreements
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('plans');
--> statement-breakpoint
CREATE TRIGGER agreement_parties_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreement_parties
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('plans');
--> statement-breakpoint
CREATE TRIGGER sections_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sections
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('plans');
--> statement-breakpoint
CREATE TRIGGER tasks_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tasks
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('plans');
--> statement-breakpoint
CREATE TRIGGER task_units_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON task_units
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('plans');
