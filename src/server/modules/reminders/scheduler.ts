import { hostname } from 'node:os';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { runMailTick } from '../notifications/mail.ts';
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
  /** Default: runMailTick (notifications/mail.ts); null: no e-mail (tests). */
  mailTick?: MailTick | null;
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

export interface TickOptions {
  db: Db;
  settings: Config['scheduler'];
  handlers: JobHandlers;
  workerId: string;
  now: Date;
  log: SchedulerLog;
  mailTick: MailTick | null;
  /** Jobs run at most in this tick (default 500; the rest wait for the next one). */
  limit?: number;
}

/**
 * One tick: scan (idempotent enqueue), run due jobs, deliver e-mail. Errors are logged, never
 * thrown: the next tick tries again.
 */
export async function schedulerTick(o: TickOptions) {
  const summary = { queued: 0, done: 0, failed: 0, retried: 0 };
  try {
    summary.queued = await scanReminders(o.db, o.now, o.settings);
    // Up to 500 jobs a tick (each its own short transaction); a bigger backlog continues next tick.
    Object.assign(
      summary,
      await runDueJobs(o.db, o.handlers, { workerId: o.workerId, now: o.now, limit: o.limit ?? 500 }),
    );
    if (summary.queued || summary.done || summary.failed || summary.retried) {
      o.log.info({ ...summary, workerId: o.workerId }, 'Nhắc việc: đã quét và xử lý hàng đợi');
    }
  } catch (err) {
    o.log.error({ err, workerId: o.workerId }, 'Nhắc việc: lượt quét lỗi, sẽ thử lại ở lượt sau');
  }
  if (o.mailTick) {
    try {
      await o.mailTick(o.db, o.now, o.settings.digestHour);
    } catch (err) {
      o.log.error({ err, workerId: o.workerId }, 'Gửi thư: lượt gửi lỗi, sẽ thử lại ở lượt sau');
    }
  }
  return summary;
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, config, log } = options;
  const settings = config.scheduler;
  const workerId = options.workerId ?? defaultWorkerId();
  const handlers = { ...reminderHandlers(settings), ...options.handlers };
  const clock = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const mailTick = options.mailTick === undefined ? runMailTick : options.mailTick;
  const tick = async () => {
    await schedulerTick({ db, settings, handlers, workerId, now: clock(), log, mailTick });
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
