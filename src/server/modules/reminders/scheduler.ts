import { hostname } from 'node:os';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { reminderHandlers } from './handlers.ts';
import { type JobHandlers, runDueJobs } from './jobs.ts';
import { scanReminders } from './scan.ts';

// The scheduler of one app instance: every intervalSeconds it scans what is due (idempotent
// enqueue), runs due jobs (each claimed by one instance only) and delivers e-mail. Every
// instance may run it: the job table makes each reminder happen once. A tick never overlaps
// the previous one; a failing tick is logged and the next one tries again.

export interface SchedulerLog {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** E-mail delivery (outbox, digests), called at the end of every tick. */
export type MailTick = (db: Db, now: Date, digestHour: number) => Promise<unknown>;

export interface SchedulerOptions {
  db: Db;
  config: Pick<Config, 'scheduler'>;
  log: SchedulerLog;
  /** Recorded on the jobs this instance does; default host:pid. */
  workerId?: string;
  mailTick?: MailTick;
  /** Extra or replaced job handlers (tests). */
  handlers?: JobHandlers;
  /** First tick after this many ms (default 2 s: right after a restart). */
  firstDelayMs?: number;
  now?: () => Date;
}

export interface Scheduler {
  stop(): Promise<void>;
  /** Runs one tick now (waits for a running one first). */
  tickNow(): Promise<void>;
}

export const defaultWorkerId = () => `${hostname()}:${process.pid}`;

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, config, log } = options;
  const settings = config.scheduler;
  const workerId = options.workerId ?? defaultWorkerId();
  const handlers = { ...reminderHandlers(settings), ...options.handlers };
  const clock = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const tick = async () => {
    const now = clock();
    try {
      const queued = await scanReminders(db, now, settings);
      // Jobs until none is due; a big backlog goes in chunks of 100, ticks apart.
      const ran = await runDueJobs(db, handlers, { workerId, now, limit: 100 });
      if (queued || ran.done || ran.failed || ran.retried) {
        log.info({ queued, ...ran, workerId }, 'Nhắc việc: đã quét và xử lý hàng đợi');
      }
    } catch (err) {
      log.error({ err, workerId }, 'Nhắc việc: lượt quét lỗi, sẽ thử lại ở lượt sau');
    }
    if (options.mailTick) {
      try {
        await options.mailTick(db, now, settings.digestHour);
      } catch (err) {
        log.error({ err, workerId }, 'Gửi thư: lượt gửi lỗi, sẽ thử lại ở lượt sau');
      }
    }
  };

  /** One tick at a time: a call while one runs waits for it, then runs its own. */
  const runOnce = async (): Promise<void> => {
    while (running) await running;
    if (stopped) return;
    running = tick().finally(() => {
      running = null;
    });
    await running;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      // The next tick is timed from the end of this one: ticks never pile up.
      void runOnce().finally(() => schedule(settings.intervalSeconds * 1000));
    }, delayMs);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? 2_000);

  return {
    tickNow: runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (running) await running;
    },
  };
}
