import { fileTypeFromBuffer } from 'file-type';
import { AppError, invalidField } from '../../lib/errors.ts';

// What may be attached, decided by the file's content (magic bytes), never by the name or
// the browser's Content-Type alone: the extension must agree with what the bytes are.
const ACCEPTED: Record<string, { label: string; detected: string[]; mime: string }> = {
  pdf: { label: 'PDF', detected: ['pdf'], mime: 'application/pdf' },
  // Word 97-2003 files are OLE compound files; file-type reports the container.
  doc: { label: 'DOC', detected: ['cfb', 'doc'], mime: 'application/msword' },
  docx: {
    label: 'DOCX',
    detected: ['docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    label: 'XLSX',
    detected: ['xlsx'],
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  jpg: { label: 'JPEG', detected: ['jpg'], mime: 'image/jpeg' },
  jpeg: { label: 'JPEG', detected: ['jpg'], mime: 'image/jpeg' },
  png: { label: 'PNG', detected: ['png'], mime: 'image/png' },
};

const notAllowed = (message: string) =>
  new AppError('FILE_TYPE_NOT_ALLOWED', { fields: [{ path: 'file', message }] });

/**
 * The name as shown and sent back on download: no folders, no control characters, at most
 * 255 characters (the extension kept).
 */
export function cleanFileName(raw: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim();
  if (!base || base === '.' || base === '..') throw invalidField('file', 'Tệp đính kèm chưa có tên tệp.');
  if (base.length <= 255) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 255 - ext.length) + ext;
}

/** The MIME type to store for an accepted file; 415 FILE_TYPE_NOT_ALLOWED otherwise. */
export async function acceptedMimeType(fileName: string, data: Uint8Array): Promise<string> {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const rule = ACCEPTED[ext];
  if (!rule) {
    throw notAllowed(`Tệp "${fileName}": chỉ nhận tệp PDF, DOC, DOCX, XLSX, JPEG hoặc PNG.`);
  }
  const detected = await fileTypeFromBuffer(data);
  if (!detected || !rule.detected.includes(detected.ext)) {
    throw notAllowed(`Tệp "${fileName}" có đuôi .${ext} nhưng nội dung không phải tệp ${rule.label}.`);
  }
  return rule.mime;
}
