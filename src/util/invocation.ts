import { basename, delimiter, dirname, isAbsolute, relative, sep } from 'node:path';

const NAME = 'create-connect-extension';

/**
 * This tool's command as instructions should write it: the way it was started. Under npx or
 * `npm create` (a bin in an npm cache or a node_modules/.bin), `npx create-connect-extension`; from
 * a global install on PATH, its name; otherwise (a clone) `node` and the path of the bin that ran,
 * as seen from `from`, the folder the instructions are run in.
 */
export function invocation(from: string, script = process.argv[1] ?? NAME, path = process.env.PATH ?? ''): string {
  if (script.includes(`${sep}_npx${sep}`) || script.includes(`${sep}node_modules${sep}.bin${sep}`)) return `npx ${NAME}`;
  if (basename(script) === NAME && path.split(delimiter).includes(dirname(script))) return NAME;
  const local = relative(from, script);
  const shown = isAbsolute(local) || local.split(sep).filter((part) => part === '..').length > 2 ? script : local;
  return `node ${/\s/.test(shown) ? JSON.stringify(shown) : shown}`;
}
