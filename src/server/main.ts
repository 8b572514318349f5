import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { pgliteDir } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { templateForFreshDir } from './db/pgliteTemplate.ts';
import { purgeExpiredSessions } from './modules/auth/session.ts';
import { isEmpty, randomDemoPassword, seedDemo } from './modules/demo/seed.ts';
import { DEMO_USERS } from './modules/demo/units.ts';
import { closeMailTransport } from './modules/notifications/mail.ts';
import { startScheduler } from './modules/reminders/scheduler.ts';

/** Opens the configured database (PostgreSQL when DATABASE_URL is set, else PGlite). */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  const dataDir = pgliteDir(config);
  const loadDataDir = config.databaseUrl ? undefined : templateForFreshDir(dataDir);
  return openDatabase({
    url: config.databaseUrl,
    dataDir,
    poolSize: config.dbPool,
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

/** config → database → migrations → demo data (first start) → app.listen */
export async function startServer(config: Config) {
  const database = await openConfiguredDatabase(config);
  await migrate(database);
  const app = await buildApp(database, config);

  let demo: { password: string; users: string[] } | null = null;
  if (config.demo && (await isEmpty(database.db))) {
    const password = config.demoPassword ?? randomDemoPassword();
    const seeded = await seedDemo(database.db, password);
    demo = { password, users: seeded.users };
  }

  // Expired sessions are refused on sight; this only keeps the table small.
  const purge = setInterval(() => void purgeExpiredSessions(database.db).catch(() => {}), 3_600_000);
  purge.unref();

  await app.listen({ port: config.port, host: config.host });
  // Reminders and e-mail delivery (README, "Nhắc việc"): every instance may run it.
  const scheduler = config.scheduler.enabled
    ? startScheduler({ db: database.db, config, log: app.log.child({ module: 'scheduler' }) })
    : null;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  app.log.info({ url, db: database.kind }, `PhốiHợp đang chạy tại ${url} (CSDL: ${database.kind})`);
  if (demo) {
    // Printed once, on the start that created the demo data: the only place it appears.
    app.log.info(
      { demoUsers: demo.users, demoPassword: demo.password },
      `Dữ liệu mẫu đã được tạo. Đăng nhập tại ${url} bằng một trong các tài khoản: ${DEMO_USERS.map((u) => u.username).join(', ')} — mật khẩu chung: ${demo.password}`,
    );
  }

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'Đang dừng máy chủ…');
    clearInterval(purge);
    await scheduler?.stop();
    closeMailTransport();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return { app, database, url, demo, scheduler };
}
