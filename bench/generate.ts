// Creates a PostgreSQL database filled with the generated benchmark dataset and KEEPS it, for
// looking at query plans by hand (EXPLAIN ANALYZE) or pointing a server at it:
//   node bench/generate.ts [database-name]        (default phoihop_bench_dataset; replaced)
//   BENCH_PG_URL=postgres://… node bench/generate.ts
// Then: psql <printed URL>; PHOIHOP_DEMO=0 DATABASE_URL=<printed URL> npm start
// The bench accounts' password is printed. Drop the database with `dropdb <name>` when done.
import { generateDataset } from './lib/dataset.ts';
import { createBenchDatabase } from './lib/pg.ts';

const BENCH_PASSWORD = 'Bench-MatKhau-2025!';

const name = process.argv[2] ?? 'phoihop_bench_dataset';
const url = await createBenchDatabase(name);
const summary = await generateDataset(url, { password: BENCH_PASSWORD });
console.log(JSON.stringify({ url, password: BENCH_PASSWORD, ...summary }, null, 2));
