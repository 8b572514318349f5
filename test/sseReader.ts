/**
 * A minimal Server-Sent Events client over fetch, for the tests and the benchmark (a browser
 * uses EventSource): opens the stream, parses `event:`/`data:` blocks, lets callers wait for
 * an event, and records when each arrived.
 */
export interface SseMessage {
  event: string;
  data: unknown;
  /** performance.timeOrigin + performance.now() when the block was parsed (ms since epoch). */
  receivedAt: number;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** The response body when it was not a stream (e.g. the 401 error). */
  body: string | null;
  /** The `retry:` the server asked for, once seen. */
  retry: number | null;
  messages: SseMessage[];
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  /** Waits until a message matches (default 10 s); not with an `onMessage` handler. */
  waitFor(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
  onMessage?: (m: SseMessage) => void,
): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  const isStream = res.ok && (res.headers.get('content-type') ?? '').startsWith('text/event-stream');
  const stream: SseStream = {
    status: res.status,
    headers: res.headers,
    body: isStream ? null : await res.text(),
    retry: null,
    messages,
    ended: Promise.resolve(),
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          waiters.delete(check as () => void);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(new Error(`no matching event within ${timeoutMs} ms (got ${JSON.stringify(messages)})`));
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      });
    },
    close: () => abort.abort(),
  };
  if (!isStream || !res.body) return stream;

  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  stream.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event = value;
            else if (field === 'data') data.push(value);
            else if (field === 'retry') stream.retry = Number(value);
          }
          if (!data.length) continue;
          const message = {
            event,
            data: JSON.parse(data.join('\n')),
            receivedAt: performance.timeOrigin + performance.now(),
          };
          // A caller with its own handler (the benchmark) keeps what it needs itself.
          if (onMessage) onMessage(message);
          else messages.push(message);
          for (const w of [...waiters]) w();
        }
      }
    } catch {
      // Closed by us (abort) or the connection dropped: either way the stream has ended.
    }
  })();
  return stream;
}
