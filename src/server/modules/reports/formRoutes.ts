import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../../contracts/common.ts';
import { formCreateBody, formSchema, formUpdateBody } from '../../../contracts/reports.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import * as forms from './forms.ts';

const tags = ['reports'];
const deleteQuery = z.strictObject({ version: z.coerce.number().int().positive() });
const periodsQuery = z.strictObject({ year: z.coerce.number().int().min(1990).max(2100) });
const formPeriod = z.object({
  key: z.string(),
  label: z.string(),
  start: z.string(),
  end: z.string(),
  dueDate: z.string(),
});

// Report forms (biểu mẫu) of an agreement.
export const reportFormRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agreements/:id/forms',
      {
        schema: {
          tags,
          summary: 'Các biểu mẫu báo cáo của văn bản phối hợp',
          params: idParams,
          response: { 200: z.array(formSchema) },
        },
      },
      async (req) => forms.listForms(db, requireActor(req), req.params.id),
    );
    app.post(
      '/api/agreements/:id/forms',
      {
        schema: {
          tags,
          summary:
            'Tạo biểu mẫu báo cáo: chỉ tiêu, phần thuyết minh, đơn vị báo cáo, kỳ, hạn nộp, quy trình duyệt',
          params: idParams,
          body: formCreateBody,
          response: { 201: formSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await forms.createForm(db, requireActor(req), req.params.id, req.body)),
    );
    app.get(
      '/api/forms/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết biểu mẫu báo cáo',
          params: idParams,
          response: { 200: formSchema },
        },
      },
      async (req) => forms.getForm(db, requireActor(req), req.params.id),
    );
    app.patch(
      '/api/forms/:id',
      {
        schema: {
          tags,
          summary: 'Sửa biểu mẫu báo cáo (kèm version; active: false để ngừng sử dụng)',
          params: idParams,
          body: formUpdateBody,
          response: { 200: formSchema },
        },
      },
      async (req) => forms.updateForm(db, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/api/forms/:id',
      {
        schema: {
          tags,
          summary: 'Xóa biểu mẫu chưa có báo cáo (?version=N); đã có báo cáo thì ngừng sử dụng',
          params: idParams,
          querystring: deleteQuery,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await forms.deleteForm(db, requireActor(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/forms/:id/periods',
      {
        schema: {
          tags,
          summary: 'Các kỳ báo cáo của biểu mẫu trong một năm (tên kỳ, hạn nộp)',
          params: idParams,
          querystring: periodsQuery,
          response: { 200: z.array(formPeriod) },
        },
      },
      async (req) => forms.listFormPeriods(db, requireActor(req), req.params.id, req.query.year),
    );
  };
