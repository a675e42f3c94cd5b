import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../support/temp.js';

const asked: string[] = [];
vi.mock('../../src/answers/wizard.js', () => ({
  createWizard: () => ({
    ask: async (definition: { key: string }, _draft: unknown, initial: unknown) => {
      asked.push(definition.key);
      return initial;
    },
  }),
}));

const { runCreate } = await import('../../src/commands/create.js');

function terminal(cwd: string) {
  return { cwd, interactive: () => true, out: () => {}, err: () => {} };
}

describe('create with a terminal', () => {
  it('refuses a project folder it already knows is not empty before asking anything', async () => {
    const cwd = tempFolder('cce-wizard-');
    mkdirSync(join(cwd, 'taken'));
    writeFileSync(join(cwd, 'taken', 'notes.txt'), 'mine');

    await expect(runCreate('taken', {}, terminal(cwd))).rejects.toThrow('is not empty');
    expect(asked).toEqual([]);
    expect(readdirSync(join(cwd, 'taken'))).toEqual(['notes.txt']);
  });

  it('asks the questions when the folder is free', async () => {
    const cwd = tempFolder('cce-wizard-');
    expect(await runCreate('free', { git: false }, terminal(cwd))).toBe(0);
    expect(asked).toContain('description');
    expect(asked).not.toContain('project_slug'); // the folder argument answered it
  });
});
