import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agreementCommentBody,
  agreementCommentSchema,
  agreementLegalBasesBody,
  agreementPartiesBody,
  agreementRevisionBody,
  agreementRevisionRef,
  agreementStatusSchema,
  agreementVersionParams,
  agreementVersionSchema,
  versionDiffQuery,
  versionDiffSchema,
} from '../../../contracts/agreements.ts';
import { idParams } from '../../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import * as versions from './versions.ts';

const tags = ['agreements'];
const agreementRef = z.object({ id: z.number(), status: agreementStatusSchema, version: z.number() });

/** Versions and amendments, the diff between them, consultation comments, parties and legal bases. */
export const agreementVersionRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/agreements/:id/versions',
      {
        schema: {
          tags,
          summary:
            'Tạo phiên bản mới: dự thảo mới (khi dự thảo/lấy ý kiến) hoặc văn bản bổ sung (khi đã ký/đang hiệu lực)',
          params: idParams,
          body: agreementRevisionBody,
          response: { 201: agreementRevisionRef },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await versions.reviseAgreement(db, requireActor(req), req.params.id, req.body)),
    );

    app.get(
      '/api/agreements/:id/versions/:number',
      {
        schema: {
          tags,
          summary: 'Nội dung một phiên bản của văn bản phối hợp',
          params: agreementVersionParams,
          response: { 200: agreementVersionSchema },
        },
      },
      async (req) => versions.getVersion(db, requireActor(req), req.params.id, req.params.number),
    );

    app.get(
      '/api/agreements/:id/diff',
      {
        schema: {
          tags,
          summary: 'So sánh hai phiên bản (mặc định: phiên bản hiện tại với phiên bản trước), theo từng dòng',
          params: idParams,
          querystring: versionDiffQuery,
          response: { 200: versionDiffSchema },
        },
      },
      async (req) => versions.diffVersions(db, requireActor(req), req.params.id, req.query),
    );

    app.post(
      '/api/agreements/:id/comments',
      {
        schema: {
          tags,
          summary: 'Góp ý dự thảo (chỉ khi lấy ý kiến; thay mặt một bên tham gia)',
          params: idParams,
          body: agreementCommentBody,
          response: { 201: agreementCommentSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await versions.commentOnAgreement(db, requireActor(req), req.params.id, req.body)),
    );

    app.get(
      '/api/agreements/:id/comments',
      {
        schema: {
          tags,
          summary: 'Các ý kiến góp ý dự thảo',
          params: idParams,
          response: { 200: z.array(agreementCommentSchema) },
        },
      },
      async (req) => versions.listComments(db, requireActor(req), req.params.id),
    );

    app.patch(
      '/api/agreements/:id/parties',
      {
        schema: {
          tags,
          summary: 'Thay các bên tham gia khi còn dự thảo (đơn vị chủ trì phải còn trong số đó)',
          params: idParams,
          body: agreementPartiesBody,
          response: { 200: agreementRef },
        },
      },
      async (req) => versions.setParties(db, requireActor(req), req.params.id, req.body),
    );

    app.put(
      '/api/agreements/:id/legal-bases',
      {
        schema: {
          tags,
          summary: 'Thay các văn bản căn cứ khi còn dự thảo',
          params: idParams,
          body: agreementLegalBasesBody,
          response: { 200: agreementRef },
        },
      },
      async (req) => versions.setLegalBases(db, requireActor(req), req.params.id, req.body),
    );
  };
