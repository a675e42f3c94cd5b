// The CLI process ends as soon as its command is done (src/cli.ts, exitWhenIdle, whose condition
// test/unit/exit.test.ts covers), but not while a command still serves.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

describe('process lifecycle', () => {
  it('data-api serve keeps answering until it is signalled, then exits 0', async () => {
    const child = spawn(process.execPath, [CLI, 'data-api', 'serve', '--port', '0', '--api-key', 'lifecycle-key', '--mongo-uri', 'mongodb://127.0.0.1:9/'], {
      cwd: tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      await expect.poll(() => output, { timeout: 10_000 }).toContain('Data API listening on');
      const base = /(http:\/\/\S+\/action\/)/.exec(output)?.[1] ?? '';
      // Still there a while after starting, and answering (the key is wrong on purpose: no MongoDB needed).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(child.exitCode).toBe(null);
      const response = await fetch(`${base}find`, { method: 'POST', headers: { 'api-key': 'wrong' }, body: '{}' });
      expect(response.status).toBe(401);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
