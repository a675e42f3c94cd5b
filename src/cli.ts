import { CommanderError, buildProgram } from './program.js';

/** Runs the CLI: exit code 0 ok, 1 unexpected, 2 bad usage (see src/launch for how the bin gets here). */
export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`| head`) closes the pipe: not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
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
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = exitCode;
      return;
    }
    process.stderr.write(`Unexpected error: ${error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error)}\n`);
    if (!process.env.DEBUG) process.stderr.write('(set DEBUG=1 for the stack trace)\n');
    process.exitCode = 1;
  }
}

