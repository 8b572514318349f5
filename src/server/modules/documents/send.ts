import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { contentDisposition } from '../attachments/routes.ts';
import { toPdf } from './pdf.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type DocumentFormat = 'docx' | 'pdf' | 'xlsx';

/** `?format=pdf` on every .docx route (default docx). */
export const documentFormatQuery = z.object({
  format: z
    .enum(['docx', 'pdf'])
    .default('docx')
    .describe('docx (mặc định) hoặc pdf (cần LibreOffice trên máy chủ, nếu không: 503 PDF_UNAVAILABLE)'),
});

const TYPES: Record<DocumentFormat, string> = { docx: DOCX_TYPE, pdf: PDF_TYPE, xlsx: XLSX_TYPE };

/**
 * Send a generated document as a download with a Vietnamese file name (RFC 5987 filename*,
 * ASCII fallback). `buffer` is the DOCX (or XLSX); with format 'pdf' the DOCX is converted
 * through LibreOffice first (503 PDF_UNAVAILABLE without it). `baseFileName` has no extension.
 */
export async function sendDocument(
  reply: FastifyReply,
  buffer: Buffer,
  baseFileName: string,
  format: DocumentFormat,
): Promise<FastifyReply> {
  const body = format === 'pdf' ? await toPdf(buffer) : buffer;
  const name = `${baseFileName
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\r\n]+/g, ' ')
    .trim()}.${format}`;
  return reply
    .header('content-type', TYPES[format])
    .header('content-disposition', contentDisposition(name))
    .header('cache-control', 'no-store')
    .send(body);
}
