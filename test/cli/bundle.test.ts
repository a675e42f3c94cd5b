// The bundle's chunks: a command loads the code of the libraries it uses, and no other. Read from
// dist/ as built (npm test builds first): the modules a chunk imports statically load with it; the
// ones it imports dynamically, only when that code runs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/python-env.js';

const DIST = join(REPO_ROOT, 'dist');
const read = (file: string) => readFileSync(file, 'utf8');

/** Text only each library's code holds. */
const LIBRARIES = {
  'the MongoDB driver': '"kerberos"',
  'the prompts': 'ExitPromptError',
  '@lezer/python': 'Token end out of bounds',
} as const;

/** The files a module loads with it: itself and what it imports statically, transitively. */
function loadedWith(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const match of read(file).matchAll(/(?:\bfrom|\bimport)\s*"(\.\/[^"]+)"/g)) loadedWith(join(dirname(file), match[1] as string), seen);
  return seen;
}

/** The chunks a module imports dynamically whose name starts with `name` (esbuild names an entry chunk after its source file). */
function dynamicChunks(file: string, name: string): string[] {
  const found = [...read(file).matchAll(/\bimport\("(\.\/[^"]+)"\)/g)].map((match) => match[1] as string).filter((path) => path.split('/').pop()?.startsWith(`${name}-`));
  if (found.length === 0) throw new Error(`${file} imports no ${name} chunk`);
  return [...new Set(found)].map((path) => join(dirname(file), path));
}
const dynamicChunk = (file: string, name: string) => dynamicChunks(file, name)[0] as string;

const librariesIn = (files: Set<string>) =>
  Object.entries(LIBRARIES)
    .filter(([, marker]) => [...files].some((file) => read(file).includes(marker)))
    .map(([library]) => library);

describe('the bundle', () => {
  const cli = join(DIST, 'cli.js');

  it('starts without any of the driver, the prompts or the Python parser', () => {
    expect(librariesIn(loadedWith(cli))).toEqual([]);
  });

  it('gives create neither the driver nor the parser, and the prompts only to the wizard', () => {
    const create = dynamicChunk(cli, 'create');
    expect(librariesIn(loadedWith(create))).toEqual([]);
    expect(librariesIn(loadedWith(dynamicChunk(create, 'wizard')))).toEqual(['the prompts']);
  });

  it('gives validate the parser, and the driver to the gateway and doctor only once they run', () => {
    // commands/validate.ts (arguments first) and validate/index.ts, both named validate.
    expect(dynamicChunks(cli, 'validate').map((chunk) => librariesIn(loadedWith(chunk))).sort()).toEqual([[], ['@lezer/python']]);
    const serve = dynamicChunk(cli, 'serve-command');
    expect(librariesIn(loadedWith(serve))).toEqual([]);
    expect(librariesIn(loadedWith(dynamicChunk(serve, 'gateway')))).toEqual(['the MongoDB driver']);
    expect(librariesIn(loadedWith(dynamicChunk(cli, 'doctor')))).toEqual([]);
  });

  it("leaves the driver's optional add-ons out, to be found when installed beside the package", () => {
    for (const addOn of ['kerberos', 'snappy', '@mongodb-js/zstd', 'mongodb-client-encryption', 'gcp-metadata', 'socks', '@aws-sdk/credential-providers']) {
      expect(read(join(DIST, 'THIRD-PARTY-LICENSES.txt')), addOn).not.toContain(`\n${addOn}@`);
    }
  });
});
