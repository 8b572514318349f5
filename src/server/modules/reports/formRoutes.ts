import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// Report forms (biểu mẫu) of an agreement.
export const reportFormRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
