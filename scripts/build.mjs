// Bundles src/ into dist/ (code-split so each command loads only what it needs) with the
// templates precompiled; heavy runtime dependencies stay external and are imported lazily.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEMPLATES_MODULE_ID, templatesModuleSource } from './templates.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const templatesPlugin = {
  name: 'templates',
  setup(builder) {
    builder.onResolve({ filter: new RegExp(`^${TEMPLATES_MODULE_ID}$`) }, () => ({ path: TEMPLATES_MODULE_ID, namespace: 'templates' }));
    builder.onLoad({ filter: /.*/, namespace: 'templates' }, () => ({
      contents: templatesModuleSource(`${root}templates`),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['mongodb', 'execa'],
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [templatesPlugin],
  logLevel: 'warning',
};

/** The root --help text, exactly as commander renders it at 80 columns, to embed in the CLI. */
async function rootHelp() {
  const probe = `${root}dist-help.mjs`;
  await build({
    ...common,
    stdin: { contents: "import { buildProgram } from './src/program.ts'; process.stdout.write(buildProgram().helpInformation());", resolveDir: root, loader: 'ts' },
    outfile: probe,
  });
  try {
    return execFileSync(process.execPath, [probe], { encoding: 'utf8', env: { ...process.env, COLUMNS: '80' } });
  } finally {
    rmSync(probe, { force: true });
  }
}

rmSync(`${root}dist`, { recursive: true, force: true });
const help = await rootHelp();
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  splitting: true,
  minify: true,
  define: { ...common.define, __ROOT_HELP__: JSON.stringify(help) },
});
