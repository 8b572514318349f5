import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { findSoffice, resetSofficeLookup, toPdf } from './pdf.ts';

const savedPath = process.env.PATH;
const dirs: string[] = [];

/** A fake `soffice` on PATH running the given shell body ($7 = the --outdir value, $8 = the input). */
async function fakeSoffice(body: string) {
  const dir = await mkdtemp(join(tmpdir(), 'fake-soffice-'));
  dirs.push(dir);
  const bin = join(dir, 'soffice');
  await writeFile(bin, `#!/bin/sh\n${body}\n`);
  await chmod(bin, 0o755);
  process.env.PATH = dir;
  resetSofficeLookup();
  return bin;
}

afterEach(async () => {
  process.env.PATH = savedPath;
  resetSofficeLookup();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('toPdf', () => {
  it('503 PDF_UNAVAILABLE when neither soffice nor libreoffice is on PATH', async () => {
    process.env.PATH = '/nonexistent';
    resetSofficeLookup();
    expect(await findSoffice()).toBeNull();
    await expect(toPdf(Buffer.from('x'))).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE', status: 503 });
  });

  it('runs soffice headless into a temporary directory and returns the PDF it wrote', async () => {
    const bin = await fakeSoffice('printf "%%PDF-1.7 %s" "$*" > "$7/van-ban.pdf"');
    expect(await findSoffice()).toBe(bin);
    const pdf = (await toPdf(Buffer.from('docx'))).toString();
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf).toContain('--headless');
    expect(pdf).toContain('--convert-to pdf');
  });

  it('a failing conversion is PDF_UNAVAILABLE too, not a 500', async () => {
    await fakeSoffice('exit 3');
    const error = await toPdf(Buffer.from('docx')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PDF_UNAVAILABLE');
  });
});
