// What a user waits for on a first `npx create-connect-extension`: `npm exec` of our packed tarball
// against `npm exec` of create-vite's (a pinned release, fetched once with npm pack and kept in
// .cache/bench), each with a new empty npm cache, interleaved, printing the median wall times, their
// ratio, and the packages and bytes each installs. Both run `--help`, so the time is npm's install
// and the bin's start. Run after `npm run build` (npm run bench does).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CREATE_VITE = '9.3.0';
const ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 7);
const TARGET = 1.5;
const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const cache = join(root, '.cache', 'bench');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'cold-'));
// As the warm rows: Node (npm, the bins) starts without NODE_EXTRA_CA_CERTS.
const { NODE_EXTRA_CA_CERTS: _ignored, ...env } = process.env;

const pack = (args, cwd) => JSON.parse(execFileSync(npm, ['pack', '--json', ...args], { cwd, encoding: 'utf8', env }))[0].filename;
const ours = join(work, pack(['--ignore-scripts', '--pack-destination', work], root));
const vite = join(cache, `create-vite-${CREATE_VITE}.tgz`);
if (!existsSync(vite)) pack([`create-vite@${CREATE_VITE}`, '--pack-destination', cache], cache);

const subjects = [
  { name: `create-vite@${CREATE_VITE}`, tarball: vite, bin: 'create-vite' },
  { name: 'create-connect-extension (packed)', tarball: ours, bin: 'create-connect-extension' },
];

function folderBytes(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** One cold `npm exec`: a new cache (npx installs into it); the wall time, and what it installed. */
function coldRun(subject, round) {
  const npmCache = join(work, `cache-${subject.bin}-${round}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(
    npm,
    ['exec', '--yes', '--no-update-notifier', '--no-audit', '--no-fund', '--cache', npmCache, '--package', subject.tarball, '--', subject.bin, '--help'],
    { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`npm exec ${subject.bin} exited ${result.status}: ${result.stderr}`);
  const npx = join(npmCache, '_npx');
  const modules = join(npx, readdirSync(npx)[0], 'node_modules');
  const packages = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : name.startsWith('.') ? [] : [name]));
  const bytes = folderBytes(modules);
  rmSync(npmCache, { recursive: true, force: true });
  return { elapsed, packages: packages.length, bytes };
}

const runs = subjects.map(() => []);
for (let round = 0; round < ROUNDS + 1; round++) {
  subjects.forEach((subject, index) => {
    const run = coldRun(subject, round);
    if (round > 0) runs[index].push(run); // the first round warms the file cache
  });
}
rmSync(work, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const [viteRuns, ourRuns] = runs;
const viteTime = median(viteRuns.map((run) => run.elapsed));
console.log(`cold install: npm exec <tarball> -- <bin> --help with an empty npm cache, median of ${ROUNDS} interleaved runs, Node ${process.version}`);
subjects.forEach((subject, index) => {
  const time = median(runs[index].map((run) => run.elapsed));
  const { packages, bytes } = runs[index][0];
  const ratio = time / viteTime;
  const verdict = index === 0 ? 'baseline' : ratio <= TARGET ? `ok (target ≤ ${TARGET}×)` : `OVER target ${TARGET}×`;
  console.log(`  ${subject.name.padEnd(36)} ${(time / 1000).toFixed(2).padStart(6)} s  ${ratio.toFixed(2)}×  ${packages} package${packages === 1 ? '' : 's'}, ${(bytes / 1e6).toFixed(1)} MB  ${verdict}`);
});
const ourTime = median(ourRuns.map((run) => run.elapsed));
if (process.env.BENCH_STRICT && (ourTime / viteTime > TARGET || ourRuns[0].packages !== 1)) process.exitCode = 1;
