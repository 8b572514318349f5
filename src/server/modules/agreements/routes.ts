import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agreementCreateBody,
  agreementDetailSchema,
  agreementListQuery,
  agreementStatusSchema,
  agreementSummarySchema,
  agreementTransitionBody,
  agreementUpdateBody,
} from '../../../contracts/agreements.ts';
import { idParams, page } from '../../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { cachedPage } from '../../lib/resultCache.ts';
import { getAgreementDetail } from './detail.ts';
import { listAgreements } from './list.ts';
import * as agreements from './service.ts';

const tags = ['agreements'];
const agreementRef = z.object({ id: z.number(), status: agreementStatusSchema, version: z.number() });

export const agreementRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agreements',
      {
        schema: {
          tags,
          summary:
            'Danh sách văn bản phối hợp trong phạm vi (lọc loại, trạng thái, đơn vị, chương trình; tìm không dấu)',
          querystring: agreementListQuery,
          response: { 200: page(agreementSummarySchema) },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        return cachedPage(db, actor, 'agreements', req.query, () => listAgreements(db, actor, req.query));
      },
    );

    app.get(
      '/api/agreements/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết văn bản phối hợp: các bên, căn cứ, kế hoạch năm, phiên bản, tệp đính kèm, quyền',
          params: idParams,
          response: { 200: agreementDetailSchema },
        },
      },
      async (req) => getAgreementDetail(db, requireActor(req), req.params.id),
    );

    app.post(
      '/api/agreements',
      {
        schema: {
          tags,
          summary: 'Tạo văn bản phối hợp (dự thảo)',
          body: agreementCreateBody,
          response: { 201: agreementRef },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await agreements.createAgreement(db, requireActor(req), req.body)),
    );

    app.post(
      '/api/agreements/:id/transitions',
      {
        schema: {
          tags,
          summary: 'Chuyển trạng thái văn bản phối hợp (lấy ý kiến, ký, hiệu lực, kết thúc)',
          params: idParams,
          body: agreementTransitionBody,
          response: { 200: agreementRef },
        },
      },
      async (req) => agreements.transitionAgreement(db, requireActor(req), req.params.id, req.body),
    );

    app.patch(
      '/api/agreements/:id',
      {
        schema: {
          tags,
          summary:
            'Sửa văn bản phối hợp khi còn dự thảo/lấy ý kiến (kèm version; văn bản đã ký → 409 AGREEMENT_LOCKED)',
          params: idParams,
          body: agreementUpdateBody,
          response: { 200: agreementRef },
        },
      },
      async (req) => agreements.updateAgreement(db, requireActor(req), req.params.id, req.body),
    );
  };
