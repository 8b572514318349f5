import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, idParams, okResponse, page } from '../../../contracts/common.ts';
import { awardInput, awardListQuery, awardSchema, awardUpdateBody } from '../../../contracts/meetings.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { issuerOf } from '../documents/issuer.ts';
import { renderDocx } from '../documents/render.ts';
import { sendDocument } from '../documents/send.ts';
import { awardListDocQuery, awardListDocument, awardListFileName, awardListScope } from './document.ts';
import { awardsDisposition, exportAwardsXlsx, XLSX_TYPE } from './export.ts';
import * as awards from './service.ts';

const tags = ['awards'];
const deleteQuery = z.strictObject({ version: z.coerce.number().int().positive() });

// Commendations (khen thưởng): proposals, decisions, register, Excel export.
export const awardRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/awards',
      {
        schema: {
          tags,
          summary: 'Sổ khen thưởng: đề nghị và quyết định, có bộ lọc và tìm kiếm không dấu',
          querystring: awardListQuery,
          response: { 200: page(awardSchema) },
        },
      },
      async (req) => awards.listAwards(db, requireActor(req), req.query),
    );
    // Static segments: find-my-way matches them before /api/awards/:id.
    app.get(
      '/api/awards/export.xlsx',
      {
        schema: {
          tags,
          summary: 'Xuất sổ khen thưởng ra Excel (cùng bộ lọc với danh sách, mọi dòng)',
          querystring: awardListQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const { limit: _l, offset: _o, ...query } = req.query;
        const { buffer } = await exportAwardsXlsx(db, requireActor(req), query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', awardsDisposition())
          .header('cache-control', 'no-store')
          .send(buffer);
      },
    );
    app.get(
      '/api/awards/list.docx',
      {
        schema: {
          tags,
          summary:
            'Danh sách khen thưởng (DS) của một hội nghị hoặc văn bản phối hợp, theo thể thức văn bản hành chính (?format=pdf)',
          querystring: awardListDocQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const scope = await awardListScope(db, actor, req.query);
        const issuer = await issuerOf(db, scope.issuingUnitId);
        const context = { ...scope, issuer, year: req.query.year ?? null };
        const buffer = await renderDocx(awardListDocument(context));
        return sendDocument(reply, buffer, awardListFileName(context), req.query.format);
      },
    );
    app.post(
      '/api/awards',
      {
        schema: {
          tags,
          summary: 'Đề nghị khen thưởng (hoặc ghi quyết định khen thưởng: lãnh đạo)',
          body: awardInput,
          response: { 201: awardSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await awards.createAward(db, requireActor(req), req.body)),
    );
    app.get(
      '/api/awards/:id',
      {
        schema: { tags, summary: 'Chi tiết khen thưởng', params: idParams, response: { 200: awardSchema } },
      },
      async (req) => awards.getAward(db, requireActor(req), req.params.id),
    );
    app.patch(
      '/api/awards/:id',
      {
        schema: {
          tags,
          summary:
            'Sửa khen thưởng (kèm version); chuyển thành quyết định cần số, ngày và cơ quan quyết định',
          params: idParams,
          body: awardUpdateBody,
          response: { 200: awardSchema },
        },
      },
      async (req) => awards.updateAward(db, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/api/awards/:id',
      {
        schema: {
          tags,
          summary: 'Xóa khen thưởng (?version=N); quyết định chỉ lãnh đạo được xóa',
          params: idParams,
          querystring: deleteQuery,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await awards.deleteAward(db, requireActor(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );
  };
