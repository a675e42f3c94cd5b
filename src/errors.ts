/** Bad input from the user: one clear message, exit code 2, nothing written. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The user cancelled a prompt (Ctrl-C / Esc). */
export class CancelledError extends Error {
  readonly exitCode = 130;
  constructor() {
    super('Cancelled; nothing was written.');
    this.name = 'CancelledError';
  }
}
