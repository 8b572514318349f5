import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';

// GET /api/live: Server-Sent Events for the signed-in user (new bulletins, notifications),
// fed by PostgreSQL LISTEN/NOTIFY so events cross app instances. TODO(issue 6, live).
export const liveRoutes =
  (_database: Database): FastifyPluginAsyncZod =>
  async () => {};
