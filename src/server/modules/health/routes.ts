import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';

export const healthRoutes =
  (database: Database, version: string): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { public: true },
        schema: {
          tags: ['system'],
          summary: 'Tình trạng hệ thống / health check',
          response: {
            200: z.object({
              status: z.literal('ok'),
              db: z.enum(['pglite', 'postgres']),
              version: z.string(),
            }),
          },
        },
      },
      async () => {
        await database.db.execute(sql`select 1`);
        return { status: 'ok' as const, db: database.kind, version };
      },
    );
  };
