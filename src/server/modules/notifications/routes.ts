import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// The notification centre: list, unread count, mark read, preferences.
// TODO(issue 6, notifications): routes.
export const notificationRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async () => {};
