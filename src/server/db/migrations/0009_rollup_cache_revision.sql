-- 'rollup' moves on any write to what a yearly roll-up reads (the yearly rows kept at each
-- approval, targets, the indicator catalogue and its links, report forms and their
-- indicators, unit successions), so yearly roll-ups and national totals are answered from
-- memory (modules/rollup/cache.ts) until something changes.
INSERT INTO cache_revisions (name, revision) VALUES ('rollup', 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER report_value_years_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON report_value_years
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('rollup');
--> statement-breakpoint
CREATE TRIGGER indicator_targets_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_targets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('rollup');
--> statement-breakpoint
CREATE TRIGGER indicators_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('rollup');
--> statement-breakpoint
CREATE TRIGGER indicator_links_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_links
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('rollup');
--> statement-breakpoint
CREATE TRIGGER report_forms_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON report_forms
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('rollup');
--> statement-breakpoint
CREATE TRIGGER report_form_indicators_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON report_form_indicators
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('rollup');
--> statement-breakpoint
CREATE TRIGGER unit_successors_cache_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_successors
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('rollup');
