// Bundles src/ into dist/ (code-split so each command loads only what it needs) with the
// templates precompiled; heavy runtime dependencies stay external and are imported lazily.
import { build } from 'esbuild';
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

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  keepNames: false,
  external: ['mongodb', 'execa'],
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [templatesPlugin],
  logLevel: 'warning',
});
