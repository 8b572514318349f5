import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileResponse, idParams } from '../../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import {
  agreementDocData,
  agreementDocument,
  documentFileName,
  planDocument,
  planFileName,
  planXlsx,
} from './agreementDocs.ts';
import { renderDocx } from './render.ts';
import { documentFormatQuery, sendDocument } from './send.ts';

const tags = ['documents'];

// Official documents of agreements and plans (DOCX, PDF, XLSX).
export const documentRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agreements/:id/document.docx',
      {
        schema: {
          tags,
          summary:
            'Tải văn bản chương trình, quy chế hoặc kế hoạch phối hợp (Word theo Nghị định 30/2020 hoặc Hướng dẫn 36-HD/VPTW; ?format=pdf cần LibreOffice)',
          params: idParams,
          querystring: documentFormatQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const data = await agreementDocData(db, requireActor(req), req.params.id);
        const buffer = await renderDocx(agreementDocument(data));
        return sendDocument(reply, buffer, documentFileName(data.row.subject), req.query.format);
      },
    );
    app.get(
      '/api/agreements/:id/plan.docx',
      {
        schema: {
          tags,
          summary:
            'Tải kế hoạch phối hợp (Word, trang ngang): các nội dung và bảng nhiệm vụ với đơn vị chủ trì, phối hợp, thời gian, sản phẩm; ?format=pdf cần LibreOffice',
          params: idParams,
          querystring: documentFormatQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const data = await agreementDocData(db, requireActor(req), req.params.id);
        const buffer = await renderDocx(planDocument(data));
        return sendDocument(reply, buffer, planFileName(data.row.subject), req.query.format);
      },
    );
    app.get(
      '/api/agreements/:id/plan.xlsx',
      {
        schema: {
          tags,
          summary: 'Xuất bảng nhiệm vụ của kế hoạch phối hợp ra Excel (theo từng nội dung)',
          params: idParams,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const data = await agreementDocData(db, requireActor(req), req.params.id);
        return sendDocument(reply, await planXlsx(data), planFileName(data.row.subject), 'xlsx');
      },
    );
  };
