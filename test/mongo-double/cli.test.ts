// Tests for the MongoDB wire-protocol TEST DOUBLE's command-line launcher.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const CLI = fileURLToPath(new URL('../support/mongo-double/cli.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

function launch(args: string[], command: [string, ...string[]] = [TSX, CLI]) {
  const [program, ...programArgs] = command;
  const child = spawn(program, [...programArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const firstLine = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => stdout.includes('\n') && resolve(stdout.split('\n')[0] ?? '');
      child.stdout.on('data', check);
      check();
      void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
    });
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('mongo-double CLI', () => {
  it('prints only its URI, serves, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const run = launch(['--port', String(port), '--user', 'u', '--password', 'p']);
    expect(await run.firstLine()).toBe(`mongodb://127.0.0.1:${port}/`);
    const client = new MongoClient(`mongodb://u:p@127.0.0.1:${port}/?authSource=admin`, { serverSelectionTimeoutMS: 2000 });
    try {
      await client.db('app').collection('events').insertOne({ from: 'cli' });
      expect(await client.db('app').collection('events').countDocuments()).toBe(1);
    } finally {
      await client.close();
    }
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toEqual({ stdout: `mongodb://127.0.0.1:${port}/\n`, stderr: '' });
  });

  it('stops serving when `npm run mongo-double` is stopped', async () => {
    const port = await freePort();
    const run = launch(['--port', String(port)], ['npm', 'run', '--silent', 'mongo-double', '--']);
    expect(await run.firstLine()).toBe(`mongodb://127.0.0.1:${port}/`);
    run.child.kill('SIGTERM');
    await run.exited;
    const refused = async () =>
      new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => socket.destroy() && resolve(false));
        socket.once('error', () => resolve(true));
      });
    for (let attempt = 0; attempt < 50 && !(await refused()); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await refused()).toBe(true);
  });

  it.each([['--port', 'abc'], ['--port', '65536'], ['--user', 'only'], ['--what']])('rejects bad arguments %s %s with exit code 2', async (...args) => {
    const run = launch(args);
    expect(await run.exited).toBe(2);
    expect(run.output().stdout).toBe('');
    expect(run.output().stderr).toMatch(/usage:/);
  });
});
