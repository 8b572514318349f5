// PDF from the DOCX through LibreOffice (headless), when it is installed on the server:
// `apt-get install -y libreoffice-writer-nogui` (Debian/Ubuntu). Without it → 503 PDF_UNAVAILABLE.
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { AppError } from '../../lib/errors.ts';

const CANDIDATES = ['soffice', 'libreoffice'];
const TIMEOUT_MS = 60_000;

let found: string | null | undefined;

/** At most this many LibreOffice processes at once (each takes ~100 MB and a CPU for seconds). */
const MAX_PARALLEL = 2;
let running = 0;
const waiting: Array<() => void> = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The LibreOffice binary on PATH (soffice or libreoffice), or null; cached after the first look. */
export async function findSoffice(): Promise<string | null> {
  if (found !== undefined) return found;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CANDIDATES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      try {
        await access(path);
        found = path;
        return found;
      } catch {
        // not here
      }
    }
  }
  found = null;
  return found;
}

/** Forget the cached lookup (tests that change PATH). */
export function resetSofficeLookup() {
  found = undefined;
}

/**
 * Convert a DOCX to PDF with `soffice --headless --convert-to pdf` in a temporary directory
 * (own user profile, so parallel conversions do not lock each other), with a timeout; the
 * directory is removed afterwards. Throws AppError('PDF_UNAVAILABLE') (503) when LibreOffice
 * is not installed or the conversion fails.
 */
export async function toPdf(docx: Buffer): Promise<Buffer> {
  const soffice = await findSoffice();
  if (!soffice) throw new AppError('PDF_UNAVAILABLE');
  return slot(() => convert(soffice, docx));
}

async function convert(soffice: string, docx: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'phoihop-pdf-'));
  try {
    const input = join(dir, 'van-ban.docx');
    await writeFile(input, docx);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        { timeout: TIMEOUT_MS, killSignal: 'SIGKILL' },
        (error) => (error ? reject(error) : resolve()),
      );
    });
    return await readFile(join(dir, 'van-ban.pdf'));
  } catch (error) {
    throw new AppError('PDF_UNAVAILABLE', { detail: error instanceof Error ? error.message : String(error) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
