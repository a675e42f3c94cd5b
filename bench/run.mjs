// npm run bench: wall times of the CLI against bare `node -e 0`, measured in the same run,
// interleaved so machine noise hits every subject alike; prints medians and ratios to targets.
// The CLI keeps a V8 code cache per command (src/launch): the targets are measured with it, as every
// run after a command's first one is; the rows without it show what that first run costs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const cli = fileURLToPath(new URL('../bin/create-connect-extension.js', import.meta.url));
// The projects go in a folder of their own, as a developer's would (by default the repository's
// git-ignored .cache), not in the system's shared temporary folder: there, files other processes
// deleted moments ago can make each new file cost the file system several times more (ext4 passes
// over inodes freed shortly before), which measures them, not this tool. BENCH_DIR=/tmp measures
// there. The file-system control row shows what writing create's files costs where they go.
const parent = process.env.BENCH_DIR || fileURLToPath(new URL('../.cache/', import.meta.url));
mkdirSync(parent, { recursive: true });
const work = mkdtempSync(join(parent, 'cce-bench-'));
// NODE_EXTRA_CA_CERTS makes Node 20 read and parse that certificate file at every start, before any
// script runs: tens of milliseconds with a system bundle, which would pad the baseline and shrink
// every ratio below. The subjects run without it, as on a developer's machine that does not set it;
// where it is set, a row shows what it costs.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
const { NODE_EXTRA_CA_CERTS: _ignored, ...clean } = process.env;
const cached = { ...clean, NODE_COMPILE_CACHE: join(work, '.compile-cache') };
const uncached = { ...clean, NODE_DISABLE_COMPILE_CACHE: '1' };
// A stateful project to validate: the largest a default run produces.
spawnSync(process.execPath, [cli, 'validated', '--yes', '--no-git', '--storage', 'mongo-driver', '-o', work], { stdio: 'ignore', env: cached });
// The files a default create writes, for a control that writes just them.
spawnSync(process.execPath, [cli, 'control', '--yes', '--no-git', '-o', work], { stdio: 'ignore', env: cached });
const controlFiles = Object.fromEntries(
  readdirSync(join(work, 'control'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => [relative(join(work, 'control'), join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8')]),
);
writeFileSync(join(work, 'control.json'), JSON.stringify(controlFiles));
const writeControl =
  "const fs = require('node:fs'), path = require('node:path'); const [files, root] = process.argv.slice(1);" +
  "for (const [file, content] of Object.entries(JSON.parse(fs.readFileSync(files, 'utf8')))) {" +
  'const target = path.join(root, file); fs.mkdirSync(path.dirname(target), { recursive: true }); fs.writeFileSync(target, content); }';

const subjects = [
  { name: 'bare node (node -e 0)', args: ['-e', '0'], baseline: true },
  { name: 'create-connect-extension --help', args: [cli, '--help'], target: 1.2 },
  {
    name: 'create --yes --no-git (full project)',
    args: (round) => [cli, `bench_${round}`, '--yes', '--no-git', '-o', work],
    target: 1.3,
  },
  { name: 'validate (stateful project)', args: [cli, 'validate', join(work, 'validated')], target: 1.5 },
  {
    name: "node writing create's files (control)",
    args: (round) => ['-e', writeControl, join(work, 'control.json'), join(work, `control_${round}`)],
    note: '(file system: node and the writes alone)',
  },
  {
    name: 'create, without the code cache',
    args: (round) => [cli, `uncached_${round}`, '--yes', '--no-git', '-o', work],
    env: uncached,
  },
  { name: 'validate, without the code cache', args: [cli, 'validate', join(work, 'validated')], env: uncached },
  ...(extraCaCerts
    ? [{ name: 'bare node with NODE_EXTRA_CA_CERTS', args: ['-e', '0'], env: { ...clean, NODE_EXTRA_CA_CERTS: extraCaCerts }, note: '(not a subject: what the variable adds to every start)' }]
    : []),
];

function time(args, env = cached) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const samples = subjects.map(() => []);
for (let round = 0; round < ROUNDS + 3; round++) {
  subjects.forEach((subject, index) => {
    const elapsed = time(typeof subject.args === 'function' ? subject.args(round) : subject.args, subject.env);
    if (round >= 3) samples[index].push(elapsed); // the first rounds warm the file cache
  });
}
rmSync(work, { recursive: true, force: true });

const baseline = median(samples[subjects.findIndex((subject) => subject.baseline)]);
let failed = false;
console.log(`startup benchmark: median of ${ROUNDS} interleaved runs, Node ${process.version}${extraCaCerts ? ', NODE_EXTRA_CA_CERTS unset for the subjects' : ''}`);
subjects.forEach((subject, index) => {
  const value = median(samples[index]);
  const ratio = value / baseline;
  const verdict = subject.baseline
    ? 'baseline'
    : subject.target
      ? ratio <= subject.target
        ? `ok (target ≤ ${subject.target}×)`
        : `OVER target ${subject.target}×`
      : (subject.note ?? '(first run of a command)');
  if (subject.target && ratio > subject.target) failed = true;
  console.log(`  ${subject.name.padEnd(40)} ${value.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×  ${verdict}`);
});
if (failed && process.env.BENCH_STRICT) process.exitCode = 1;
