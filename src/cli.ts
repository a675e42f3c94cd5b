// The root help, rendered at build time from the same commander program (see scripts/build.mjs),
// so that `--help` needs neither commander nor the answers model. Undefined when running from source.
declare const __ROOT_HELP__: string | undefined;

export async function main(argv: string[]): Promise<void> {
  const onlyHelp = argv.length === 3 && (argv[2] === '--help' || argv[2] === '-h');
  if (onlyHelp && typeof __ROOT_HELP__ === 'string') {
    process.stdout.write(__ROOT_HELP__);
    return;
  }
  const { CommanderError, buildProgram } = await import('./program.js');
  try {
    await buildProgram().parseAsync(argv);
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

await main(process.argv);
