import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';

// XLSX data-entry template download and upload of a report.
export const reportXlsxRoutes =
  (_db: Db): FastifyPluginAsyncZod =>
  async (_app) => {};
