// npm run test:node: the CLI and end-to-end suites on each Node LTS line besides the one running
// npm test, with Node binaries from the npm registry's node-<platform>-<arch> packages, cached in
// .cache/node. Run after npm test, which builds dist/. A line whose binary does not install or start
// here is reported, not failed, when it is marked optional.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Pinned, so a cached binary is used without asking the registry. */
const LINES = [
  { version: '22.23.5' },
  { version: '24.22.3' },
  { version: '26.12.1', optional: true },
];
const SUITES = ['test/cli', 'test/e2e'];
const platform = `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The cached binary of `version`, fetched (npm pack) and unpacked the first time. */
function nodeBinary(version) {
  const folder = join(root, '.cache', 'node', `node-${platform}-${version}`);
  const binary = join(folder, 'package', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(binary)) return binary;
  const staging = `${folder}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    execFileSync(npm, ['pack', `node-${platform}@${version}`, '--silent', '--pack-destination', staging], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack node-${platform}@${version} wrote no tarball`);
    execFileSync('tar', ['-xzf', tarball], { cwd: staging });
    rmSync(join(staging, tarball));
    rmSync(folder, { recursive: true, force: true });
    renameSync(staging, folder);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

let failed = false;
for (const { version, optional } of LINES) {
  let binary;
  try {
    binary = nodeBinary(version);
    execFileSync(binary, ['--version'], { stdio: 'ignore' });
  } catch (error) {
    console.log(`Node ${version}: ${optional ? 'does not install here, not tested' : 'cannot be installed'} (${error.message.split('\n')[0]})`);
    if (!optional) failed = true;
    continue;
  }
  console.log(`\n=== Node ${version}: ${SUITES.join(', ')}`);
  // First on PATH too: the installed bin of the packed-tarball test starts the `node` it finds there.
  const env = { ...process.env, PATH: `${dirname(binary)}${delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(binary, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...SUITES], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.log(`Node ${version}: the suites failed`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
