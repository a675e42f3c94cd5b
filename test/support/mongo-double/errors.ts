/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Server error codes the double emits, and the error type commands throw.
 */

const CODE_NAMES: Readonly<Record<number, string>> = {
  2: 'BadValue',
  6: 'HostUnreachable',
  9: 'FailedToParse',
  13: 'Unauthorized',
  14: 'TypeMismatch',
  17: 'ProtocolError',
  18: 'AuthenticationFailed',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  28: 'PathNotViable',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  89: 'NetworkTimeout',
  91: 'ShutdownInProgress',
  115: 'CommandNotSupported',
  189: 'PrimarySteppedDown',
  10107: 'NotWritablePrimary',
  11000: 'DuplicateKey',
  11600: 'InterruptedAtShutdown',
  11602: 'InterruptedDueToReplStateChange',
  13435: 'NotPrimaryNoSecondaryOk',
};

/** The `codeName` MongoDB reports for `code` (`Location<code>` for unnamed assertion codes). */
export function codeNameFor(code: number): string {
  return CODE_NAMES[code] ?? `Location${code}`;
}

/** A command failure, answered as `{ ok: 0, errmsg, code, codeName, ...extra }` (or as a write error). */
export class CommandError extends Error {
  readonly codeName: string;

  constructor(
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.codeName = codeNameFor(code);
  }
}

export const badValue = (message: string): CommandError => new CommandError(2, message);

/** Raised for features a real server has but this double deliberately does not implement. */
export const notSupported = (what: string): CommandError =>
  new CommandError(115, `${what} is not supported by the MongoDB test double`);
