import { execFileSync } from 'node:child_process';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { pyImport, pyString, pyStringLines, tomlString, yamlString } from '../../src/plan/escape.js';
import { TEMPLATE_HELPERS as BUILD_HELPERS } from '../../scripts/templates.mjs';
import { TEMPLATE_HELPERS } from '../../src/plan/render.js';

const NASTY = [
  'plain',
  'He said "hi" \\ """',
  "it's O'Brien's",
  'line one\nline two\r\nthree\ttabbed',
  'control \u0000 \u0001 \u001f \u007f and C1 \u0085 \u009f',
  'separators \u2028 \u2029 and BOM \ufeff',
  'unicode: café, 日本語, emoji 🎉',
  '${dollar} {{braces}} %s {} # not a comment',
  "'''triple single''' and \"\"\"triple double\"\"\"",
  'trailing backslash \\',
  '',
];

describe('string literals read back as exactly the input', () => {
  it.each(NASTY)('TOML %j', (value) => {
    expect((parseToml(`key = ${tomlString(value)}`) as { key: string }).key).toBe(value);
  });

  it.each(NASTY)('YAML %j', (value) => {
    expect(parseYaml(`key: ${yamlString(value)}`)).toEqual({ key: value });
  });

  it('Python (ast.literal_eval, one interpreter for all cases)', () => {
    const env = inject('pythonEnv');
    const program = `import ast, json, sys\nprint(json.dumps([${NASTY.map(pyString).join(', ')}]))`;
    const output = execFileSync(env.python, ['-c', program], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(NASTY);
  });

  it('replaces lone surrogates instead of writing files parsers reject', () => {
    expect((parseToml(`key = ${tomlString('a\ud800b')}`) as { key: string }).key).toBe('a\ufffdb');
  });
});

describe('Python layout helpers', () => {
  it('wrap string lists within the width, every item followed by a comma', () => {
    const items = Array.from({ length: 20 }, (_, index) => `status_${index}`);
    const lines = pyStringLines(items, 12).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(99);
      expect(line.startsWith(' '.repeat(12))).toBe(true);
      expect(line.endsWith(',')).toBe(true);
    }
    expect(lines.join(' ').match(/'status_\d+',/g)).toHaveLength(20);
  });

  it('keep short imports on one line and parenthesize long ones', () => {
    expect(pyImport('a.b', ['x', 'y'])).toBe('from a.b import x, y');
    expect(pyImport('m', ['Alpha'.repeat(10), 'Beta'.repeat(10)])).toBe(`from m import (\n    ${'Alpha'.repeat(10)},\n    ${'Beta'.repeat(10)},\n)`);
    expect(pyImport('m', [])).toBe('');
  });

  it('order names as flake8-import-order smarkets does: by lowercase name, then by name', () => {
    expect(pyImport('m', ['is_transient', 'StepReturnedNothing', 'Any', 'get_type_hints'])).toBe('from m import Any, get_type_hints, is_transient, StepReturnedNothing');
    expect(pyImport('m', ['ab', 'AB', 'Ab'])).toBe('from m import AB, Ab, ab');
    expect(pyImport('m', ['ZetaSaga', 'AlphaSaga'].map((name) => name.repeat(6)))).toMatch(/^from m import \(\n {4}AlphaSaga/);
  });
});

describe('template helpers', () => {
  it('are compiled as known helpers exactly as the renderer registers them', () => {
    expect([...BUILD_HELPERS].sort()).toEqual(Object.keys(TEMPLATE_HELPERS).sort());
  });
});
