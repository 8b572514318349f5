// Spawning servers for benchmarks: pick a free port, start a child process, wait for the
// first 200 on a health URL, stop it cleanly. Every child is tracked so that a crash or
// Ctrl-C in the bench still ends them (see `stopAll`).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Repository root (bench/lib/ → ../../). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StartedServer {
  proc: ChildProcess;
  port: number;
  url: string;
  /** Milliseconds from spawn to the first 200 on the health path. */
  readyMs: number;
  /** Last lines the child wrote to stdout/stderr (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Script path relative to the repository root, run with this Node binary. */
  script: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Path polled until it answers 200. */
  healthPath?: string;
  /** Poll interval in ms (default 25). */
  pollMs?: number;
  /** Give up after this many ms (default 60 000). */
  timeoutMs?: number;
  port?: number;
}

const children = new Set<ChildProcess>();

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `node <script>` and resolves once `healthPath` answers 200. */
export async function startServer(options: SpawnOptions): Promise<StartedServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const healthUrl = `${url}${options.healthPath ?? '/api/health'}`;
  const pollMs = options.pollMs ?? 25;
  const timeoutMs = options.timeoutMs ?? 60_000;

  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  const t0 = performance.now();
  const proc = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    proc.once('exit', (code) => {
      exited = code;
      children.delete(proc);
      resolve();
    }),
  );

  const stop = async () => {
    if (exited !== undefined) return;
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exitPromise;
    clearTimeout(killer);
  };

  for (;;) {
    if (exited !== undefined)
      throw new Error(`${options.script} exited (code ${exited}) before ready:\n${log}`);
    if (performance.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`${options.script} not ready after ${timeoutMs} ms:\n${log}`);
    }
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(pollMs);
  }
  const readyMs = performance.now() - t0;
  return { proc, port, url, readyMs, output: () => log, stop };
}

/** Kills every child still running (SIGKILL after a grace period). */
export async function stopAll(): Promise<void> {
  const waits = [...children].map(
    (proc) =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5_000).unref();
      }),
  );
  await Promise.all(waits);
}

/** Logs in and returns the `cookie` header value for later requests. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status}: ${body}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const session = cookies.find((c) => c?.startsWith('phoihop_session='));
  if (!session) throw new Error('login: no phoihop_session cookie in the response');
  return cookies.join('; ');
}
