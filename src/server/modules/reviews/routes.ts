import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// Review reports (báo cáo sơ kết / tổng kết) drafted from approved data.
export const reviewRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
