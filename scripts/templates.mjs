// Precompiles templates/**/*.hbs into one ES module, for the esbuild bundle and for vitest.
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const TEMPLATES_MODULE_ID = 'virtual:templates';
/** The helpers src/plan/render.ts registers (a test keeps the two lists equal). */
export const TEMPLATE_HELPERS = [
  'toml', 'py', 'yaml', 'jsString', 'json', 'jsonPretty', 'md', 'pyStrings', 'pyImport', 'concat', 'eq', 'ne', 'includes', 'and', 'or', 'not', 'join', 'fits',
];
// Known helpers only and no @data: templates compile to direct calls, about a quarter less code.
export const TEMPLATE_OPTIONS = {
  strict: true,
  noEscape: true,
  data: false,
  knownHelpers: Object.fromEntries(TEMPLATE_HELPERS.map((name) => [name, true])),
  knownHelpersOnly: true,
};

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

export function templatesModuleSource(templatesDir) {
  const entries = walk(templatesDir)
    .filter((file) => file.endsWith('.hbs'))
    .sort()
    .map((file) => {
      const key = relative(templatesDir, file).split(sep).join('/').slice(0, -'.hbs'.length);
      try {
        return `${JSON.stringify(key)}: ${Handlebars.precompile(readFileSync(file, 'utf8'), TEMPLATE_OPTIONS)}`;
      } catch (error) {
        throw new Error(`${file}: ${error.message}`);
      }
    });
  return `export default {\n${entries.join(',\n')}\n};\n`;
}
