import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import { withDecodedTables } from '../../scripts/lezer-tables.mjs';
import { REPO_ROOT } from '../support/python-env.js';

const require = createRequire(import.meta.url);

/** The parser as the bundle builds it: @lezer/python's module with the tables the build decoded. */
function bundledParser(): typeof parser {
  const file = require.resolve('@lezer/python');
  const source = withDecodedTables(readFileSync(file, 'utf8'));
  const module = { exports: {} as { parser: typeof parser } };
  const load = runInThisContext(`(function (exports, require, module) {${source}\n})`, { filename: file }) as (...args: unknown[]) => void;
  load(module.exports, createRequire(file), module);
  return module.exports.parser;
}

describe('build: the Python parse tables decoded at build time', () => {
  const built = bundledParser();

  it('leaves no encoded table for the parser to decode', () => {
    const source = withDecodedTables(readFileSync(require.resolve('@lezer/python'), 'utf8'));
    expect(source).not.toMatch(/\n\s*(states|stateData|goto|tokenData): "/);
  });

  it('gives the parser the tables @lezer/lr decodes', () => {
    // Internal fields of LRParser, not in its types.
    const tables = (of: typeof parser) => {
      const { states, data, goto } = of as unknown as Record<'states' | 'data' | 'goto', Uint16Array | Uint32Array>;
      return { states, data, goto };
    };
    expect(tables(built)).toEqual(tables(parser));
  });

  it('parses valid and broken code to the same trees', () => {
    const samples = [
      readFileSync(join(REPO_ROOT, 'test/fixtures/validate/broken/syn001-syntax-error/app/events.py'), 'utf8'),
      "@event('x', statuses=['a'])\nasync def f(self, r):\n    return f\"{r['id']!r:>{w}}\" + '''t'''\n",
      'class A(B, *c):\n    x: int = 1\n  y = (\n',
    ];
    for (const sample of samples) expect(built.parse(sample).toString()).toBe(parser.parse(sample).toString());
  });
});
