#!/usr/bin/env node
// The `phoihop` command: serve, migrate, create-admin, seed-demo, backup, restore, reminders.
// Every command reads DATABASE_URL and PHOIHOP_DATA_DIR like the server does.
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { APP_VERSION } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { backup, type Dump, restore } from '../server/db/backup.ts';
import { migrate } from '../server/db/migrate.ts';
import { AppError } from '../server/lib/errors.ts';
import { openConfiguredDatabase, startServer } from '../server/main.ts';
import { attachmentRoot } from '../server/modules/attachments/storage.ts';
import { isEmpty, randomDemoPassword, seedDemo } from '../server/modules/demo/seed.ts';
import { closeMailTransport, runMailTick } from '../server/modules/notifications/mail.ts';
import { reminderHandlers } from '../server/modules/reminders/handlers.ts';
import { defaultWorkerId, schedulerTick, startScheduler } from '../server/modules/reminders/scheduler.ts';
import { createAdmin } from '../server/modules/users/createAdmin.ts';

async function withDatabase<T>(
  fn: (database: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Asks on the terminal only when a value is missing and a person is there to answer. */
async function ask(question: string, given: string | undefined, hidden = false): Promise<string> {
  if (given) return given;
  if (!process.stdin.isTTY)
    throw new Error(`Thiếu tham số: ${question} (chạy không tương tác cần truyền đủ cờ).`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // Do not echo the password back to the terminal.
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    out._writeToOutput = (s: string) => {
      if (s.includes(question)) out.output.write(s);
    };
  }
  const answer = await rl.question(`${question}: `);
  rl.close();
  if (hidden) process.stdout.write('\n');
  return answer.trim();
}

const program = new Command()
  .name('phoihop')
  .description('PhốiHợp — quản lý chương trình phối hợp liên ngành')
  .version(APP_VERSION);

program
  .command('serve')
  .description('Chạy máy chủ web (mặc định cổng 3000; PORT, HOST)')
  .action(async () => {
    await startServer(loadConfig());
  });

program
  .command('migrate')
  .description('Áp dụng các bản chuyển đổi cơ sở dữ liệu')
  .action(async () => {
    await withDatabase(async (db) => console.log(`Đã cập nhật cấu trúc cơ sở dữ liệu (${db.kind}).`));
  });

program
  .command('create-admin')
  .description('Tạo tài khoản quản trị toàn hệ thống')
  .option('--username <username>', 'tên đăng nhập')
  .option('--password <password>', 'mật khẩu (ít nhất 10 ký tự, có chữ và số)')
  .option('--full-name <name>', 'họ và tên')
  .action(async (opts: { username?: string; password?: string; fullName?: string }) => {
    const username = await ask('Tên đăng nhập', opts.username);
    const password = await ask('Mật khẩu', opts.password ?? process.env.PHOIHOP_ADMIN_PASSWORD, true);
    await withDatabase(async ({ db }) => {
      await createAdmin(db, { username, password, ...(opts.fullName ? { fullName: opts.fullName } : {}) });
      console.log(`Đã tạo quản trị viên "${username}".`);
    });
  });

program
  .command('seed-demo')
  .description('Tạo dữ liệu mẫu từ các bài báo hạt giống (chỉ khi cơ sở dữ liệu trống)')
  .option(
    '--password <password>',
    'mật khẩu chung của các tài khoản mẫu (mặc định PHOIHOP_DEMO_PASSWORD hoặc ngẫu nhiên)',
  )
  .action(async (opts: { password?: string }) => {
    await withDatabase(async ({ db }) => {
      if (!(await isEmpty(db))) {
        console.error('Cơ sở dữ liệu đã có đơn vị; không tạo dữ liệu mẫu.');
        process.exitCode = 1;
        return;
      }
      const password = opts.password ?? process.env.PHOIHOP_DEMO_PASSWORD ?? randomDemoPassword();
      const seeded = await seedDemo(db, password);
      console.log(
        `Đã tạo ${seeded.units} đơn vị và các tài khoản: ${seeded.users.join(', ')}\nMật khẩu chung: ${password}`,
      );
    });
  });

program
  .command('reminders')
  .description('Chạy nhắc việc và gửi thư (không chạy máy chủ web); --once: một lượt rồi thoát')
  .option('--once', 'quét, gửi mọi nhắc việc đến hạn và thư đang chờ một lần rồi thoát')
  .action(async (opts: { once?: boolean }) => {
    const config = loadConfig();
    const log = {
      info: (o: object, msg?: string) => console.log(msg ?? '', JSON.stringify(o)),
      error: (o: object, msg?: string) => console.error(msg ?? '', o),
    };
    if (opts.once) {
      await withDatabase(async ({ db }) => {
        const summary = await schedulerTick({
          db,
          settings: config.scheduler,
          handlers: reminderHandlers(config.scheduler),
          workerId: defaultWorkerId(),
          now: new Date(),
          log: { info: () => {}, error: log.error },
          mailTick: runMailTick,
          limit: 100_000,
        });
        closeMailTransport();
        console.log(
          `Nhắc việc: ${summary.queued} việc mới, ${summary.done} đã xử lý, ${summary.retried} sẽ thử lại, ${summary.failed} thất bại.`,
        );
      });
      return;
    }
    const database = await openConfiguredDatabase(config);
    await migrate(database);
    const scheduler = startScheduler({ db: database.db, config, log });
    console.log(`Đang chạy nhắc việc mỗi ${config.scheduler.intervalSeconds} giây (Ctrl+C để dừng).`);
    const stop = async () => {
      await scheduler.stop();
      closeMailTransport();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    // The scheduler's timer does not hold the process open; this does, until a signal.
    setInterval(() => {}, 1 << 30);
  });

program
  .command('backup')
  .description('Sao lưu toàn bộ dữ liệu ra một tệp JSON (khôi phục được vào PGlite hoặc PostgreSQL)')
  .requiredOption('-o, --output <file>', 'tệp đích, ví dụ phoihop-2026-11-23.json')
  .action(async (opts: { output: string }) => {
    await withDatabase(async (database) => {
      const dump = await backup(database, APP_VERSION, { attachmentRoot: attachmentRoot(loadConfig()) });
      writeFileSync(opts.output, JSON.stringify(dump));
      const rows = dump.tables.reduce((n, t) => n + t.rows.length, 0);
      console.log(
        `Đã sao lưu ${rows} dòng từ ${dump.tables.length} bảng và ${dump.files?.length ?? 0} tệp đính kèm vào ${opts.output}.`,
      );
    });
  });

program
  .command('restore')
  .description('Khôi phục từ tệp sao lưu vào một cơ sở dữ liệu mới (trống)')
  .requiredOption('-i, --input <file>', 'tệp sao lưu')
  .action(async (opts: { input: string }) => {
    const dump = JSON.parse(readFileSync(opts.input, 'utf8')) as Dump;
    await withDatabase(async (database) => {
      const counts = await restore(database, dump, { attachmentRoot: attachmentRoot(loadConfig()) });
      const rows = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(
        `Đã khôi phục ${rows} dòng và ${dump.files?.length ?? 0} tệp đính kèm vào ${database.kind}.`,
      );
    });
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(
      `Lỗi: ${error.message}${error.fields ? ` ${error.fields.map((f) => f.message).join('; ')}` : ''}`,
    );
  } else {
    console.error(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
