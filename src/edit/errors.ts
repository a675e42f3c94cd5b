import { UsageError } from '../errors.js';

/** A file whose shape no longer allows an edit: nothing is written, and the reason is said. */
export class EditError extends UsageError {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}. Nothing was written.`);
    this.name = 'EditError';
  }
}
