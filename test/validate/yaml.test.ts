import { execFileSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { readYaml } from '../../src/util/yaml.js';

const env = inject('pythonEnv');

/** PyYAML's safe_load of each text (what connect-eaas-core reads docker-compose.yml with), as JSON; an error as {error: true}. */
function pyyaml(texts: readonly string[]): unknown[] {
  const script = `
import json, math, sys, yaml
def plain(value):
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return {str(key).lower() if isinstance(key, bool) else str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
out = []
for text in json.load(sys.stdin):
    try:
        out.append(plain(yaml.safe_load(text)))
    except yaml.YAMLError as error:
        out.append({'error': True})
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(env.python, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' })) as unknown[];
}

/** Ours, in the same JSON terms. */
function ours(text: string): unknown {
  const read = readYaml(text);
  if ('problem' in read) return { error: true };
  return JSON.parse(JSON.stringify(read.data, (_, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? (Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf') : value)));
}

// Plain scalars where YAML 1.1, YAML 1.2 and PyYAML's resolvers part ways, and their neighbours.
const SCALARS = [
  'on', 'On', 'ON', 'oN', 'off', 'OFF', 'yes', 'Yes', 'no', 'NO', 'y', 'Y', 'n', 'N', 'true', 'True', 'TRUE', 'false', 'tRUE',
  '0777', '+0777', '09', '0o17', '0x1F', '-0x1', '0x', '0b101', '0b', '1_000', '1__0', '-1_0', '0_7', '0', '-0', '+1', '_1',
  '1:30', '190:20:30', '0:30', '1:30.5', '1e3', '1e+3', '1.0e3', '1.0e+3', '1.5e-3', '1.5E+3', '.5', '+.5', '-.5', '._5', '.5e+3',
  '1.', '-1.', '0.', '1.10', '42.0', '3.9', '0.1.0', '+1_0.5_0', '.inf', '-.inf', '+.inf', '.NaN', '.nan', '~', 'null', 'Null',
  'NULL', 'nULL', '', "'on'", '"yes"', '!!str 1', '!!int "3"', '!!bool yes', 'cloudblueconnect/connect-extension-runner:42.0',
];

describe('compose YAML is read as PyYAML reads it (YAML 1.1)', () => {
  it('resolves plain scalars to the same types and values', () => {
    const texts = SCALARS.map((scalar) => `value: ${scalar}\n`);
    const expected = pyyaml(texts);
    texts.forEach((text, index) => expect(ours(text), text).toEqual(expected[index]));
    expect(ours('mode: 0777\nenabled: on\n')).toEqual({ mode: 511, enabled: true }); // not 777 and "on", as YAML 1.2 reads them
  });

  it('merges, follows anchors, takes the last of repeated keys, and refuses unknown tags and broken files', () => {
    const texts = [
      'base: &base\n  image: a\n  build: {context: .}\nservices:\n  x:\n    <<: *base\n    image: b\n',
      'services:\n  x: {image: a}\n  x: {image: b}\n',
      'services:\n  x:\n    <<: [{image: a}, {build: b}]\n',
      'services:\n  x: !reset null\n',
      'services:\n  x: [\n',
      'on: 1\nyes: 2\n',
      'services:\n  x:\n    image: "a\\tb"\n    command: >\n      folded\n      text\n',
    ];
    const expected = pyyaml(texts);
    texts.forEach((text, index) => expect(ours(text), text).toEqual(expected[index]));
  });

  it('gives key lines, also for keys YAML 1.1 reads as booleans', () => {
    const read = readYaml('services:\n  dev:\n    image: a\n  on:\n    build: {context: .}\n');
    if ('problem' in read) throw new Error(read.problem);
    expect(read.keyLine(['services', 'dev', 'image'])).toBe(3);
    expect(read.keyLine(['services', 'true'])).toBe(4);
    expect(read.keyLine(['services', 'missing'])).toBeUndefined();
  });
});
