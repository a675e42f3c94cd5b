import { CommanderError, buildProgram } from './program.js';
import { writeErr } from './util/stdio.js';

/** Runs the CLI: exit code 0 ok, 1 unexpected, 2 bad usage (see src/launch for how the bin gets here). */
export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are successes; anything else commander rejected is bad usage.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    if (typeof exitCode === 'number') {
      writeErr(`${(error as Error).message}\n`);
      process.exitCode = exitCode;
      return;
    }
    writeErr(`Unexpected error: ${error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error)}\n`);
    if (!process.env.DEBUG) writeErr('(set DEBUG=1 for the stack trace)\n');
    process.exitCode = 1;
  }
}

