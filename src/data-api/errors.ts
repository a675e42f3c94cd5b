/**
 * Errors the Data API gateway answers with: `{"error": "<message>", "error_code": "<Code>"}` and
 * an HTTP status, plus the mapping from MongoDB driver errors to that shape.
 */
import {
  BSON,
  MongoInvalidArgumentError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

export type DataApiErrorCode =
  | 'InvalidSession'
  | 'InvalidRequest'
  | 'InvalidParameter'
  | 'ActionNotFound'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'DuplicateKey'
  | 'ServiceUnavailable'
  | 'InternalServerError';

export interface DataApiErrorBody {
  error: string;
  error_code: DataApiErrorCode;
  link?: string;
}

/** An error answered to the client as is (its message is safe to show). */
export class DataApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: DataApiErrorCode,
    message: string,
    /** What to log instead of the message (e.g. the driver's own text behind a generic 5xx message). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DataApiError';
  }

  toBody(): DataApiErrorBody {
    return { error: this.message, error_code: this.errorCode };
  }
}

export const invalidSession = (): DataApiError =>
  new DataApiError(401, 'InvalidSession', 'invalid session: error finding user for endpoint');

/** Server codes that mean "MongoDB is not (currently) able to serve": network, shutdown, elections, timeouts. */
const UNAVAILABLE_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** Server codes caused by what the client sent (bad operators, paths, values, names, validation). */
const USER_ERROR_CODES = new Set([
  2, // BadValue
  9, // FailedToParse
  14, // TypeMismatch
  15, // Overflow
  16, // InvalidLength
  20, // IllegalOperation
  22, // InvalidBSON
  28, // PathNotViable
  29, // NonExistentPath
  30, // InvalidPath
  40, // ConflictingUpdateOperators
  52, // DollarPrefixedFieldName
  53, // InvalidIdField
  54, // NotSingleValueField
  55, // InvalidDBRef
  56, // EmptyFieldName
  57, // DottedFieldName
  66, // ImmutableField
  72, // InvalidOptions
  73, // InvalidNamespace
  121, // DocumentValidationFailure
  166, // CommandNotSupportedOnView
  168, // InvalidPipelineOperator
  241, // ConversionFailure
  292, // QueryExceededMemoryLimitNoDiskUseAllowed
]);

function serverCode(error: MongoServerError): number | undefined {
  return typeof error.code === 'number' ? error.code : undefined;
}

/**
 * Maps whatever an action threw to the error to answer:
 * - duplicate key (11000) → 409 DuplicateKey (the Data API reported it as an error, never a 2xx);
 * - server errors caused by the request (bad operator, type mismatch, validation, and the numbered
 *   "Location" assertion codes ≥ 15000 that parsers raise) → 400 InvalidParameter with the server's message;
 * - server selection, network and timeout failures → 503 ServiceUnavailable (generic message);
 * - other server errors → 500 InternalServerError with the server's message;
 * - anything else → 500 InternalServerError with a generic message (details only in the log).
 */
export function toDataApiError(error: unknown): DataApiError {
  if (error instanceof DataApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof MongoServerError) {
    const code = serverCode(error);
    if (code === 11000 || code === 11001) return new DataApiError(409, 'DuplicateKey', message);
    if (code !== undefined && UNAVAILABLE_CODES.has(code)) {
      return new DataApiError(503, 'ServiceUnavailable', 'MongoDB is unavailable; try again later', message);
    }
    if (code !== undefined && (USER_ERROR_CODES.has(code) || code >= 15000)) {
      return new DataApiError(400, 'InvalidParameter', message);
    }
    return new DataApiError(500, 'InternalServerError', `MongoDB error: ${message}`);
  }
  if (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoOperationTimeoutError ||
    error instanceof MongoTopologyClosedError
  ) {
    return new DataApiError(503, 'ServiceUnavailable', 'MongoDB is unavailable; try again later', message);
  }
  if (error instanceof MongoInvalidArgumentError || error instanceof BSON.BSONError) {
    return new DataApiError(400, 'InvalidParameter', message);
  }
  return new DataApiError(500, 'InternalServerError', 'internal server error', message);
}
