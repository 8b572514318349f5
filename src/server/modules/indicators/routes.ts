import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, id, idParams, okResponse, version } from '../../../contracts/common.ts';
import {
  agreementIndicatorSchema,
  indicatorCreateBody,
  indicatorLinkInput,
  indicatorLinkSchema,
  indicatorListQuery,
  indicatorListSchema,
  indicatorSchema,
  indicatorUpdateBody,
  targetDetailSchema,
  targetListQuery,
  targetsPutBody,
} from '../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { XLSX_TYPE } from '../tasks/export.ts';
import { catalogueDisposition, exportIndicatorsXlsx } from './export.ts';
import * as links from './links.ts';
import * as catalogue from './service.ts';
import * as targets from './targets.ts';

const tags = ['indicators'];

// Indicator catalogue, rules, links and targets (indicators/service.ts, links.ts, targets.ts).
export const indicatorRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/indicators',
      {
        schema: {
          tags,
          summary: 'Danh mục chỉ tiêu (tìm kiếm không dấu, lọc theo văn bản đã gắn, đang/ngừng sử dụng)',
          querystring: indicatorListQuery,
          response: { 200: indicatorListSchema },
        },
      },
      async (req) => catalogue.listIndicators(db, requireActor(req), req.query),
    );

    // A static segment: find-my-way matches it before /api/indicators/:id.
    app.get(
      '/api/indicators/export.xlsx',
      {
        schema: {
          tags,
          summary: 'Xuất danh mục chỉ tiêu ra Excel (cùng bộ lọc với danh mục, mọi dòng)',
          querystring: indicatorListQuery.omit({ limit: true, offset: true }),
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const { buffer } = await exportIndicatorsXlsx(db, requireActor(req), req.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', catalogueDisposition())
          .header('cache-control', 'no-store')
          .send(buffer);
      },
    );

    app.get(
      '/api/indicators/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết chỉ tiêu (kèm quy tắc so sánh)',
          params: idParams,
          response: { 200: indicatorSchema },
        },
      },
      async (req) => catalogue.getIndicator(db, requireActor(req), req.params.id),
    );

    app.post(
      '/api/indicators',
      {
        schema: {
          tags,
          summary:
            'Thêm chỉ tiêu vào danh mục (lãnh đạo hoặc quản trị; mã đã có → 409 INDICATOR_CODE_EXISTS, detail = id chỉ tiêu đã có)',
          body: indicatorCreateBody,
          response: { 201: indicatorSchema },
        },
      },
      async (req, reply) => {
        const out = await catalogue.createIndicator(db, requireActor(req), req.body);
        return reply.status(201).send(out);
      },
    );

    app.patch(
      '/api/indicators/:id',
      {
        schema: {
          tags,
          summary:
            'Sửa chỉ tiêu (kèm version; gửi rules thì thay toàn bộ quy tắc; active: false để ngừng sử dụng)',
          params: idParams,
          body: indicatorUpdateBody,
          response: { 200: indicatorSchema },
        },
      },
      async (req) => catalogue.updateIndicator(db, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/api/indicators/:id',
      {
        schema: {
          tags,
          summary:
            'Xóa chỉ tiêu chưa dùng (đã có số liệu, biểu mẫu hoặc chỉ tiêu kế hoạch → 409 IN_USE; hãy ngừng sử dụng)',
          params: idParams,
          querystring: z.strictObject({ version: z.coerce.number().pipe(version) }),
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await catalogue.deleteIndicator(db, requireActor(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/indicators/:id/links',
      {
        schema: {
          tags,
          summary:
            'Các văn bản (nội dung, nhiệm vụ) mà chỉ tiêu được gắn vào — chỉ văn bản người dùng xem được',
          params: idParams,
          response: { 200: z.array(indicatorLinkSchema) },
        },
      },
      async (req) => links.listLinks(db, requireActor(req), req.params.id),
    );

    app.post(
      '/api/indicators/:id/links',
      {
        schema: {
          tags,
          summary:
            'Gắn chỉ tiêu vào văn bản, nội dung hoặc nhiệm vụ (cần quyền quản lý nhiệm vụ của văn bản; đã gắn → 200 bản đã có)',
          params: idParams,
          body: indicatorLinkInput,
          response: { 200: indicatorLinkSchema, 201: indicatorLinkSchema },
        },
      },
      async (req, reply) => {
        const { link, created } = await links.createLink(db, requireActor(req), req.params.id, req.body);
        return reply.status(created ? 201 : 200).send(link);
      },
    );

    app.delete(
      '/api/indicator-links/:id',
      {
        schema: {
          tags,
          summary: 'Bỏ gắn chỉ tiêu khỏi văn bản (cần quyền quản lý nhiệm vụ của văn bản)',
          params: idParams,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await links.deleteLink(db, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/agreements/:id/indicators',
      {
        schema: {
          tags,
          summary: 'Các chỉ tiêu gắn với văn bản phối hợp (kèm các dòng gắn: văn bản, nội dung, nhiệm vụ)',
          params: idParams,
          response: { 200: z.array(agreementIndicatorSchema) },
        },
      },
      async (req) => links.agreementIndicators(db, requireActor(req), req.params.id),
    );

    app.get(
      '/api/agreements/:id/targets',
      {
        schema: {
          tags,
          summary: 'Chỉ tiêu kế hoạch của văn bản theo đơn vị và năm (lọc theo year)',
          params: idParams,
          querystring: targetListQuery,
          response: { 200: z.array(targetDetailSchema) },
        },
      },
      async (req) => targets.listTargets(db, requireActor(req), req.params.id, req.query.year),
    );

    app.put(
      '/api/agreements/:id/targets',
      {
        schema: {
          tags,
          summary:
            'Đặt chỉ tiêu kế hoạch: thêm hoặc thay giá trị theo (chỉ tiêu, đơn vị, năm), tất cả hoặc không; các chỉ tiêu kế hoạch không gửi giữ nguyên — bỏ một chỉ tiêu bằng DELETE /api/agreements/:id/targets/:targetId',
          params: idParams,
          body: targetsPutBody,
          response: { 200: z.array(targetDetailSchema) },
        },
      },
      async (req) => targets.putTargets(db, requireActor(req), req.params.id, req.body.targets),
    );

    app.delete(
      '/api/agreements/:id/targets/:targetId',
      {
        schema: {
          tags,
          summary: 'Bỏ một chỉ tiêu kế hoạch (cần quyền quản lý nhiệm vụ của văn bản)',
          params: z.strictObject({ id, targetId: id }),
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await targets.deleteTarget(db, requireActor(req), req.params.id, req.params.targetId);
        return { ok: true as const };
      },
    );
  };
