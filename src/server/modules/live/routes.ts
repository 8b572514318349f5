import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { LiveHub, type LiveHubOptions } from './hub.ts';

/** Browsers wait this long before reconnecting a dropped stream. */
export const RETRY_MS = 5_000;

const eventData = z
  .object({
    type: z.enum(['notification', 'bulletin', 'resync']),
    id: z.number().int().optional(),
    userId: z.number().int().optional(),
    action: z.enum(['sent', 'acknowledged', 'replied']).optional(),
    unitPaths: z.array(z.string()).optional(),
    sentAt: z.string(),
  })
  .describe(
    'Luồng text/event-stream (không phải JSON): mỗi sự kiện `event: notification | bulletin | resync` với `data:` là JSON như sau; `: ping` mỗi 25 giây.',
  );

/**
 * GET /api/live: Server-Sent Events for the signed-in user — new notifications and
 * bulletins they may see, from whichever app instance wrote them (PostgreSQL LISTEN/NOTIFY,
 * see hub.ts). Authenticated like every route (session cookie, or a Bearer token); a GET,
 * so no CSRF token. A stream whose session ends is closed at the next heartbeat (≤ 25 s).
 */
export const liveRoutes =
  (database: Database, options: LiveHubOptions = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const hub = new LiveHub(database, { log: app.log, ...options });
    // Before the server waits for open requests to finish: open streams never would.
    app.addHook('preClose', async () => {
      await hub.close();
    });

    app.get(
      '/api/live',
      {
        schema: {
          tags: ['live'],
          summary:
            'Cập nhật trực tiếp (Server-Sent Events): thông báo mới và thông tin trao đổi người dùng được xem, từ mọi phiên bản máy chủ',
          response: { 200: eventData },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        // Listening before the headers go out: once the client sees 200, events reach it.
        await hub.start();
        reply.hijack();
        const res = reply.raw;
        if (res.destroyed) return;
        // Headers already set for this reply (request id, helmet's, a refreshed session
        // cookie) go out with the stream's own. no-transform: no proxy may compress or
        // buffer it; X-Accel-Buffering: nginx passes each event through at once.
        const headers: OutgoingHttpHeaders = {
          ...(reply.getHeaders() as OutgoingHttpHeaders),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
        };
        res.socket?.setNoDelay(true);
        res.writeHead(200, headers);
        res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
        // Events of one commit arrive together (a bulletin and its notification): corked
        // until the end of the tick, they leave in one packet instead of one write each.
        let corked = false;
        const remove = hub.add(actor, {
          write: (chunk) => {
            if (!corked) {
              corked = true;
              res.cork();
              process.nextTick(() => {
                corked = false;
                res.uncork();
              });
            }
            res.write(chunk);
          },
          end: () => res.end(),
          backlog: () => res.writableLength,
        });
        res.on('close', remove);
      },
    );
  };
