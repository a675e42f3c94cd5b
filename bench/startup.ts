// npm run bench, warm rows: wall times of the CLI against bare `node -e 0`, measured in the same run
// and interleaved so machine noise hits every subject alike; medians, ratios and targets. Then the
// same commands against lower bounds of ccli's bootstrap and connect-eaas-core's validators (which
// cannot be installed here; see bench/ccli_lower_bound.py). On Node 22.1+ binaries cached by
// `npm run test:node`, a row each shows Node's compile cache at work.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePythonEnv } from '../test/support/python-env.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'create-connect-extension.js');
// The projects go in a folder of the benchmark's own (by default the repository's git-ignored
// .cache), as a developer's would, not the shared /tmp, where files other processes deleted
// moments ago can make each new file cost several times more. BENCH_DIR=/tmp measures there; the
// control row shows what writing create's files costs where they go.
const parent = process.env.BENCH_DIR || join(root, '.cache');
mkdirSync(parent, { recursive: true });
const work = mkdtempSync(join(parent, 'cce-bench-'));
// NODE_EXTRA_CA_CERTS makes Node 20 parse that certificate file at every start, which would pad the
// baseline and shrink every ratio: the subjects run without it, and a row shows what it costs.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
const { NODE_EXTRA_CA_CERTS: _ignored, ...clean } = process.env;
const env: NodeJS.ProcessEnv = { ...clean, NODE_COMPILE_CACHE: join(work, 'compile-cache') };

const node = process.execPath;
const run = (args: string[]) => {
  const result = spawnSync(node, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  if (result.status !== 0) throw new Error(`${args.slice(1).join(' ')} exited ${result.status}: ${result.stderr}`);
};
// A stateful project to validate: the largest a default run produces; the files of a default create.
run([cli, 'stateful_ext', '--yes', '--no-git', '--storage', 'mongo-driver', '-o', work]);
run([cli, 'control', '--yes', '--no-git', '-o', work]);
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

const python = ensurePythonEnv((line) => console.log(line), ['click', 'rich', 'openpyxl', 'requests', 'httpx', 'prompt_toolkit', 'jinja2', 'pyyaml', 'toml', 'fastapi', 'pydantic', 'setuptools']).python;
const lowerBound = join(root, 'bench', 'ccli_lower_bound.py');

interface Subject {
  name: string;
  command?: string;
  args: string[] | ((round: number) => string[]);
  env?: NodeJS.ProcessEnv;
  baseline?: boolean;
  target?: number;
  note?: string;
}

/** Node LTS binaries npm run test:node cached, newest first: the first with a compile cache gets rows. */
const cachedNode = (() => {
  const folder = join(root, '.cache', 'node');
  if (!existsSync(folder)) return undefined;
  return readdirSync(folder)
    .map((name) => ({ name, binary: join(folder, name, 'package', 'bin', 'node'), major: Number(/-(\d+)\.\d+\.\d+$/.exec(name)?.[1]) }))
    .filter(({ binary, major }) => major >= 22 && existsSync(binary))
    .sort((a, b) => b.major - a.major)[0];
})();

const subjects: Subject[] = [
  { name: 'bare node (node -e 0)', args: ['-e', '0'], baseline: true },
  { name: 'create-connect-extension --help', args: [cli, '--help'], target: 1.2 },
  { name: 'create --yes --no-git (full project)', args: (round) => [cli, `bench_${round}`, '--yes', '--no-git', '-o', work], target: 3 },
  { name: 'validate (stateful project)', args: [cli, 'validate', join(work, 'stateful_ext')], target: 4 },
  { name: 'events', args: [cli, 'events'], note: '(loads the CLI and one command)' },
  { name: 'help validate', args: [cli, 'help', 'validate'], note: '(help the CLI renders: what --help costs without the prebuilt text)' },
  { name: "node writing create's files (control)", args: (round) => ['-e', writeControl, join(work, 'control.json'), join(work, `control_${round}`)], note: '(file system: node and the writes alone)' },
  {
    name: 'ccli bootstrap, lower bound (Python)',
    command: python,
    args: (round) => [lowerBound, 'bootstrap', join(work, 'control'), join(work, `ccli_${round}`)],
    note: '(see bench/ccli_lower_bound.py)',
  },
  { name: 'eaas-core validators, lower bound (Python)', command: python, args: [lowerBound, 'validate', join(work, 'stateful_ext')], note: '(see bench/ccli_lower_bound.py)' },
  ...(cachedNode
    ? [
        { name: `Node ${cachedNode.major}: bare node`, command: cachedNode.binary, args: ['-e', '0'] },
        { name: `Node ${cachedNode.major}: create, compile cache`, command: cachedNode.binary, args: (round: number) => [cli, `node_${round}`, '--yes', '--no-git', '-o', work] },
        {
          name: `Node ${cachedNode.major}: create, no compile cache`,
          command: cachedNode.binary,
          args: (round: number) => [cli, `nocache_${round}`, '--yes', '--no-git', '-o', work],
          env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' },
        },
        { name: `Node ${cachedNode.major}: validate, compile cache`, command: cachedNode.binary, args: [cli, 'validate', join(work, 'stateful_ext')] },
      ]
    : []),
  ...(extraCaCerts
    ? [{ name: 'bare node with NODE_EXTRA_CA_CERTS', args: ['-e', '0'], env: { ...clean, NODE_EXTRA_CA_CERTS: extraCaCerts }, note: '(not a subject: what the variable adds to every start)' }]
    : []),
];

function time(subject: Subject, round: number): number {
  const args = typeof subject.args === 'function' ? subject.args(round) : subject.args;
  const started = process.hrtime.bigint();
  const result = spawnSync(subject.command ?? node, args, { stdio: ['ignore', 'ignore', 'pipe'], env: subject.env ?? env });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${subject.name} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const samples = subjects.map((): number[] => []);
for (let round = 0; round < ROUNDS + 3; round++) {
  subjects.forEach((subject, index) => {
    const elapsed = time(subject, round);
    if (round >= 3) samples[index]?.push(elapsed); // the first rounds warm the file cache (and the compile caches)
  });
}
rmSync(work, { recursive: true, force: true });

const medians = new Map(subjects.map((subject, index) => [subject.name, median(samples[index] ?? [])]));
const baseline = medians.get('bare node (node -e 0)') as number;
const nodeBaseline = cachedNode ? (medians.get(`Node ${cachedNode.major}: bare node`) as number) : undefined;
let failed = false;
console.log(`startup benchmark: median of ${ROUNDS} interleaved runs, Node ${process.version}${extraCaCerts ? ', NODE_EXTRA_CA_CERTS unset for the subjects' : ''}`);
for (const subject of subjects) {
  const value = medians.get(subject.name) as number;
  const base = subject.name.startsWith('Node ') && nodeBaseline ? nodeBaseline : baseline;
  const ratio = value / base;
  const verdict = subject.baseline
    ? 'baseline'
    : subject.target
      ? ratio <= subject.target
        ? `ok (target ≤ ${subject.target}×)`
        : `OVER target ${subject.target}×`
      : (subject.note ?? '');
  if (subject.target && ratio > subject.target) failed = true;
  console.log(`  ${subject.name.padEnd(44)} ${value.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×  ${verdict}`);
}
// The real ccli commands take longer than their lower bounds: these ratios understate the gap.
for (const [ours, theirs] of [
  ['create --yes --no-git (full project)', 'ccli bootstrap, lower bound (Python)'],
  ['validate (stateful project)', 'eaas-core validators, lower bound (Python)'],
] as const) {
  const ratio = (medians.get(theirs) as number) / (medians.get(ours) as number);
  const verdict = ratio >= 20 ? 'ok (target ≥ 20×)' : 'under 20× against this lower bound (the real command also starts ccli and calls the Connect API and PyPI)';
  console.log(`  ${ours.split(' (')[0]} is ${ratio.toFixed(1)}× faster than the ${theirs.split(',')[0]} lower bound: ${verdict}`);
}
if (failed && process.env.BENCH_STRICT) process.exitCode = 1;
