import { ERRORS, type ErrorCode, type FieldError } from '../../contracts/errors.ts';

/** The one error type services throw; the error handler turns it into a response. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldError[] | undefined;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, options: { fields?: FieldError[]; detail?: string } = {}) {
    super(ERRORS[code].vi);
    this.code = code;
    this.status = ERRORS[code].status;
    this.fields = options.fields;
    this.detail = options.detail;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const conflict = () => new AppError('VERSION_CONFLICT');
/** A validation error on one named field, produced by service-level rules. */
export const invalidField = (path: string, message: string, code: ErrorCode = 'VALIDATION_FAILED') =>
  new AppError(code, { fields: [{ path, message }] });
