import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledDefinitions, diskSource, validateProject, type Finding } from '../../src/validate/index.js';
import { REPO_ROOT } from '../support/python-env.js';

/**
 * Hand-written projects under test/fixtures/validate: `broken/<case>` each break rules on purpose,
 * `valid/<case>` exercise code styles that must raise nothing. Each expected.json lists exactly the
 * findings (rule, level, file, line) the case yields, in any order.
 */
interface Expected {
  /** `python: 'auto'` for cases only Python can see (a syntax error in a module no rule reads). */
  options?: { extensionType?: string; python?: 'auto' | 'off' };
  findings: { rule: string; level: string; file?: string; line?: number }[];
}

const FIXTURES = join(REPO_ROOT, 'test/fixtures/validate');
const RUNNER_VERSION = '42.0';

const key = (item: { rule: string; level: string; file?: string; line?: number }) =>
  `${item.rule} ${item.level} ${item.file ?? '-'}:${item.line ?? '-'}`;

function casesOf(kind: 'broken' | 'valid') {
  return readdirSync(join(FIXTURES, kind))
    .sort()
    .map((name) => {
      const folder = join(FIXTURES, kind, name);
      return { name, folder, expected: JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Expected };
    });
}

async function findingsOf(folder: string, expected: Expected, python: 'auto' | 'off'): Promise<Finding[]> {
  return validateProject(diskSource(folder), {
    definitions: bundledDefinitions(),
    runnerVersion: RUNNER_VERSION,
    ...(expected.options?.extensionType ? { extensionType: expected.options.extensionType } : {}),
    python,
  });
}

for (const kind of ['broken', 'valid'] as const) {
  describe(`validate fixtures: ${kind}`, () => {
    for (const { name, folder, expected } of casesOf(kind)) {
      it(name, async () => {
        const findings = await findingsOf(folder, expected, expected.options?.python ?? 'off');
        expect(findings.map(key).sort()).toEqual(expected.findings.map(key).sort());
        for (const item of findings) {
          expect(item.message.length).toBeGreaterThan(10);
          if (item.line !== undefined) expect(item.excerpt).toBeDefined();
        }
      });
    }
  });
}

describe('validate fixtures: every rule has a broken case', () => {
  it('covers Connect\'s rules, the crash cases and ours', () => {
    const covered = new Set(casesOf('broken').flatMap(({ expected }) => expected.findings.map((item) => item.rule)));
    const rules = [
      ...['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'],
      ...['J1', 'J2', 'J3', 'DSC001', 'DSC002'],
      ...['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'],
      ...['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'S1', 'EVT001', 'EVT002'],
      ...['A1', 'A2', 'A3'],
      ...Array.from({ length: 21 }, (_, index) => `W${index + 1}`),
      ...['T1', 'T2', 'T3', 'T4', 'T5', 'T6'],
      ...['V1', 'V2', 'V3', 'V4', 'V5', 'CFG001', 'CFG002', 'CFG003', 'ENV001', 'SYN001', 'PYP001'],
    ];
    expect(rules.filter((rule) => !covered.has(rule))).toEqual([]);
  });
});

describe('validate fixtures: messages that say what to do', () => {
  const messageOf = async (name: string, rule: string) => {
    const folder = join(FIXTURES, 'broken', name);
    const findings = await findingsOf(folder, { findings: [] }, 'off');
    return findings.find((item) => item.rule === rule)?.message;
  };

  it('E5 names the event type a misspelt one is most likely to be', async () => {
    expect(await messageOf('e5-unknown-event-type', 'E5')).toMatch(/Did you mean asset_purchase_request_processing\?$/);
  });

  it('DSC002 says where the link should point', async () => {
    expect(await messageOf('dsc002-placeholder-urls', 'DSC002')).toMatch(/readme_url "https:\/\/example.com\/README.md" is a placeholder.*public README.md/);
  });

  it('PYP001 names the entry point the runner would load', async () => {
    expect(await messageOf('pyp001-unknown-entry-point', 'PYP001')).toMatch(/^The entry point "webap" .* is not one the runner loads .* Did you mean webapp\?$/);
  });

  it('CFG003 names the runner setting and suggests a name of its own', async () => {
    expect(await messageOf('cfg003-runner-variable-name', 'CFG003')).toMatch(/^API_KEY is also the name of a connect-extension-runner setting.*e\.g\. SERVICE_API_KEY\.$/);
  });
});

describe('validate fixtures: syntax errors confirmed by Python', () => {
  for (const { name, folder, expected } of casesOf('broken').filter((entry) => entry.name.startsWith('syn'))) {
    it(`${name} gives the same findings with python: 'auto'`, async () => {
      const findings = await findingsOf(folder, expected, 'auto');
      expect(findings.map(key).sort()).toEqual(expected.findings.map(key).sort());
      expect(findings.find((item) => item.rule === 'SYN001')?.message).toMatch(/^Python cannot compile this file/);
    });
  }
});
