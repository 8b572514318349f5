import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, idParams } from '../../../contracts/common.ts';
import { periodKey, reportSchema } from '../../../contracts/reports.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { cleanFileName } from '../attachments/fileType.ts';
import { contentDisposition } from '../attachments/routes.ts';
import { bulkTemplate, importBulkFile } from './xlsxBulk.ts';
import { importReportFile, reportTemplate } from './xlsxImport.ts';
import { XLSX_TYPE } from './xlsxRead.ts';

const tags = ['reports'];

/** Upload bounds: one report's file is small; a province's many-unit file may be tens of MB. */
const REPORT_FILE_MB = 20;
const BULK_FILE_MB = 100;

export const xlsxImportResult = z.object({
  report: reportSchema,
  /** Rows read from "Số liệu" (rows left blank clear their cell). */
  rows: z.number().int(),
  /** Of them, rows with a value. */
  values: z.number().int(),
  /** Whether the "Thuyết minh" sheet was read. */
  narrative: z.boolean(),
});

export const xlsxBulkImportResult = z.object({
  /** Values written (rows with a value; blank rows are skipped). */
  values: z.number().int(),
  reports: z.array(
    z.object({
      id: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
      period: z.string(),
      /** A draft created by this import. */
      created: z.boolean(),
      values: z.number().int(),
    }),
  ),
});

/**
 * The file (field "file") and the optional "version" field of a multipart upload, in any
 * order; over the size bound → 413.
 */
async function readUpload(req: FastifyRequest, maxMb: number) {
  let file: { fileName: string; data: Buffer } | null = null;
  let version: number | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxMb * 1024 * 1024, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer();
          continue;
        }
        const fileName = cleanFileName(part.filename || 'tep.xlsx');
        file = { fileName, data: await part.toBuffer() };
      } else if (part.fieldname === 'version') {
        const raw = String(part.value).trim();
        if (raw !== '') {
          const n = Number(raw);
          if (!Number.isInteger(n) || n < 1)
            throw invalidField('version', 'Phiên bản phải là số nguyên dương.');
          version = n;
        }
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw invalidField('file', 'Hãy gửi tệp Excel dạng multipart/form-data trong trường "file".');
    }
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('FILE_TOO_LARGE', {
        fields: [{ path: 'file', message: `Tệp vượt quá dung lượng tối đa ${maxMb} MB.` }],
      });
    }
    throw err;
  }
  if (!file) throw invalidField('file', 'Chưa có tệp Excel trong trường "file".');
  return { file, version };
}

// Excel round trip of periodic reports: data-entry templates (one report; many units of a
// form) and their upload, all or nothing, with every error by row and column.
export const reportXlsxRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    // Multipart only for this plugin's routes; the rest of the API stays JSON-only.
    await app.register(multipart, { limits: { files: 1, fields: 5, parts: 6 } });

    app.get(
      '/api/reports/:id/template.xlsx',
      {
        schema: {
          tags,
          summary:
            'Tải tệp mẫu Excel nhập số liệu của báo cáo (trang "Số liệu" có sẵn giá trị hiện tại, kiểm tra kiểu dữ liệu, cột khóa được bảo vệ; "Thuyết minh"; "Hướng dẫn")',
          params: idParams,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const { buffer, fileName } = await reportTemplate(db, requireActor(req), req.params.id);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', contentDisposition(fileName))
          .header('cache-control', 'no-store')
          .send(buffer);
      },
    );

    app.post(
      '/api/reports/:id/import',
      {
        schema: {
          tags,
          summary:
            'Nhập số liệu báo cáo từ tệp Excel (multipart: "file"; "version" tùy chọn — có thì kiểm tra xung đột 409, không có thì lấy phiên bản hiện tại). Tất cả hoặc không: có lỗi thì 422 XLSX_INVALID liệt kê mọi lỗi theo dòng, cột và không cập nhật gì',
          params: idParams,
          consumes: ['multipart/form-data'],
          response: { 200: xlsxImportResult },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const { file, version } = await readUpload(req, REPORT_FILE_MB);
        return importReportFile(db, actor, req.params.id, file, version);
      },
    );

    app.get(
      '/api/forms/:id/template.xlsx',
      {
        schema: {
          tags,
          summary:
            'Tải tệp mẫu Excel nhập số liệu nhiều đơn vị của biểu mẫu cho một kỳ (mặc định kỳ hiện tại): các đơn vị báo cáo mà người dùng được nhập, báo cáo chưa nộp',
          params: idParams,
          querystring: z.strictObject({ period: periodKey.optional() }),
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const { buffer, fileName } = await bulkTemplate(
          db,
          requireActor(req),
          req.params.id,
          req.query.period,
        );
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', contentDisposition(fileName))
          .header('cache-control', 'no-store')
          .send(buffer);
      },
    );

    app.post(
      '/api/forms/:id/import',
      {
        schema: {
          tags,
          summary:
            'Nhập số liệu nhiều đơn vị, nhiều kỳ của biểu mẫu từ tệp Excel (multipart: "file"): ghép theo mã đơn vị, kỳ, mã chỉ tiêu, phân tổ, địa bàn; tạo báo cáo nháp còn thiếu; tất cả hoặc không trong một giao dịch, có lỗi thì 422 XLSX_INVALID theo dòng, cột',
          params: idParams,
          consumes: ['multipart/form-data'],
          response: { 200: xlsxBulkImportResult },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const { file } = await readUpload(req, BULK_FILE_MB);
        return importBulkFile(db, actor, req.params.id, file);
      },
    );
  };
