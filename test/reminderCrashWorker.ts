// A worker for the crash test (scheduler.pg.test.ts), run as its own process:
//   node test/reminderCrashWorker.ts <databaseUrl> <nowIso>
// It processes due jobs with the real handlers, but after the first handler has written its
// notifications it says `IN_JOB <id>` and hangs inside the open transaction, waiting to be
// SIGKILLed — the app killed in the middle of sending a reminder.
import { openDatabase } from '../src/server/db/client.ts';
import { reminderHandlers } from '../src/server/modules/reminders/handlers.ts';
import { type JobHandlers, runDueJobs } from '../src/server/modules/reminders/jobs.ts';

const [url, nowIso] = process.argv.slice(2);
if (!url || !nowIso) throw new Error('usage: reminderCrashWorker.ts <databaseUrl> <nowIso>');
const database = await openDatabase({ url, poolSize: 2 });
const real = reminderHandlers({ dueDays: 3, approvalDays: 3, escalateDays: 7, ackHours: 24 });
const hanging: JobHandlers = Object.fromEntries(
  Object.entries(real).map(([kind, handler]) => [
    kind,
    async (tx, job) => {
      await handler(tx, job);
      process.stdout.write(`IN_JOB ${job.id}\n`);
      await new Promise(() => {});
    },
  ]),
);
await runDueJobs(database.db, hanging, { workerId: 'killed', now: new Date(nowIso) });
