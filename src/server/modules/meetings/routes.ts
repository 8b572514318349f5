import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// Meetings: invitations, attendees, agenda, minutes, conclusions.
export const meetingRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
