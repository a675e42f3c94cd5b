// The bin's entry, built as CommonJS: printing the root help, rendered at build time, then costs
// little more than a bare start of Node (an ES module entry starts Node's ES module loader, and
// loading the CLI costs more than that). Anything else runs the CLI.
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { helpWidth, writeOut } from './util/stdio.js';

const args = process.argv.slice(2);
// The prebuilt text is wrapped to 80 columns; a terminal of another width gets help rendered for it.
if (args.length === 1 && (args[0] === '--help' || args[0] === '-h') && helpWidth() === 80) {
  writeOut(readFileSync(join(__dirname, 'help.txt'), 'utf8'));
} else {
  // Node's compile cache (22.1+) keeps the CLI's compiled code between runs; Node 20 runs without one.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  void import('./cli.js').then(({ main }: typeof import('./cli.js')) => main(process.argv));
}
