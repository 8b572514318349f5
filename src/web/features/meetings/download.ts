import { ApiError } from '../../api.ts';
import { currentLocale } from '../../format.ts';
import { fileNameOf } from './model.ts';

export { pdfUrl } from './model.ts';

/**
 * Downloads a generated document. Errors (503 PDF_UNAVAILABLE, 400 UNIT_ABBREVIATION_MISSING…)
 * come back as ApiError with the server's message in the interface language.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': currentLocale() } });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      currentLocale() === 'vi' ? 'Không kết nối được máy chủ.' : 'Cannot reach the server.',
    );
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(
      res.status,
      (body.code ?? 'INTERNAL') as ApiError['code'],
      body.message ?? `HTTP ${res.status}`,
    );
  }
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return name;
}
