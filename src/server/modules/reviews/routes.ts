import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, idParams } from '../../../contracts/common.ts';
import {
  reviewCreateBody,
  reviewListItem,
  reviewSchema,
  reviewUpdateBody,
  reviewVersionSchema,
} from '../../../contracts/meetings.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { documentFormatQuery } from '../documents/send.ts';
import { reviewDocx, reviewFiguresXlsx } from './files.ts';
import * as service from './service.ts';

const tags = ['reviews'];

// Review reports (báo cáo sơ kết / tổng kết) drafted from approved data.
export const reviewRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agreements/:id/reviews',
      {
        schema: {
          tags,
          summary: 'Danh sách báo cáo sơ kết, tổng kết của văn bản',
          params: idParams,
          response: { 200: z.object({ items: z.array(reviewListItem) }) },
        },
      },
      async (req) => ({ items: await service.listReviews(db, requireActor(req), req.params.id) }),
    );
    app.post(
      '/api/agreements/:id/reviews',
      {
        schema: {
          tags,
          summary: 'Tạo báo cáo sơ kết, tổng kết cho một kỳ (6 tháng, năm, giai đoạn) từ số liệu đã duyệt',
          params: idParams,
          body: reviewCreateBody,
          response: { 201: reviewSchema },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await service.createReview(db, actor, req.params.id, req.body);
        return reply.code(201).send(await service.getReview(db, actor, id));
      },
    );
    app.get(
      '/api/reviews/:id',
      {
        schema: {
          tags,
          summary: 'Dự thảo báo cáo sơ kết, tổng kết (số liệu trực tiếp hoặc đã chốt)',
          params: idParams,
          response: { 200: reviewSchema },
        },
      },
      async (req) => service.getReview(db, requireActor(req), req.params.id),
    );
    app.patch(
      '/api/reviews/:id',
      {
        schema: {
          tags,
          summary: 'Lưu báo cáo sơ kết, tổng kết (kèm version; frozen: chốt hoặc bỏ chốt số liệu)',
          params: idParams,
          body: reviewUpdateBody,
          response: { 200: reviewSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await service.updateReview(db, actor, req.params.id, req.body);
        return service.getReview(db, actor, req.params.id);
      },
    );
    app.get(
      '/api/reviews/:id/versions',
      {
        schema: {
          tags,
          summary: 'Các phiên bản đã lưu của báo cáo sơ kết, tổng kết',
          params: idParams,
          response: { 200: z.object({ items: z.array(reviewVersionSchema) }) },
        },
      },
      async (req) => ({ items: await service.listVersions(db, requireActor(req), req.params.id) }),
    );
    app.get(
      '/api/reviews/:id/document.docx',
      {
        schema: {
          tags,
          summary: 'Tải báo cáo sơ kết, tổng kết (Word; ?format=pdf để lấy PDF)',
          params: idParams,
          querystring: documentFormatQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => reviewDocx(db, requireActor(req), req.params.id, req.query.format, reply),
    );
    app.get(
      '/api/reviews/:id/figures.xlsx',
      {
        schema: {
          tags,
          summary: 'Bảng chỉ tiêu của báo cáo sơ kết, tổng kết (Excel)',
          params: idParams,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => reviewFiguresXlsx(db, requireActor(req), req.params.id, reply),
    );
  };
