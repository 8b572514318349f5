import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// Roll-ups, reporting-status matrix, dashboards and their XLSX exports.
export const rollupRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
