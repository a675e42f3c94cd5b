import { Command, Option } from 'commander';

export { CommanderError } from 'commander';
import { UsageError } from './errors.js';
import { collect } from './util/options.js';
import { closest } from './util/similar.js';
import { helpWidth, writeErr as err, writeOut as out } from './util/stdio.js';
import { PINS } from './catalog/pins.js';
import { VERSION } from './version.js';

const io = () => ({ cwd: process.cwd(), env: process.env, out, err });

/** For run's preflight: the number of errors `validate` finds (with the bundled catalog). */
const validationErrors = async (dir: string) => {
  const { bundledDefinitions, countLevels, diskSource, validateProject } = await import('./validate/index.js');
  const { PINS } = await import('./catalog/pins.js');
  return countLevels(await validateProject(diskSource(dir), { definitions: bundledDefinitions(), runnerVersion: PINS.runnerVersion })).errors;
};

/** The subcommands, each added only when the arguments may name it (or ask for help). */
const SUBCOMMANDS: readonly { name: string; add(command: Command): void }[] = [
  {
    name: 'events',
    add(command) {
      command
        .description('list the bundled Connect event catalog')
        .addOption(new Option('--type <type>', 'only events this extension type can subscribe to').choices(['products', 'hub', 'multiaccount', 'transformations']))
        .option('--json', 'print JSON (the shape of the API event definitions)')
        .exitOverride()
        .action(async (options: { type?: string; json?: boolean }) => {
          const { runEvents } = await import('./commands/events.js');
          process.exitCode = runEvents(options, out);
        });
    },
  },
  {
    name: 'validate',
    add(command) {
      command
        .description("check a project the way Connect's validators do (statically, offline), plus checks they lack")
        .argument('[dir]', 'project folder (default: current folder)')
        .option('--json', 'print the findings as a JSON array')
        .option('--strict', 'exit 1 on warnings too')
        .option('--definitions <file>', 'event definitions to check against (JSON, the API shape) instead of the bundled catalog')
        .option('--fetch-definitions', 'fetch the event definitions from Connect (GET /public/v1/devops/event-definitions)')
        .option('--api-key <key>', 'Connect API key for --fetch-definitions (default: $CONNECT_API_KEY)')
        .option('--server-address <host>', 'Connect API host for --fetch-definitions (default: api.connect.cloudblue.com)')
        .option('--runner-version <version>', 'the connect-extension-runner version images must use (default: the pinned one)')
        .option('--extension-type <type>', 'products | hub | multiaccount | transformations (default: inferred from the audience)')
        .exitOverride()
        .action(async (dir: string | undefined, options: Record<string, unknown>) => {
          const { runValidate } = await import('./commands/validate.js');
          process.exitCode = await runValidate(dir, options, io());
        });
    },
  },
  {
    name: 'run',
    add(command) {
      command
        .description('run the extension against Connect: in docker compose, or with --local in the local runner')
        .argument('[dir]', 'project folder (default: current folder)')
        .option('--local', "without Docker: poetry install into the project's .venv, add the pinned runner, then poetry run cextrun -d with the env file loaded")
        .option('--config <KEY=VALUE>', 'with --local: an environment variable for the extension (repeatable); wins over the env file', collect)
        .option('--service <service>', 'dev, bash or test (default: dev)')
        .option('--build', 'build the image first')
        .exitOverride()
        .action(async (dir: string | undefined, options: Record<string, unknown>) => {
          const { runRun } = await import('./commands/run.js');
          process.exitCode = await runRun(dir, options, { ...io(), validate: validationErrors });
        });
    },
  },
  {
    name: 'test',
    add(command) {
      command
        .description("run the project's flake8 and pytest: the _test compose service, or poetry with --local")
        .argument('[dir]', 'project folder (default: current folder)')
        .option('--local', "without Docker: poetry install into the project's .venv, then poetry run flake8 and poetry run pytest, with the env file's TEST_ settings loaded")
        .option('--config <KEY=VALUE>', 'with --local: an environment variable for the tests, e.g. TEST_MONGODB_URI=... (repeatable)', collect)
        .option('--build', 'build the image first')
        .exitOverride()
        .action(async (dir: string | undefined, options: Record<string, unknown>) => {
          const { runTest } = await import('./commands/run.js');
          process.exitCode = await runTest(dir, options, { ...io(), validate: validationErrors });
        });
    },
  },
  {
    name: 'simulate',
    add(command) {
      command
        .description("push one event through the project's real handler, outside Connect, and show what it stored")
        .argument('<event>', 'the event type to simulate, e.g. asset_purchase_request_processing')
        .argument('[dir]', 'project folder (default: current folder)')
        .option('--request <file>', 'the object Connect would send (default: tests/fixtures/<event>.json)')
        .option('--status <status>', "override the request's status")
        .option('--config <KEY=VALUE>', 'an extension variable (repeatable); wins over the environment and the env file', collect)
        .option('--python <path>', "Python with the project's dependencies (default: .venv/bin/python, else python3)")
        .option('--json', 'print the result as JSON')
        .option('--verbose', 'print the request sent, and the request inside the stored document')
        .addHelpText(
          'after',
          epilogue(
            'Exit codes: 0 the handler answered success; 1 it could not be run; 2 bad input (an event type the project ' +
              'does not handle, a status its handler does not subscribe to, a missing request file); 3 it answered ' +
              'something else (reschedule, skip, fail).',
          ),
        )
        .exitOverride()
        .action(async (eventType: string, dir: string | undefined, options: Record<string, unknown>) => {
          const { runSimulate } = await import('./commands/simulate.js');
          process.exitCode = await runSimulate(eventType, dir, options, io());
        });
    },
  },
  {
    name: 'doctor',
    add(command) {
      command
        .description("check that the project's storage is reachable with its settings")
        .argument('[dir]', 'project folder (default: current folder)')
        .option('--config <KEY=VALUE>', 'a storage setting (repeatable); wins over the environment and the env file', collect)
        .option('--timeout <ms>', 'how long to wait for a server (default: 5000)')
        .option('--json', 'print the checks as JSON')
        .exitOverride()
        .action(async (dir: string | undefined, options: Record<string, unknown>) => {
          const { runDoctor } = await import('./commands/doctor.js');
          process.exitCode = await runDoctor(dir, options, io());
        });
    },
  },
  {
    name: 'bump',
    add(command) {
      command
        .description('move the project to another connect-extension-runner release: image tags, Python and connect-eaas-core ranges, CI matrix')
        .argument('[dir]', 'project folder (default: current folder)')
        .option('--runner-version <version>', `the release to move to (default: ${PINS.runnerVersion}, the newest this tool knows; with --online, the newest on PyPI)`)
        .option('--online', "read the release's requirements (and, without --runner-version, the newest release) from PyPI")
        .option('--dry-run', 'print the changes as a unified diff and write nothing')
        .option('--json', 'print the changes as JSON')
        .exitOverride()
        .action(async (dir: string | undefined, options: Record<string, unknown>) => {
          const { runBump } = await import('./commands/bump.js');
          process.exitCode = await runBump(dir, options, io());
        });
    },
  },
  {
    name: 'add',
    add(command) {
      command.description("add a feature of create to an existing project: an event, a saga step, storage, a web, Anvil or transformations application").exitOverride();
      const common = (sub: Command) =>
        sub
          .argument('[dir]', 'project folder (default: current folder)')
          .option('--dry-run', 'print the changes as a unified diff and write nothing')
          .option('--json', 'print the files added and changed as JSON')
          .exitOverride();
      const run = (what: string) => async (...args: unknown[]) => {
        const { runAdd } = await import('./commands/add.js');
        const named = what === 'event' || what === 'step' || what === 'storage';
        const [name, dir] = (named ? args.slice(0, 2) : [undefined, args[0]]) as [string | undefined, string | undefined];
        const options = args[named ? 2 : 1] as Record<string, unknown>;
        process.exitCode = await runAdd(what as never, name, dir, options, io());
      };
      common(command.command('event').description('a handler for an event, wired to a new saga when the project has sagas, with its tests and sample').argument('<event_type>', 'the event, e.g. asset_change_request_processing'))
        .option('--statuses <list>', 'statuses to subscribe to (default: every status of the event)')
        .action(run('event'));
      common(command.command('step').description("a saga step (execute/compensate), put in a saga's list, with a test").argument('<Name>', 'the class name: a capital letter, then up to 39 letters and digits, e.g. NotifyCustomer'))
        .requiredOption('--saga <saga>', 'required: the saga, by its class (AssetPurchaseRequestProcessingSaga) or its event type')
        .option('--before <step>', 'put it before this step')
        .option('--after <step>', 'put it after this step (default: last)')
        .action(run('step'));
      common(command.command('storage').description('storage of the background events: the repository, its settings, compose services and tests, PersistEvent in every saga').argument('<kind>', 'mongo-driver | mongo-http'))
        .option('--mongo-driver <driver>', 'pymongo | motor (default: pymongo)')
        .action(run('storage'));
      for (const app of ['webapp', 'anvil', 'tfnapp']) {
        const sub = common(command.command(app).description(`a${app === 'anvil' ? 'n Anvil' : app === 'webapp' ? ' web' : ' transformations'} application, as create makes it`));
        if (app !== 'anvil') sub.option('--webapp-supports-ui', 'with its pages in the Connect UI').option('--no-webapp-supports-ui');
        sub.action(run(app));
      }
    },
  },
  {
    name: 'update',
    add(command) {
      command
        .description("bring this version's templates into a project made by an earlier one, merging them with your changes (as copier's update does)")
        .argument('[dir]', 'project folder (default: current folder)')
        .option('--base <dir>', "the recorded version's own rendering of the project (default: this version's when it is the recorded one, else that release through npm exec)")
        .option('--dry-run', 'print the changes as a unified diff and write nothing')
        .option('-f, --force', 'update a project with uncommitted changes, or outside git')
        .option('--json', 'print what happens to each file as JSON')
        .addHelpText('after', epilogue('Exit codes: 0 updated (or up to date); 1 written with conflicts to resolve; 2 bad input (nothing written).'))
        .exitOverride()
        .action(async (dir: string | undefined, options: Record<string, unknown>) => {
          const { runUpdate } = await import('./commands/update.js');
          process.exitCode = await runUpdate(dir, options, io());
        });
    },
  },
  {
    name: 'data-api',
    add(command) {
      const dataApi = command.description('a MongoDB Data API-compatible HTTP gateway').exitOverride();
      dataApi
        .command('serve')
        .description('serve /action/<name> over a MongoDB (for mongo-http projects)')
        .option('--mongo-uri <uri>', 'MongoDB connection string (default: $MONGODB_URI or mongodb://127.0.0.1:27017/)')
        .option('--port <port>', 'port to listen on (default: 8080)')
        .option('--host <host>', 'address to listen on (default: 127.0.0.1; 0.0.0.0 inside docker compose)')
        .option('--api-key <key>', 'the key clients send in the api-key header (default: $DATA_API_KEY)')
        .exitOverride()
        .action(async (options: Record<string, string | undefined>) => {
          const { runDataApiServe } = await import('./data-api/serve-command.js');
          process.exitCode = await runDataApiServe(options, { out, err, env: process.env });
        });
    },
  },
];

/**
 * The CLI. `argv`: the arguments it will parse. Only what they can reach is built, as building costs
 * at every start: the subcommands they name (all of them when help is asked for or without `argv`),
 * and create's options (one per answer, from the answers model) when they may give answers.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('create-connect-extension')
    // Before the subcommands, which inherit it.
    // Under --json, errors are printed as JSON by the caller (src/cli.ts) instead.
    .configureOutput({
      writeOut: out,
      writeErr: err,
      getOutHelpWidth: () => helpWidth(1),
      getErrHelpWidth: () => helpWidth(2),
      outputError: (text, write) => (wantsJson(argv) ? undefined : write(text)),
    })
    // Descriptions wrap beside the longest command or option however wide it is (commander stops
    // wrapping below 40 columns, which leaves 200-character lines on an 80-column terminal).
    .configureHelp({ minWidthToWrap: 20 })
    .description('Create a CloudBlue Connect extension project (events, sagas, MongoDB persistence) that works on day one.')
    .version(VERSION, '-v, --version')
    .argument('[directory]', 'project folder to create (its name becomes the project root / slug)')
    .option('-y, --yes', 'never prompt: use defaults (and credential placeholders) for anything not given')
    .option('--answers <file>', 'read answers from a JSON file (ccli --save-answers files work as they are)')
    .option('--save-answers <file>', 'save the answers to a new JSON file (without the API key unless --save-secrets)')
    .option('--save-secrets', 'include the API key in --save-answers')
    .option('-o, --output-dir <dir>', 'folder to create the project in (default: current folder)')
    .option('--dry-run', 'print the files that would be written and write nothing')
    .option('-f, --force', 'write into a non-empty folder: planned files are replaced (and listed), an existing env file is kept unless every credential is given, nothing is deleted')
    .option('--no-git', 'do not initialize a git repository')
    .option('--json', 'print a machine-readable result')
    .enablePositionalOptions()
    // `help [command]`, which commander leaves out when the program has an action of its own.
    .helpCommand(true)
    .showHelpAfterError(wantsJson(argv) ? false : '(run with --help for every option)')
    .exitOverride();
  program.addHelpText(
    'after',
    epilogue(
      'Lists are comma-separated, e.g. --background asset_purchase_request_processing,asset_change_request_processing\n' +
        'Precedence: flags, then --answers, then prompts, then defaults. Exit codes: 0 ok, 1 unexpected error, 2 bad input.',
    ),
  );
  program.action(async (directory: string | undefined, options: Record<string, unknown>) => {
    refuseMistypedCommand(directory);
    const { runCreate } = await import('./commands/create.js');
    process.exitCode = await runCreate(directory, options, {
      cwd: process.cwd(),
      interactive: () => Boolean(process.stdin.isTTY && process.stdout.isTTY),
      out,
      err,
    });
  });

  const args = argv?.slice(2);
  const listsAll = args === undefined || args.some((arg) => arg === 'help' || arg === '-h' || arg === '--help');
  for (const { name, add } of SUBCOMMANDS) if (listsAll || args.includes(name)) add(program.command(name));
  if (args === undefined || (!program.commands.some((command) => command.name() === args[0]) && (listsAll || mayGiveAnswers(program, args)))) {
    (await import('./answers/flags.js')).addAnswerOptions(program);
  }
  return program;
}

/**
 * Text after a command's help, wrapped like the rest of it: to the terminal, 80 columns without one.
 */
function epilogue(text: string): (context: { command: Command }) => string {
  return ({ command }) => {
    const help = command.createHelp();
    const width = command.configureOutput().getOutHelpWidth?.() ?? helpWidth();
    return `\n${text
      .split('\n')
      .map((line) => help.boxWrap(line, width))
      .join('\n')}\n`;
  };
}

/** Whether the arguments ask for JSON output, errors included. */
export const wantsJson = (argv: readonly string[] | undefined): boolean => argv?.slice(2).includes('--json') ?? false;

/**
 * A project folder named like a mistyped command (`doctr`) is refused with the command it is most
 * likely to be; a path (`./doctr`) is taken as it is.
 */
function refuseMistypedCommand(directory: string | undefined): void {
  if (directory === undefined || /[\\/]/.test(directory)) return;
  const command = closest(directory, [...SUBCOMMANDS.map(({ name }) => name), 'help']);
  if (command) {
    throw new UsageError(`"${directory}" is not a command: did you mean \`${command}\`? To create a project folder named ${directory}, write it as ./${directory}.`);
  }
}

/** Whether `args` may hold an answer: an option that is not one of the program's own (or one written unlike them). */
function mayGiveAnswers(program: Command, args: readonly string[]): boolean {
  const own = new Set(program.options.flatMap((option) => [option.long, option.short]));
  return args.some((arg) => arg.startsWith('-') && !own.has(arg));
}

