// The bin's entry: prints the root help without loading anything else, and otherwise runs the CLI
// bundle (dist/cli.cjs) through a V8 code cache kept per command. Built by scripts/build.mjs as
// CommonJS (an ES module entry costs Node 20 its whole module loader, ~4 ms), with the constants below.
import { join } from 'node:path';
import { requireWithCompileCache } from './compile-cache.js';

declare const __ROOT_HELP__: string;
declare const __SUBCOMMANDS__: readonly string[];
declare const __BUNDLE_HASH__: string;

const argv = process.argv;
if (argv.length === 3 && (argv[2] === '--help' || argv[2] === '-h')) {
  process.stdout.write(__ROOT_HELP__);
} else {
  const command = argv[2] !== undefined && __SUBCOMMANDS__.includes(argv[2]) ? argv[2] : 'create';
  // Help and version use too little of a command for their compiled code to be worth caching.
  const complete = argv[2] !== 'help' && !argv.slice(2).some((arg) => ['-h', '--help', '-v', '--version'].includes(arg));
  // Node's loader loaded this file, so its import() works; in the code-cached bundle it has no loader.
  globalThis.__cceImportPackage = (name) => import(name);
  const bundle = requireWithCompileCache(join(__dirname, 'cli.cjs'), __BUNDLE_HASH__, command, complete) as {
    main(argv: string[]): Promise<void>;
  };
  void bundle.main(argv);
}
