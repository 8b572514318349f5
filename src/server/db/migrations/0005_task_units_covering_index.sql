DROP INDEX "task_units_unit_idx";--> statement-breakpoint
CREATE INDEX "task_units_unit_idx" ON "task_units" USING btree ("unit_id","role","task_id");