import { sql } from 'drizzle-orm';
import { type Db, type Queryable, rowsOf, type Tx } from '../../db/client.ts';
import { jobs } from '../../db/schema/index.ts';

// A small durable job queue on the `jobs` table, the same SQL on PGlite and PostgreSQL.
//
// - Enqueue is idempotent: the dedup key is unique, a second scan (or a second instance)
//   inserting the same key does nothing.
// - A job runs in ONE transaction: claimed with FOR UPDATE SKIP LOCKED, the handler writes
//   its effects (notifications) with that transaction, the row is marked done, commit. A
//   process killed mid-job rolls everything back and the server releases the row lock, so
//   the job is still pending and runs once after restart; two instances never hold the same
//   row, so each job is done exactly once.
// - A failing handler is rolled back; a new transaction counts the attempt, keeps the error
//   and moves run_at by an exponential back-off; after MAX_ATTEMPTS the job is 'failed'.

export const MAX_ATTEMPTS = 5;

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  kind: string;
  dedupKey: string;
  payload?: Record<string, unknown>;
  /** Default: now (the database's clock). */
  runAt?: Date;
}

/** What a job kind does, inside the job's transaction. */
export type JobHandler = (tx: Tx, job: JobRow) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** Back-off after the n-th failed attempt: 1, 2, 4, 8 minutes… */
export const backoffMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

/** Inserts jobs whose dedup key is new; returns how many were. */
export async function enqueueJobs(tx: Queryable, list: NewJob[]): Promise<number> {
  let added = 0;
  // Chunks keep the statement's parameter count bounded whatever a scan finds.
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const rows = await tx
      .insert(jobs)
      .values(
        chunk.map((j) => ({
          kind: j.kind,
          dedupKey: j.dedupKey,
          payload: j.payload ?? {},
          ...(j.runAt ? { runAt: j.runAt } : {}),
        })),
      )
      .onConflictDoNothing({ target: jobs.dedupKey })
      .returning({ id: jobs.id });
    added += rows.length;
  }
  return added;
}

export interface RunOptions {
  /** Recorded in done_by: which instance did the job. */
  workerId: string;
  now?: Date;
  /** At most this many jobs per call (default 100). */
  limit?: number;
}

export interface RunResult {
  done: number;
  failed: number;
  /** Attempts that failed and will be retried later. */
  retried: number;
}

class NoJob extends Error {}

/**
 * Runs due jobs one by one, each in its own transaction, until none is due (or `limit`).
 * Rows another instance holds are skipped, not waited for.
 */
export async function runDueJobs(db: Db, handlers: JobHandlers, options: RunOptions): Promise<RunResult> {
  const limit = options.limit ?? 100;
  const result: RunResult = { done: 0, failed: 0, retried: 0 };
  for (let n = 0; n < limit; n++) {
    const now = options.now ?? new Date();
    let claimed: JobRow | null = null;
    try {
      await db.transaction(async (tx) => {
        // A job done here is no longer pending, and a failed one is moved past `now`: the
        // loop never meets the same job twice.
        const result = await tx.execute(sql`select id from ${jobs}
          where status = 'pending' and run_at <= ${now.toISOString()}::timestamptz
          order by run_at, id limit 1 for update skip locked`);
        const first = rowsOf<{ id: number | string }>(result)[0];
        const id = Number(first?.id ?? Number.NaN);
        if (!Number.isFinite(id)) throw new NoJob();
        const [job] = await tx.select().from(jobs).where(sql`${jobs.id} = ${id}`);
        if (!job) throw new NoJob();
        claimed = job;
        const handler = handlers[job.kind];
        if (!handler) throw new Error(`Không có bộ xử lý cho loại việc «${job.kind}»`);
        await handler(tx, job);
        await tx
          .update(jobs)
          .set({ status: 'done', doneBy: options.workerId, doneAt: now, lastError: null })
          .where(sql`${jobs.id} = ${job.id}`);
      });
      result.done += 1;
    } catch (err) {
      if (err instanceof NoJob) break;
      const job = claimed as JobRow | null;
      if (!job) throw err;
      const attempts = job.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      const message = err instanceof Error ? err.message : String(err);
      await db
        .update(jobs)
        .set({
          attempts,
          lastError: message.slice(0, 2000),
          status: failed ? 'failed' : 'pending',
          runAt: new Date(now.getTime() + backoffMs(attempts)),
        })
        .where(sql`${jobs.id} = ${job.id} and ${jobs.status} = 'pending'`);
      if (failed) result.failed += 1;
      else result.retried += 1;
    }
  }
  return result;
}
