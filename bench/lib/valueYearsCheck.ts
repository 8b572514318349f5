// Checks the bulk report_value_years rows of the generated dataset (one set-based statement,
// indicatorDataset.ts#valueYearsSql) against the app's own maintenance of them
// (modules/rollup/store.ts#refreshValueYears, run on every approval): for a few
// (agreement, unit, year), the bulk rows are read, deleted, rebuilt by the app's function and
// compared row by row. Identical rows stay; on a difference the bulk rows are put back and
// the differences returned.
import pg from 'pg';
import { openDatabase } from '../../src/server/db/client.ts';
import { refreshValueYears } from '../../src/server/modules/rollup/store.ts';

export interface ValueYearsCheck {
  /** False while the app's function writes nothing (a stub): nothing could be compared. */
  implemented: boolean;
  samples: Array<{ agreementId: number; unitId: number; year: number; reportId: number }>;
  matched: number;
  rows: number;
  mismatches: Array<{ sample: string; bulk: string[]; app: string[] }>;
}

const KEY = 'agreement_id = $1 and unit_id = $2 and year = $3';

/** Every column of a row, floats to 12 significant digits (the app adds in JS, SQL in C). */
const show = (row: Record<string, unknown>) =>
  Object.keys(row)
    .sort()
    .map((k) => {
      const v = row[k];
      return `${k}=${typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : JSON.stringify(v)}`;
    })
    .join(' ');

export async function checkValueYears(url: string, samples: number): Promise<ValueYearsCheck> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  const database = await openDatabase({ url, poolSize: 1 });
  const out: ValueYearsCheck = { implemented: false, samples: [], matched: 0, rows: 0, mismatches: [] };
  try {
    const { rows: picked } = await client.query<{
      agreement_id: number;
      unit_id: number;
      year: number;
      report_id: number;
    }>(
      `select agreement_id, unit_id, year, id as report_id from reports
        where status = 'approved' order by hashint4(id), id limit $1`,
      [samples],
    );
    const read = async (p: (typeof picked)[number]) =>
      (
        await client.query<{ row: Record<string, unknown> }>(
          `select to_jsonb(y) as row from report_value_years y
            where ${KEY} order by indicator_id, unit_path, category, location`,
          [p.agreement_id, p.unit_id, p.year],
        )
      ).rows.map((r) => r.row);
    for (const p of picked) {
      out.samples.push({
        agreementId: p.agreement_id,
        unitId: p.unit_id,
        year: p.year,
        reportId: p.report_id,
      });
      const bulk = await read(p);
      await client.query('begin');
      await client.query(`delete from report_value_years where ${KEY}`, [p.agreement_id, p.unit_id, p.year]);
      await client.query('commit');
      await refreshValueYears(database.db, p.report_id);
      const app = await read(p);
      if (app.length > 0) out.implemented = true;
      out.rows += bulk.length;
      const [a, b] = [bulk.map(show), app.map(show)];
      if (a.length === b.length && a.every((x, i) => x === b[i])) {
        out.matched++;
        continue;
      }
      out.mismatches.push({
        sample: `agreement ${p.agreement_id}, unit ${p.unit_id}, ${p.year}`,
        bulk: a.filter((x) => !b.includes(x)).slice(0, 5),
        app: b.filter((x) => !a.includes(x)).slice(0, 5),
      });
      // Put the bulk rows back so the dataset stays whole.
      await client.query(`delete from report_value_years where ${KEY}`, [p.agreement_id, p.unit_id, p.year]);
      await client.query(
        'insert into report_value_years select * from jsonb_populate_recordset(null::report_value_years, $1::jsonb)',
        [JSON.stringify(bulk)],
      );
    }
    return out;
  } finally {
    await database.close();
    await client.end();
  }
}
