// Small fetch wrapper: same-origin cookie session, CSRF header on every write, JSON in and
// out, and errors as ApiError carrying the catalogue code and the per-field messages.
import type { ErrorCode, FieldError } from '../contracts/errors.ts';

let csrfToken = '';
let locale: 'vi' | 'en' = 'vi';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string) {
  csrfToken = token;
}
export function setApiLocale(next: 'vi' | 'en') {
  locale = next;
}
/** Called on any 401 from a request other than sign-in. */
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly fields: FieldError[];
  readonly requestId: string | null;
  constructor(
    status: number,
    code: ErrorCode | 'NETWORK',
    message: string,
    fields: FieldError[] = [],
    requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  if (method !== 'GET') {
    headers['x-csrf-token'] = csrfToken;
    // FormData (file upload) sets its own multipart content type with the boundary.
    if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body instanceof FormData || body === undefined ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      locale === 'vi'
        ? 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.'
        : 'Cannot reach the server. Check the network and try again.',
    );
  }
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = (data ?? {}) as {
      code?: ErrorCode;
      message?: string;
      fields?: FieldError[];
      requestId?: string;
    };
    const error = new ApiError(
      res.status,
      err.code ?? 'INTERNAL',
      err.message ?? `HTTP ${res.status}`,
      err.fields ?? [],
      err.requestId ?? null,
    );
    if (res.status === 401 && path !== '/api/auth/login' && onUnauthenticated) onUnauthenticated();
    throw error;
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string, query?: Query) => request<T>('DELETE', withQuery(path, query)),
  /** Multipart upload of one file in the field "file". */
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, form);
  },
};
