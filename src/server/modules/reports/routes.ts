import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// Periodic reports: open, save, submit, approve, return, reopen, history.
export const reportRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
