/**
 * TEST DOUBLE ONLY — command-line launcher for the in-memory MongoDB wire-protocol double
 * used by this project's tests. Never shipped to users.
 *
 *   tsx test/support/mongo-double/cli.ts [--port N] [--user U --password P [--deny-writes]]
 *
 * Prints the double's URI (`mongodb://127.0.0.1:N/`) as the only stdout line, then serves
 * until SIGINT/SIGTERM. Bad arguments: message on stderr, exit code 2.
 */
import { parseArgs } from 'node:util';
import { MongoDouble, type MongoDoubleOptions } from './server.js';

const USAGE = 'usage: cli.ts [--port <0-65535>] [--user <name> --password <password> [--deny-writes]]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseOptions(argv: string[]): MongoDoubleOptions {
  let values: { port?: string; user?: string; password?: string; 'deny-writes'?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'deny-writes': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) fail(`invalid --port: ${values.port}`);
  if ((values.user === undefined) !== (values.password === undefined)) fail('--user and --password go together');
  if (values['deny-writes'] && values.user === undefined) fail('--deny-writes needs --user');
  const options: MongoDoubleOptions = { port };
  if (values.user !== undefined && values.password !== undefined) {
    options.auth = { username: values.user, password: values.password, denyWrites: values['deny-writes'] ?? false };
  }
  return options;
}

const options = parseOptions(process.argv.slice(2));
const double = await MongoDouble.start(options).catch((error: unknown) => {
  process.stderr.write(`cannot start the MongoDB test double: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
process.stdout.write(`${double.uri}\n`);
const shutdown = (): void => {
  void double.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
