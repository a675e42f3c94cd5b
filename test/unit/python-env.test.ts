import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

describe('the cached Python test environment', () => {
  it('has console scripts that run from where the venv is cached', () => {
    const { bin } = inject('pythonEnv');
    expect(execFileSync(join(bin, 'flake8'), ['--version'], { encoding: 'utf8' })).toMatch(/flake8-import-order/);
    expect(execFileSync(join(bin, 'pytest'), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toMatch(/pytest \d/);
  });
});
