import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// Commendations (khen thưởng): proposals, decisions, register.
export const awardRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
