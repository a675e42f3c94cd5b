import { CommanderError, buildProgram, wantsJson } from './program.js';
import { writeErr, writeOut } from './util/stdio.js';

/** Runs the CLI: exit code 0 ok, 1 unexpected, 2 bad usage. */
export async function main(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } finally {
    setImmediate(exitWhenIdle);
  }
}

/**
 * Ends the process once the command has left nothing that would keep Node running (no server, child
 * process, timer or pending write), which is when Node would end it anyway: process.exit() then skips
 * the heap teardown of a natural exit, about half a millisecond of a run this short. 'exit'
 * listeners still run.
 */
export function exitWhenIdle(): void {
  if (process.getActiveResourcesInfo().length === 0) process.exit();
}

/**
 * The root help as commander renders it on an 80-column terminal: the build writes it to
 * dist/help.txt, which the bin prints for `--help` without loading the CLI.
 */
export async function rootHelp(): Promise<string> {
  const program = await buildProgram();
  let help = '';
  program.configureOutput({ writeOut: (text) => (help += text), getOutHelpWidth: () => 80 });
  program.outputHelp();
  return help;
}

async function run(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (error) {
    const isCommander = error instanceof CommanderError;
    // Help and version "errors" are successes; anything else commander rejected is bad usage.
    if (isCommander && error.exitCode === 0) {
      process.exitCode = 0;
      return;
    }
    const exitCode = isCommander ? 2 : (error as { exitCode?: unknown }).exitCode;
    const message = error instanceof Error ? error.message : String(error);
    if (wantsJson(argv)) {
      const text = isCommander ? message.replace(/^error: /, '') : typeof exitCode === 'number' ? message : `Unexpected error: ${message}`;
      const flag = (error as { flag?: string }).flag ?? (isCommander ? /'(--?[\w-]+)/.exec(message)?.[1] : undefined);
      writeOut(`${JSON.stringify({ error: { message: text, ...(flag && { flag }) } }, null, 2)}\n`);
      process.exitCode = typeof exitCode === 'number' ? exitCode : 1;
      return;
    }
    if (isCommander) {
      process.exitCode = 2; // commander has printed it
      return;
    }
    if (typeof exitCode === 'number') {
      writeErr(`${message}\n`);
      process.exitCode = exitCode;
      return;
    }
    writeErr(`Unexpected error: ${error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error)}\n`);
    if (!process.env.DEBUG) writeErr('(set DEBUG=1 for the stack trace)\n');
    process.exitCode = 1;
  }
}
