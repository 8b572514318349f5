import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERRORS, type ErrorBody, type ErrorCode, type FieldError } from '../../contracts/errors.ts';
import { fieldLabel } from '../../contracts/fieldLabels.ts';
import { currentContext } from '../lib/context.ts';
import { AppError } from '../lib/errors.ts';

function send(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, fields?: FieldError[]) {
  const locale = currentContext().locale;
  const entry = ERRORS[code];
  let message: string = entry[locale];
  // The first field problem is spelled out in the message, so a client that shows only
  // `message` still tells the user which field to fix.
  if (fields?.length) message = `${message} ${fields.map((f) => f.message).join('; ')}`;
  const body: ErrorBody = { code, message, requestId: String(req.id) };
  if (fields?.length) body.fields = fields;
  return reply.status(entry.status).type('application/json; charset=utf-8').send(body);
}

/** Zod issues → `{path, message}` with the field's human label in front. */
function fieldsFromValidation(error: {
  validation: Array<{
    instancePath: string;
    message?: string;
    keyword: string;
    params: Record<string, unknown>;
  }>;
  validationContext?: string;
}): FieldError[] {
  const locale = currentContext().locale;
  const out: FieldError[] = [];
  for (const v of error.validation) {
    const segs = v.instancePath.split('/').filter(Boolean);
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params.keys)) {
      for (const key of v.params.keys as string[]) {
        const path = [...segs, key].join('.');
        out.push({
          path,
          message:
            locale === 'vi' ? `Trường "${key}" không được phép gửi lên` : `Field "${key}" is not allowed`,
        });
      }
      continue;
    }
    const path = segs.join('.');
    const label = segs.length
      ? fieldLabel(segs, locale)
      : locale === 'vi'
        ? 'Dữ liệu gửi lên'
        : 'Request body';
    out.push({
      path: path || (error.validationContext ?? ''),
      message: `${label}: ${v.message ?? ''}`.trim(),
    });
  }
  return out;
}

const PG_CODES: Record<string, ErrorCode> = {
  '23503': 'IN_USE', // foreign key violation: still referenced
  '40001': 'VERSION_CONFLICT', // serialization failure
  '40P01': 'VERSION_CONFLICT', // deadlock: the other writer won
};

/**
 * One error handler for the whole API: clients get a stable code, a Vietnamese message and
 * the offending fields; never SQL text or a stack trace (those go to the log).
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { code?: string }, req, reply) => {
    if (error instanceof AppError) return send(reply, req, error.code, error.fields);
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(reply, req, 'VALIDATION_FAILED', fieldsFromValidation(error as never));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, req, 'PAYLOAD_TOO_LARGE');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, req, 'UNSUPPORTED_MEDIA_TYPE');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, req, 'MALFORMED_JSON');
    }
    if (error instanceof SyntaxError && error.statusCode === 400) return send(reply, req, 'MALFORMED_JSON');
    if (error.statusCode === 429) return send(reply, req, 'RATE_LIMITED');
    // Drizzle wraps driver errors (DrizzleQueryError, SQL text in its message): the
    // PostgreSQL SQLSTATE sits on `cause`, so look there too or constraints become 500s.
    const sqlState = typeof error.code === 'string' ? error.code : (error.cause as { code?: unknown })?.code;
    const pgCode = typeof sqlState === 'string' ? PG_CODES[sqlState] : undefined;
    if (pgCode) {
      req.log.warn({ err: error }, 'database constraint');
      return send(reply, req, pgCode);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      req.log.info({ err: error }, 'client error');
      return send(reply, req, error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
    }
    req.log.error({ err: error }, 'unhandled error');
    return send(reply, req, 'INTERNAL');
  });
}

export function sendError(reply: FastifyReply, req: FastifyRequest, code: ErrorCode) {
  return send(reply, req, code);
}
