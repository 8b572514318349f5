import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntrySchema, auditListQuery } from '../../../contracts/audit.ts';
import { page } from '../../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { listAudit } from './service.ts';

export const auditRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Nhật ký thao tác (chỉ đọc)',
          querystring: auditListQuery,
          response: { 200: page(auditEntrySchema) },
        },
      },
      async (req) => listAudit(db, requireActor(req), req.query),
    );
  };
