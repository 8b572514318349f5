// HTTP load with autocannon, in this process (the server under test runs as a child, so
// the load generator and the server each get a core).
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** Request headers (e.g. the session cookie). */
  headers?: Record<string, string>;
  connections?: number;
  /** Measured seconds. */
  duration: number;
  /** Unmeasured seconds before the measurement (JIT, caches, pool). 0 = none. */
  warmup?: number;
}

export interface LoadResult {
  url: string;
  connections: number;
  durationS: number;
  requests: number;
  reqPerSec: number;
  latencyMs: { avg: number; p50: number; p90: number; p97_5: number; p99: number; max: number };
  /**
   * Percentiles computed here from every 2xx response time of the measured run (autocannon
   * reports p2.5/p50/p90/p97.5/p99 only, rounded to whole ms; targets stated as p95 need this).
   */
  exactMs: { samples: number; p50: number; p95: number; p99: number };
  /** Connection errors + timeouts. */
  errors: number;
  non2xx: number;
  throughputMBps: number;
}

function run(
  url: string,
  opts: Partial<autocannon.Options>,
  onLatency?: (ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
    if (onLatency)
      instance.on('response', (_client, statusCode: number, _bytes, responseTime: number) => {
        if (statusCode >= 200 && statusCode < 300) onLatency(responseTime);
      });
  });
}

/** Nearest-rank percentile of ascending-sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export async function measure(options: LoadOptions): Promise<LoadResult> {
  const connections = options.connections ?? 50;
  const common = { connections, headers: options.headers ?? {} };
  if (options.warmup && options.warmup > 0) await run(options.url, { ...common, duration: options.warmup });
  const samples: number[] = [];
  const r = await run(options.url, { ...common, duration: options.duration }, (ms) => samples.push(ms));
  const sorted = Float64Array.from(samples).sort();
  return {
    url: options.url,
    connections,
    durationS: r.duration,
    requests: r.requests.total,
    reqPerSec: r.requests.total / r.duration,
    latencyMs: {
      avg: r.latency.average,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    exactMs: {
      samples: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    },
    errors: r.errors,
    non2xx: r.non2xx,
    throughputMBps: r.throughput.average / 1_048_576,
  };
}
