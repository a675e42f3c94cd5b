import { expect } from 'vitest';
import type { Answers } from '../../src/answers/model.js';
import type { Finding } from '../../src/validate/index.js';

/**
 * What `validate` may report on a project create planned from these answers: DSC002 for the
 * placeholder readme_url and changelog_url when no repository URL gave real links, nothing else.
 */
export function expectOnlyPlaceholderWarnings(findings: readonly Finding[], answers: Partial<Pick<Answers, 'repository_url'>>): void {
  const expected = answers.repository_url ? [] : ['readme_url', 'changelog_url'].map((key) => ({ rule: 'DSC002', level: 'warning', message: expect.stringContaining(key) }));
  expect(findings.map(({ rule, level, message }) => ({ rule, level, message }))).toEqual(expected);
}
