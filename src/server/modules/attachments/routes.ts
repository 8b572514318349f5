import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentSchema } from '../../../contracts/attachments.ts';
import { fileResponse, id, idParams, okResponse } from '../../../contracts/common.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { cleanFileName } from './fileType.ts';
import * as service from './service.ts';
import { attachmentRoot } from './storage.ts';

const tags = ['attachments'];
const uploadSummary = (to: string) =>
  `Đính kèm một tệp vào ${to} (multipart/form-data, trường "file"; PDF, DOC, DOCX, XLSX, JPEG, PNG)`;

/** RFC 6266/5987: an ASCII fallback plus the exact UTF-8 name for Vietnamese file names. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Reads the one file of a multipart request (field "file") into memory, within the size limit. */
async function readUpload(req: FastifyRequest, maxUploadMb: number) {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw invalidField('file', 'Hãy gửi tệp đính kèm dạng multipart/form-data trong trường "file".');
    }
    throw err;
  }
  if (part?.fieldname !== 'file') {
    throw invalidField('file', 'Chưa có tệp đính kèm trong trường "file".');
  }
  const fileName = cleanFileName(part.filename);
  try {
    return { fileName, data: await part.toBuffer() };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('FILE_TOO_LARGE', {
        fields: [
          { path: 'file', message: `Tệp "${fileName}" vượt quá dung lượng tối đa ${maxUploadMb} MB.` },
        ],
      });
    }
    throw err;
  }
}

export const attachmentRoutes =
  (db: Db, config: Pick<Config, 'dataDir' | 'maxUploadMb'>): FastifyPluginAsyncZod =>
  async (app) => {
    const root = attachmentRoot(config);
    // Multipart only for this plugin's routes; the rest of the API stays JSON-only.
    await app.register(multipart, {
      limits: { fileSize: config.maxUploadMb * 1024 * 1024, files: 1, fields: 10, parts: 11 },
    });

    const upload = async (req: FastifyRequest, owner: service.Owner) => {
      const actor = requireActor(req);
      await service.assertMayAttach(db, actor, owner);
      return service.storeAttachment(db, root, actor, owner, await readUpload(req, config.maxUploadMb));
    };

    app.post(
      '/api/agreements/:id/attachments',
      {
        schema: {
          tags,
          summary: uploadSummary('văn bản phối hợp'),
          params: idParams,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await upload(req, { type: 'agreement', id: req.params.id })),
    );

    app.post(
      '/api/tasks/:id/updates/:updateId/attachments',
      {
        schema: {
          tags,
          summary: uploadSummary('một cập nhật tiến độ nhiệm vụ'),
          params: z.strictObject({ id, updateId: id }),
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await upload(req, { type: 'task_update', taskId: req.params.id, updateId: req.params.updateId }),
          ),
    );

    app.post(
      '/api/reports/:id/attachments',
      {
        schema: {
          tags,
          summary: uploadSummary('báo cáo định kỳ (cán bộ đơn vị báo cáo, khi báo cáo còn sửa được)'),
          params: idParams,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await upload(req, { type: 'report', id: req.params.id })),
    );

    app.post(
      '/api/meetings/:id/attachments',
      {
        schema: {
          tags,
          summary: uploadSummary('hội nghị (tài liệu hội nghị; người được sửa hội nghị)'),
          params: idParams,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await upload(req, { type: 'meeting', id: req.params.id })),
    );

    app.post(
      '/api/bulletins/:id/attachments',
      {
        schema: {
          tags,
          summary: uploadSummary('thông tin trao đổi (cán bộ đơn vị gửi; đơn vị nhận chỉ tải về)'),
          params: idParams,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await upload(req, { type: 'bulletin', id: req.params.id })),
    );

    app.get(
      '/api/agreements/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Các tệp đính kèm của văn bản phối hợp',
          params: idParams,
          response: { 200: z.array(attachmentSchema) },
        },
      },
      async (req) => service.listAgreementAttachments(db, requireActor(req), req.params.id),
    );

    app.get(
      '/api/attachments/:id',
      {
        schema: {
          tags,
          summary: 'Tải tệp đính kèm (nội dung tệp, đúng Content-Type; chỉ khi xem được văn bản/nhiệm vụ)',
          params: idParams,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const file = await service.openAttachment(db, root, requireActor(req), req.params.id);
        return reply
          .header('content-type', file.mimeType)
          .header('content-length', file.size)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(file.handle.createReadStream());
      },
    );

    app.delete(
      '/api/attachments/:id',
      {
        schema: {
          tags,
          summary: 'Xóa tệp đính kèm (người tải lên hoặc cán bộ đơn vị quản lý)',
          params: idParams,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await service.deleteAttachment(db, root, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
