// Bundles src/ into dist/: the CLI as a CommonJS bundle with the templates precompiled (heavy
// runtime dependencies stay external and are loaded lazily), the full parsers as a second one, and a
// small CommonJS entry that answers --help by itself and loads the bundles through a V8 code cache.
// NO_MINIFY=1 keeps names readable for profiling.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forValidation } from './lezer-tables.mjs';
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

/**
 * A plugin that rewrites one dependency file for a faster start, and fails the build when no file
 * matched (the dependency moved), rather than silently losing the speed-up.
 */
function rewrite(name, filter, transform) {
  return {
    name,
    setup(builder) {
      let rewritten = 0;
      builder.onLoad({ filter }, ({ path }) => {
        rewritten++;
        return { contents: transform(readFileSync(path, 'utf8'), path), loader: 'js' };
      });
      builder.onEnd(() => {
        if (rewritten === 0) throw new Error(`${name}: no file matched ${filter}; update scripts/build.mjs for the new version`);
      });
    },
  };
}

// commander requires child_process (~2.5 ms) at load for executable subcommands, which this CLI does
// not have: it gets the module when it first calls it.
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = rewrite('lazy-child-process', /[\\/]commander[\\/]lib[\\/]command\.js$/, (source, path) => {
  if (!source.includes(COMMANDER_CHILD_PROCESS)) throw new Error(`${path}: commander no longer requires child_process as expected`);
  return source.replace(COMMANDER_CHILD_PROCESS, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
});
// In the extras bundle, @lezer/python is required as an ES module, like its own imports of @lezer/*:
// the ES builds, whose unused parts the bundler can drop.
const lezerAsModules = {
  name: 'lezer-as-modules',
  setup(builder) {
    builder.onResolve({ filter: /^@lezer\// }, ({ kind, path, resolveDir, importer }) =>
      kind === 'require-call' ? builder.resolve(path, { kind: 'import-statement', resolveDir, importer }) : undefined,
    );
  },
};
const lezerForValidation = rewrite('lezer-for-validation', /[\\/]@lezer[\\/]python[\\/]dist[\\/]index\.c?js$/, forValidation);

/**
 * The full parsers behind validate's quick passes (the yaml library, @lezer/python) are needed only
 * for code and YAML those passes do not take. They live in a bundle of their own (dist/extras.cjs),
 * which the launcher loads through the code cache when src/import-package's loadExtra first asks
 * for one: the CLI's bundle is about a third smaller, which every start reads, converts and gets its
 * code cached for. Any other import of them in the CLI fails the build.
 */
const EXTRAS = ['yaml', '@lezer/python'];
const extrasThroughLoadExtra = {
  name: 'extras-through-loadExtra',
  setup(builder) {
    const filter = new RegExp(`^(?:${EXTRAS.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
    builder.onResolve({ filter }, ({ path, importer }) => ({
      errors: [{ text: `${importer} imports ${path}, which is in dist/extras.cjs: use loadExtra (src/import-package.ts)` }],
    }));
  },
};

/** The module wrapper Node's loader would add, in the file: the launcher runs a bundle's text as it is. */
const asModuleFunction = {
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '})' },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  // Loaded lazily by the commands that need them (the wizard, run/test, doctor).
  external: ['mongodb', 'execa', '@inquirer/prompts'],
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  plugins: [templatesPlugin],
  logLevel: 'warning',
};

/** The root --help text, exactly as commander renders it at 80 columns, the subcommand names, and validate's options that take a value. */
async function programFacts() {
  const probe = `${root}dist-probe.cjs`;
  await build({
    ...common,
    format: 'cjs',
    stdin: {
      contents:
        "import { buildProgram } from './src/program.ts';\n" +
        'void buildProgram().then((program) => {\n' +
        "  let help = '';\n" +
        '  program.configureOutput({ writeOut: (text) => (help += text) });\n' +
        '  program.outputHelp(); // with the text added before and after\n' +
        "  const validate = program.commands.find((command) => command.name() === 'validate');\n" +
        '  const valueOptions = validate.options.filter((option) => option.required || option.optional).flatMap((option) => [option.long, option.short].filter(Boolean));\n' +
        '  process.stdout.write(JSON.stringify({ help, subcommands: program.commands.map((command) => command.name()), valueOptions }));\n' +
        '});',
      resolveDir: root,
      loader: 'ts',
    },
    outfile: probe,
  });
  try {
    return JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8', env: { ...process.env, COLUMNS: '80' } }));
  } finally {
    rmSync(probe, { force: true });
  }
}

rmSync(`${root}dist`, { recursive: true, force: true });
const { help, subcommands, valueOptions } = await programFacts();
// The CLI as a CommonJS bundle, for src/launch to run through vm.Script (not for require()): Node 20
// can code-cache a script but not an ES module.
// Its dynamic imports of packages become require() (Node >= 20.19 requires ES modules too): import()
// in a script loaded from a code cache has no loader to call.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.cjs',
  minify: !process.env.NO_MINIFY,
  supported: { 'dynamic-import': false },
  ...asModuleFunction,
  plugins: [...common.plugins, lazyChildProcess, extrasThroughLoadExtra],
});
await build({
  ...common,
  format: 'cjs',
  // Getters: each package is set up when first asked for, not with the other.
  stdin: {
    contents: `module.exports = { ${EXTRAS.map((name) => `get ${JSON.stringify(name)}() { return require(${JSON.stringify(name)}); }`).join(', ')} };`,
    resolveDir: root,
    loader: 'js',
  },
  outfile: 'dist/extras.cjs',
  minify: !process.env.NO_MINIFY,
  ...asModuleFunction,
  plugins: [lezerAsModules, lezerForValidation],
});
/** A bundle's content hash (what names its code caches), after checking it is ASCII. */
function bundleHash(file) {
  const bundle = readFileSync(`${root}dist/${file}`);
  // The launcher reads bundles as latin1, which is UTF-8 only for ASCII: esbuild escapes the rest
  // in code; unminified builds (for profiling) also keep comments, which may not be ASCII.
  if (!process.env.NO_MINIFY && bundle.some((byte) => byte > 0x7f)) throw new Error(`dist/${file} is not ASCII; the launcher reads it as latin1`);
  return createHash('sha256').update(bundle).digest('hex').slice(0, 16);
}
// The bin's entry: the root help as text, else the bundle through the code cache. CommonJS, like the
// bin (bin/package.json): Node 20 starts its ES module loader only for an ES module entry.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/launch/launch.ts'],
  outfile: 'dist/launch.cjs',
  minify: !process.env.NO_MINIFY,
  define: {
    ...common.define,
    __ROOT_HELP__: JSON.stringify(help),
    __SUBCOMMANDS__: JSON.stringify(subcommands),
    __VALIDATE_VALUE_OPTIONS__: JSON.stringify(valueOptions),
    __BUNDLE_HASH__: JSON.stringify(bundleHash('cli.cjs')),
    __EXTRAS_HASH__: JSON.stringify(bundleHash('extras.cjs')),
  },
});
