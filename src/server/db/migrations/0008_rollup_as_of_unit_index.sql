ALTER TABLE "report_value_years" ADD COLUMN "as_of" date;--> statement-breakpoint
CREATE INDEX "report_value_years_unit_idx" ON "report_value_years" USING btree ("unit_id","year");