import { ApiError } from '../../api.ts';
import { currentLocale } from '../../format.ts';
import { fileNameOf } from './lib.ts';

/**
 * Downloads a generated file. A refusal (503 when PDF conversion is not installed, 400 when the
 * issuing unit lacks an abbreviation…) throws an ApiError with the server's message, instead of
 * opening a page of JSON.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, {
    credentials: 'same-origin',
    headers: { 'accept-language': currentLocale() },
  });
  if (!res.ok) {
    let body: { code?: string; message?: string; fields?: Array<{ path: string; message: string }> } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // not JSON
    }
    throw new ApiError(
      res.status,
      (body.code ?? 'INTERNAL') as ApiError['code'],
      body.message ?? `HTTP ${res.status}`,
      body.fields ?? [],
    );
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
