import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import { forValidation } from '../../scripts/lezer-tables.mjs';
import { REPO_ROOT } from '../support/python-env.js';

const require = createRequire(import.meta.url);

/**
 * The parser as the bundle builds it: @lezer/python's module with the tables the build decoded and
 * without highlighting props.
 * `endianness` stands in for the machine's, to run the byte-by-byte path big-endian ones take.
 */
function bundledParser(endianness?: 'BE'): typeof parser {
  const file = require.resolve('@lezer/python');
  const source = forValidation(readFileSync(file, 'utf8'));
  const module = { exports: {} as { parser: typeof parser } };
  const load = runInThisContext(`(function (exports, require, module) {${source}\n})`, { filename: file }) as (...args: unknown[]) => void;
  const requireFromFile = createRequire(file);
  load(module.exports, (id: string) => (id === 'node:os' && endianness ? { endianness: () => endianness } : requireFromFile(id)), module);
  return module.exports.parser;
}

/** LRParser's tables (internal fields, not in its types). */
function tables(of: typeof parser) {
  const { states, data, goto, tokenizers } = of as unknown as Record<'states' | 'data' | 'goto', Uint16Array | Uint32Array> & { tokenizers: { data?: unknown }[] };
  return { states, data, goto, tokenData: tokenizers.find((tokenizer) => tokenizer.data instanceof Uint16Array)?.data };
}

describe('build: the Python grammar prepared at build time', () => {
  const built = bundledParser();

  it('leaves no encoded table for the parser to decode, and no highlighting to build', () => {
    for (const file of [require.resolve('@lezer/python'), join(require.resolve('@lezer/python'), '..', 'index.js')]) {
      const source = forValidation(readFileSync(file, 'utf8'));
      expect(source).not.toMatch(/\n\s*(states|stateData|goto|tokenData): "/);
      expect(source).not.toMatch(/highlight|styleTags|propSources/);
    }
  });

  it('gives the parser the tables @lezer/lr decodes, on little- and big-endian machines', () => {
    expect(tables(parser).tokenData).toBeInstanceOf(Uint16Array);
    expect(tables(built)).toEqual(tables(parser));
    expect(tables(bundledParser('BE'))).toEqual(tables(parser));
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
