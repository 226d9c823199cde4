/** Error codes shared by client and server. Every JSON error body carries one. */
export const ErrorCode = {
  BadRequest: 'bad_request',
  ValidationFailed: 'validation_failed',
  /** Well-formed input that cannot be acted on as it stands (a job posting without a location). */
  Unprocessable: 'unprocessable',
  NotFound: 'not_found',
  Conflict: 'conflict',
  PayloadTooLarge: 'payload_too_large',
  /** An upload of a kind that is not accepted (an SVG where only PNG, JPEG and WebP are): 415. */
  UnsupportedMediaType: 'unsupported_media_type',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  /** Too many attempts (sign-in); retry later. */
  RateLimited: 'rate_limited',
  /** A resource limit (time, loop expansions…) was reached while doing the work: 422. */
  LimitExceeded: 'limit_exceeded',
  Internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status that goes with each error code. */
export const errorStatus: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500> = {
  bad_request: 400,
  validation_failed: 400,
  unprocessable: 422,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  limit_exceeded: 422,
  internal_error: 500,
};

/** One problem found while validating input, with the path where it was found. */
export interface Issue {
  path: string;
  message: string;
}

/** The limit a request ran into: its name, its value and unit, and the setting that changes it. */
export interface LimitInfo {
  name: string;
  max: number;
  unit: 'bytes' | 'ms' | 'MB' | 'count';
  setting?: string;
}

/** JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: Issue[]; limit?: LimitInfo };
}

/** The one error class shared by client and server. */
export class JourneycraftError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: Issue[]) {
    super(message);
    this.name = 'JourneycraftError';
    this.code = code;
    this.issues = issues;
  }
  get status(): number {
    return errorStatus[this.code];
  }
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
  }
}

/**
 * A request went over a resource limit: 413 for sizes (`payload_too_large`), 422 for work
 * (`limit_exceeded`: time, loop expansions). The body names the limit.
 */
export class LimitExceededError extends JourneycraftError {
  readonly limit: LimitInfo;
  constructor(message: string, limit: LimitInfo, code: 'payload_too_large' | 'limit_exceeded' = 'limit_exceeded') {
    super(code, message);
    this.name = 'LimitExceededError';
    this.limit = limit;
  }
  override toBody(): ErrorBody {
    return { error: { ...super.toBody().error, limit: this.limit } };
  }
}

/**
 * WebSocket close codes used by the sync server. 1007/1009 are the standard
 * codes for bad payloads and oversized frames; the 44xx range is ours.
 */
export const SyncCloseCode = {
  /** A frame could not be decoded as a y-websocket message. */
  MalformedMessage: 1007,
  /** A frame was larger than the server's limit. */
  MessageTooBig: 1009,
  /** The server is shutting down; reconnect to another instance. */
  GoingAway: 1001,
  /** The server failed to store an update; reconnect and resend. */
  StorageFailure: 1011,
  /** The share link or sign-in session of this connection was revoked or has expired, or lost access. */
  AccessRevoked: 4401,
  /** The map was deleted while the client was connected. */
  MapDeleted: 4404,
} as const;
export type SyncCloseCode = (typeof SyncCloseCode)[keyof typeof SyncCloseCode];
