import { ApiError } from '../../api.ts';
import { currentLocale } from '../../format.ts';

/** The file name of a Content-Disposition header (the exact UTF-8 name first). */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain?.[1] ?? fallback;
}

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

/** The same route as PDF (every .docx route takes ?format=pdf). */
export function pdfUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}format=pdf`;
}
