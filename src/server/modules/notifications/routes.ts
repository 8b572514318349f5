import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  markReadInput,
  notificationListQuery,
  notificationListSchema,
  notificationPrefsInput,
  notificationPrefsSchema,
} from '../../../contracts/notifications.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import * as service from './service.ts';

const tags = ['notifications'];
const unreadSchema = z.object({ unread: z.number().int() });
const markReadResult = z.object({
  /** How many notifications became read by this call. */
  updated: z.number().int(),
  unread: z.number().int(),
});

// The notification centre: list, unread count, mark read, preferences. Always the signed-in
// user's own notifications.
export const notificationRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: 'Thông báo của tôi, mới nhất trước (lọc chưa đọc); kèm tổng số và số chưa đọc',
          querystring: notificationListQuery,
          response: { 200: notificationListSchema },
        },
      },
      async (req) => service.listNotifications(db, requireActor(req), req.query),
    );
    app.get(
      '/api/notifications/unread-count',
      {
        schema: { tags, summary: 'Số thông báo chưa đọc của tôi', response: { 200: unreadSchema } },
      },
      async (req) => ({ unread: await service.unreadCount(db, requireActor(req)) }),
    );
    app.post(
      '/api/notifications/read',
      {
        schema: {
          tags,
          summary: 'Đánh dấu đã đọc các thông báo được chọn, hoặc tất cả khi không chọn',
          body: markReadInput.nullish(),
          response: { 200: markReadResult },
        },
      },
      async (req) => service.markRead(db, requireActor(req), req.body?.ids),
    );
    app.get(
      '/api/notifications/preferences',
      {
        schema: {
          tags,
          summary: 'Cách tôi nhận thông báo: e-mail (tắt, từng thông báo, tóm tắt hằng ngày), loại bỏ qua',
          response: { 200: notificationPrefsSchema },
        },
      },
      async (req) => service.getPreferences(db, requireActor(req)),
    );
    app.put(
      '/api/notifications/preferences',
      {
        schema: {
          tags,
          summary: 'Đổi cách nhận thông báo (ghi nhật ký)',
          body: notificationPrefsInput,
          response: { 200: notificationPrefsSchema },
        },
      },
      async (req) => service.updatePreferences(db, requireActor(req), req.body),
    );
  };
