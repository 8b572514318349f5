import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// Indicator catalogue, rules, links and targets (indicators/service.ts).
export const indicatorRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
