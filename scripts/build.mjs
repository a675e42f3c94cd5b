// Bundles src/ into dist/ with every library it uses, so the published package has no dependencies:
// ES modules split at each dynamic import, so a command loads its own code and the libraries only
// it needs (the MongoDB driver, the prompts, execa, the parsers) when it runs. The licenses of the
// bundled packages go into dist/THIRD-PARTY-LICENSES.txt. NO_MINIFY=1 keeps names readable.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeThirdPartyLicenses } from './licenses.mjs';
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
const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: !process.env.NO_MINIFY,
  // The CommonJS libraries in the chunks require Node's built-ins (and the driver's optional add-ons,
  // kerberos, snappy…, which stay unbundled and are found only when installed beside the package).
  banner: { js: "import { createRequire as __cceCreateRequire } from 'node:module'; const require = __cceCreateRequire(import.meta.url);" },
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  plugins: [templatesPlugin],
  // The licenses go in a file of their own, whole.
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
writeThirdPartyLicenses(root, metafile, `${root}dist/THIRD-PARTY-LICENSES.txt`);
// The bin's entry, and the root help it prints without loading the CLI.
await build({
  absWorkingDir: root,
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/bin.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  minify: !process.env.NO_MINIFY,
  external: ['./cli.js'],
  logLevel: 'warning',
});
const { rootHelp } = await import(`${pathToFileURL(root).href}dist/cli.js`);
writeFileSync(`${root}dist/help.txt`, await rootHelp());
