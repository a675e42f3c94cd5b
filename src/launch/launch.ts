// The bin's entry: prints the root help without loading anything else, and otherwise runs the CLI
// bundle (dist/cli.cjs) through a V8 code cache kept per command, and the full parsers' bundle
// (dist/extras.cjs) the same way when the CLI first requires one of them. Built by scripts/build.mjs as
// CommonJS (an ES module entry costs Node 20 its whole module loader, ~4 ms), with the constants below.
import { join, resolve } from 'node:path';
import { writeOut } from '../util/stdio.js';
import { startEarlyCompiler } from '../validate/python/compile-check.js';
import { requireWithCompileCache } from './compile-cache.js';

declare const __ROOT_HELP__: string;
declare const __SUBCOMMANDS__: readonly string[];
declare const __BUNDLE_HASH__: string;
declare const __EXTRAS_HASH__: string;
declare const __VALIDATE_VALUE_OPTIONS__: readonly string[];

/** validate's [dir] as commander will read it, most likely: the first argument that is no option or option value. */
function validateFolder(args: readonly string[]): string {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') return args[index + 1] ?? '.';
    if (!arg.startsWith('-') || arg === '-') return arg;
    if (__VALIDATE_VALUE_OPTIONS__.includes(arg)) index++;
  }
  return '.';
}

const argv = process.argv;
if (argv.length === 3 && (argv[2] === '--help' || argv[2] === '-h')) {
  writeOut(__ROOT_HELP__);
} else {
  const command = argv[2] !== undefined && __SUBCOMMANDS__.includes(argv[2]) ? argv[2] : 'create';
  // Help and version use too little of a command for their compiled code to be worth caching.
  const complete = argv[2] !== 'help' && !argv.slice(2).some((arg) => ['-h', '--help', '-v', '--version'].includes(arg));
  // Python starts while Node loads the bundle: its startup is most of what validate waits for. A
  // wrong guess of the folder costs only this head start (validate then starts the right Python).
  if (command === 'validate' && complete) startEarlyCompiler(resolve(validateFolder(argv.slice(3))));
  // Node's loader loaded this file, so its import() works; in the code-cached bundle it has no loader.
  globalThis.__cceImportPackage = (name) => import(name);
  let extras: Record<string, unknown> | undefined;
  globalThis.__cceExtra = (name) => {
    // Cached per command like the CLI's, as commands need different parts of it.
    extras ??= requireWithCompileCache(join(__dirname, 'extras.cjs'), require, __EXTRAS_HASH__, `extras-${command}`, complete) as Record<string, unknown>;
    if (!(name in extras)) throw new Error(`dist/extras.cjs has no ${name}`);
    return extras[name];
  };
  const bundle = requireWithCompileCache(join(__dirname, 'cli.cjs'), require, __BUNDLE_HASH__, command, complete) as {
    main(argv: string[]): Promise<void>;
  };
  void bundle.main(argv);
}
