import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, page } from '../../../contracts/common.ts';
import {
  bulletinDetailSchema,
  bulletinInput,
  bulletinListQuery,
  bulletinReplyInput,
  bulletinSchema,
} from '../../../contracts/exchange.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import * as exchange from './service.ts';

const tags = ['exchange'];

// Information exchange between partner units (thông tin trao đổi): bulletins, receipts, threads.
export const exchangeRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/bulletins',
      {
        schema: {
          tags,
          summary:
            'Danh sách thông tin trao đổi: hộp đến, đã gửi hoặc tất cả; lọc theo loại, chưa xác nhận; tìm không dấu',
          querystring: bulletinListQuery,
          response: { 200: page(bulletinSchema) },
        },
      },
      async (req) => exchange.listBulletins(db, requireActor(req), req.query),
    );
    app.post(
      '/api/bulletins',
      {
        schema: {
          tags,
          summary:
            'Gửi thông tin trao đổi tới đơn vị phối hợp (không được gửi thông tin mật, tối mật, tuyệt mật)',
          body: bulletinInput,
          response: { 201: bulletinSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await exchange.createBulletin(db, requireActor(req), req.body)),
    );
    app.get(
      '/api/bulletins/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết thông tin trao đổi: tình trạng xác nhận của từng đơn vị nhận và các trả lời',
          params: idParams,
          response: { 200: bulletinDetailSchema },
        },
      },
      async (req) => exchange.getBulletin(db, requireActor(req), req.params.id),
    );
    app.post(
      '/api/bulletins/:id/ack',
      {
        schema: {
          tags,
          summary: 'Xác nhận đã nhận thông tin (đơn vị nhận; xác nhận lại không đổi gì)',
          params: idParams,
          response: { 200: bulletinSchema },
        },
      },
      async (req) => exchange.acknowledgeBulletin(db, requireActor(req), req.params.id),
    );
    app.post(
      '/api/bulletins/:id/replies',
      {
        schema: {
          tags,
          summary:
            'Trả lời thông tin trao đổi (gửi lại đơn vị gửi); trả lời yêu cầu phối hợp đánh dấu đã trả lời',
          params: idParams,
          body: bulletinReplyInput,
          response: { 201: bulletinSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await exchange.replyToBulletin(db, requireActor(req), req.params.id, req.body)),
    );
  };
