import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  legalDocumentInput,
  legalDocumentListQuery,
  legalDocumentSchema,
  legalDocumentUpdate,
} from '../../../contracts/agreements.ts';
import { idParams, okResponse, page, version } from '../../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import * as legal from './service.ts';

const tags = ['legal-documents'];

export const legalRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/legal-documents',
      {
        schema: {
          tags,
          summary: 'Danh mục văn bản căn cứ (tìm kiếm không dấu, tra theo số hiệu)',
          querystring: legalDocumentListQuery,
          response: { 200: page(legalDocumentSchema) },
        },
      },
      async (req) => {
        requireActor(req);
        return legal.listLegalDocuments(db, req.query);
      },
    );

    app.get(
      '/api/legal-documents/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết văn bản căn cứ',
          params: idParams,
          response: { 200: legalDocumentSchema },
        },
      },
      async (req) => {
        requireActor(req);
        return legal.getLegalDocument(db, req.params.id);
      },
    );

    app.post(
      '/api/legal-documents',
      {
        schema: {
          tags,
          summary: 'Thêm văn bản căn cứ (số hiệu đã có → 409 LEGAL_DOC_EXISTS, detail = id văn bản đã có)',
          body: legalDocumentInput,
          response: { 201: legalDocumentSchema },
        },
      },
      async (req, reply) => {
        const doc = await legal.createLegalDocument(db, requireActor(req), req.body);
        return reply.status(201).send(doc);
      },
    );

    app.patch(
      '/api/legal-documents/:id',
      {
        schema: {
          tags,
          summary: 'Sửa văn bản căn cứ (kèm version)',
          params: idParams,
          body: legalDocumentUpdate,
          response: { 200: legalDocumentSchema },
        },
      },
      async (req) => legal.updateLegalDocument(db, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/api/legal-documents/:id',
      {
        schema: {
          tags,
          summary: 'Xóa văn bản căn cứ (chỉ khi chưa được văn bản phối hợp nào viện dẫn)',
          params: idParams,
          querystring: z.strictObject({ version: z.coerce.number().pipe(version) }),
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await legal.deleteLegalDocument(db, requireActor(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );
  };
