import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// Official documents of agreements and plans (DOCX, PDF, XLSX).
export const documentRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
