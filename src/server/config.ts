import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const intFrom = (def: number) => z.coerce.number().int().positive().default(def);

// Every setting comes from the environment (README, "Cấu hình"); validated once at start.
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  PHOIHOP_DATA_DIR: z.string().default('./data'),
  PHOIHOP_DEMO: z.enum(['0', '1']).default('1'),
  PHOIHOP_DEMO_PASSWORD: z.string().optional(),
  PHOIHOP_COOKIE_SECURE: flag,
  PHOIHOP_TRUST_PROXY: flag,
  PHOIHOP_SESSION_IDLE_MINUTES: intFrom(8 * 60),
  PHOIHOP_SESSION_MAX_HOURS: intFrom(7 * 24),
  PHOIHOP_LOGIN_MAX_PER_MINUTE: intFrom(10),
  PHOIHOP_LOCKOUT_FAILURES: intFrom(5),
  PHOIHOP_LOCKOUT_MINUTES: intFrom(15),
  PHOIHOP_DB_POOL: intFrom(10),
  PHOIHOP_LIST_CACHE: z.enum(['0', '1']).default('1'),
  PHOIHOP_MAX_UPLOAD_MB: intFrom(20),
  // E-mail (notifications): off unless SMTP_URL is set, e.g. smtp://user:pass@mail.gov.vn:587.
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  MAIL_FROM: z.string().default('PhốiHợp <khong-tra-loi@phoihop.local>'),
  /** The address users open the app at, for links in e-mails. */
  PHOIHOP_PUBLIC_URL: z.string().default('http://localhost:3000'),
  // Reminders and e-mail delivery run in every instance (jobs are claimed once, see README).
  PHOIHOP_SCHEDULER: z.enum(['0', '1']).default('1'),
  PHOIHOP_SCHEDULER_SECONDS: intFrom(60),
  PHOIHOP_REMIND_DUE_DAYS: intFrom(3),
  PHOIHOP_REMIND_APPROVAL_DAYS: intFrom(3),
  PHOIHOP_ESCALATE_APPROVAL_DAYS: intFrom(7),
  PHOIHOP_REMIND_ACK_HOURS: intFrom(24),
  PHOIHOP_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = envSchema.parse(env);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.PHOIHOP_DATA_DIR,
    demo: e.PHOIHOP_DEMO === '1',
    demoPassword: e.PHOIHOP_DEMO_PASSWORD,
    cookieSecure: e.PHOIHOP_COOKIE_SECURE,
    trustProxy: e.PHOIHOP_TRUST_PROXY,
    session: { idleMinutes: e.PHOIHOP_SESSION_IDLE_MINUTES, absoluteHours: e.PHOIHOP_SESSION_MAX_HOURS },
    login: {
      maxPerMinute: e.PHOIHOP_LOGIN_MAX_PER_MINUTE,
      maxFailures: e.PHOIHOP_LOCKOUT_FAILURES,
      lockMinutes: e.PHOIHOP_LOCKOUT_MINUTES,
    },
    dbPool: e.PHOIHOP_DB_POOL,
    listCache: e.PHOIHOP_LIST_CACHE === '1',
    maxUploadMb: e.PHOIHOP_MAX_UPLOAD_MB,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, publicUrl: e.PHOIHOP_PUBLIC_URL.replace(/\/$/, '') },
    scheduler: {
      enabled: e.PHOIHOP_SCHEDULER === '1',
      intervalSeconds: e.PHOIHOP_SCHEDULER_SECONDS,
      dueDays: e.PHOIHOP_REMIND_DUE_DAYS,
      approvalDays: e.PHOIHOP_REMIND_APPROVAL_DAYS,
      escalateDays: e.PHOIHOP_ESCALATE_APPROVAL_DAYS,
      ackHours: e.PHOIHOP_REMIND_ACK_HOURS,
      digestHour: e.PHOIHOP_DIGEST_HOUR,
    },
    logLevel: e.LOG_LEVEL,
    prettyLogs: e.LOG_FORMAT === 'pretty' || (e.LOG_FORMAT === 'auto' && process.stdout.isTTY === true),
  };
}

/** PGlite keeps its files in a sub-folder of the data directory (attachments go beside it). */
export function pgliteDir(config: Pick<Config, 'dataDir'>): string {
  return `${config.dataDir.replace(/\/$/, '')}/pglite`;
}
