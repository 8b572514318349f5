// CI guard: the committed SQL migrations must match the Drizzle schema. drizzle-kit is run
// against a scratch copy of the migrations folder; it generates nothing when they match,
// and anything it would generate means the schema changed without `npm run db:generate`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// drizzle-kit wants a relative output folder, so the scratch copy lives inside the project.
mkdirSync('node_modules/.cache', { recursive: true });
const scratch = relative(process.cwd(), mkdtempSync('node_modules/.cache/migrations-check-'));
try {
  cpSync('src/server/db/migrations', join(scratch, 'migrations'), { recursive: true });
  const config = join(scratch, 'drizzle.config.mjs');
  const settings = {
    dialect: 'postgresql',
    schema: './src/server/db/schema/index.ts',
    out: `./${join(scratch, 'migrations')}`,
  };
  writeFileSync(config, `export default ${JSON.stringify(settings)};`);
  const out = execFileSync(
    process.execPath,
    ['node_modules/drizzle-kit/bin.cjs', 'generate', '--config', config],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (!/No schema changes/i.test(out)) {
    console.error(out);
    console.error(
      'Lược đồ CSDL đã đổi nhưng chưa có migration: chạy "npm run db:generate" rồi commit tệp mới.',
    );
    process.exitCode = 1;
  } else {
    console.log('Migrations khớp với lược đồ.');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
