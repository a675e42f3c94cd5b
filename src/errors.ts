/** Bad input from the user: one clear message, exit code 2, nothing written. */
export class UsageError extends Error {
  readonly exitCode = 2;
  /** The flag the message is about, when there is one (for --json output). */
  readonly flag?: string;
  constructor(message: string, options: { flag?: string } = {}) {
    super(message);
    this.name = 'UsageError';
    if (options.flag) this.flag = options.flag;
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
