import type HandlebarsCompiler from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import templates from 'virtual:templates';
import { jsString, markdownLine, pyImport, pyString, pyStringLines, tomlString, yamlString } from './escape.js';
import type { Tree } from './tree.js';

// Only the runtime ships: templates are precompiled at build time (see scripts/templates.mjs).
const runtime = (HandlebarsRuntime as unknown as typeof HandlebarsCompiler).create();

/** Every helper the templates may use (scripts/templates.mjs compiles them as the only known ones). */
export const TEMPLATE_HELPERS = {
  toml: (value: string) => tomlString(String(value)),
  py: (value: string) => pyString(String(value)),
  yaml: (value: string) => yamlString(String(value)),
  jsString: (value: string) => jsString(String(value)),
  json: (value: unknown) => JSON.stringify(value),
  jsonPretty: (value: unknown) => JSON.stringify(value, null, 2),
  md: (value: string) => markdownLine(String(value)),
  pyStrings: (items: string[], indent: number) => pyStringLines(items, indent),
  /** `from module import names`, in parentheses a name a line when it would not fit: `{{pyImport (concat package_name ".errors") "TransientError"}}`. */
  pyImport: (module: string, ...names: unknown[]) => pyImport(String(module), names.slice(0, -1).map(String)),
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  eq: (left: unknown, right: unknown) => left === right,
  ne: (left: unknown, right: unknown) => left !== right,
  includes: (list: unknown[], item: unknown) => Array.isArray(list) && list.includes(item),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  not: (value: unknown) => !value,
  join: (list: string[], separator: string) => list.join(typeof separator === 'string' ? separator : ', '),
  /** Whether a line fits the generated code's 99 columns (flake8's max-line-length is 100). */
  fits: (line: string) => String(line).length <= 99,
};
runtime.registerHelper(TEMPLATE_HELPERS);

const compiled = new Map<string, HandlebarsTemplateDelegate>();

function template(key: string): HandlebarsTemplateDelegate {
  const cached = compiled.get(key);
  if (cached) return cached;
  const spec = templates[key];
  if (!spec) throw new Error(`no template ${key}`);
  const render = runtime.template(spec);
  compiled.set(key, render);
  return render;
}

/** Template folders name files with placeholders: `[package]`, `[slug]`, and `dot-` for a leading dot. */
export interface PathNames {
  package: string;
  slug: string;
}

function outputPath(relativePath: string, names: PathNames): string {
  return relativePath
    .split('/')
    .map((segment) =>
      (segment.startsWith('dot-') ? `.${segment.slice('dot-'.length)}` : segment).replaceAll('[package]', names.package).replaceAll('[slug]', names.slug),
    )
    .join('/');
}

/** A fragment: a template whose name starts with one `_` (`__init__.py` is a file), rendered into another file rather than written. */
const isFragment = (key: string) => /^_[^_]/.test(key.split('/').pop() ?? '');

/** Renders every template under `templates/<folder>/` into the tree, fragments aside. Output always ends with one newline. */
export function renderFolder(folder: string, context: object, names: PathNames, tree: Tree): void {
  const prefix = `${folder}/`;
  for (const key of Object.keys(templates)) {
    if (!key.startsWith(prefix) || isFragment(key)) continue;
    const content = template(key)(context);
    tree.write(outputPath(key.slice(prefix.length), names), `${content.trimEnd()}\n`);
  }
}

/** Renders the fragment `templates/<folder>/<name>` (e.g. `storage/_conftest.py`), without its trailing newlines. */
export function renderFragment(folder: string, name: string, context: object): string {
  return template(`${folder}/${name}`)(context).trimEnd();
}
