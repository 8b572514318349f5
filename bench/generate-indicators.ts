// Creates a PostgreSQL database filled with the issue-4 dataset (bench/lib/indicatorDataset.ts:
// ~10,000 units, 60 indicators, 5 years of monthly approved reports, >10 M values) and KEEPS
// it, for query plans by hand (EXPLAIN ANALYZE) or pointing a server at it:
//   node bench/generate-indicators.ts [database-name] [--quick]   (default phoihop_bench_indicators; replaced)
// Then: psql <printed URL>; PHOIHOP_DEMO=0 DATABASE_URL=<printed URL> npm start
// and sign in as bench.quantri with the printed password. `dropdb <name>` when done.
import { generateNationalDataset } from './indicators.ts';
import { createBenchDatabase } from './lib/pg.ts';

const BENCH_PASSWORD = 'Bench-MatKhau-2025!';

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--')) ?? 'phoihop_bench_indicators';
const url = await createBenchDatabase(name);
const summary = await generateNationalDataset(url, BENCH_PASSWORD, args.includes('--quick'));
console.log(
  JSON.stringify({ url, password: BENCH_PASSWORD, counts: summary.counts, steps: summary.steps }, null, 2),
);
