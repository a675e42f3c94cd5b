import { Command, Option } from 'commander';
import { addAnswerOptions } from './answers/flags.js';
import { VERSION } from './version.js';

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

export function buildProgram(): Command {
  const program = new Command('create-connect-extension')
    .description('Create a CloudBlue Connect extension project (events, sagas, MongoDB persistence) that works on day one.')
    .version(VERSION, '-v, --version')
    .argument('[directory]', 'project folder to create (its name becomes the project root / slug)')
    .option('-y, --yes', 'never prompt: use defaults (and credential placeholders) for anything not given')
    .option('--answers <file>', 'read answers from a JSON file (ccli --save-answers files work as they are)')
    .option('--save-answers <file>', 'save the answers to a new JSON file (without the API key unless --save-secrets)')
    .option('--save-secrets', 'include the API key in --save-answers')
    .option('-o, --output-dir <dir>', 'folder to create the project in (default: current folder)')
    .option('--dry-run', 'print the files that would be written and write nothing')
    .option('-f, --force', 'write into a non-empty folder: planned files are overwritten, nothing is deleted')
    .option('--no-git', 'do not initialize a git repository')
    .option('--json', 'print a machine-readable result')
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for every option)')
    .exitOverride();
  addAnswerOptions(program);
  program.addHelpText(
    'after',
    '\nLists are comma-separated, e.g. --background asset_purchase_request_processing,asset_change_request_processing\n' +
      'Precedence: flags, then --answers, then prompts, then defaults. Exit codes: 0 ok, 1 unexpected error, 2 bad input.\n',
  );
  program.action(async (directory: string | undefined, options: Record<string, unknown>) => {
    const { runCreate } = await import('./commands/create.js');
    process.exitCode = await runCreate(directory, options, {
      cwd: process.cwd(),
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      out,
      err,
    });
  });

  program
    .command('events')
    .description('list the bundled Connect event catalog')
    .addOption(new Option('--type <type>', 'only events this extension type can subscribe to').choices(['products', 'hub', 'multiaccount', 'transformations']))
    .option('--json', 'print JSON (the shape of the API event definitions)')
    .exitOverride()
    .action(async (options: { type?: string; json?: boolean }) => {
      const { runEvents } = await import('./commands/events.js');
      process.exitCode = runEvents(options, out);
    });
  return program;
}

