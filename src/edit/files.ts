/**
 * Textual edits of the project's other files (pyproject.toml, docker-compose.yml, the GitHub
 * workflow, the env file, .gitignore): insertions where the format puts them, nothing rewritten.
 */
import { isMap, isSeq, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { ComposeDependency, ComposeService, Dependency, EnvEntry } from '../plan/contribution.js';
import { tomlString } from '../plan/escape.js';
import { EditError } from './errors.js';
import { lineStart } from './syntax.js';

const column = (text: string, offset: number) => offset - lineStart(text, offset);

/**
 * Adds `key = "value"` lines (bare keys, quoted as needed) to the TOML table `table` (the first of
 * `tables` that exists), after its last line; keys it has already are left.
 */
export function addTomlEntries(file: string, text: string, tables: readonly string[], entries: readonly { key: string; value: string }[]): string {
  const lines = text.split('\n');
  const header = (line: string) => /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line)?.[1]?.trim();
  const start = lines.findIndex((line) => tables.includes(header(line) ?? ''));
  if (start === -1) throw new EditError(file, `it has no [${tables[0]}] table`);
  let end = start + 1;
  while (end < lines.length && header(lines[end] as string) === undefined) end++;
  let last = end - 1;
  while (last > start && (lines[last] as string).trim() === '') last--;
  const keyOf = (line: string) => /^\s*"?([A-Za-z0-9_.-]+)"?\s*=/.exec(line)?.[1];
  const present = new Set(lines.slice(start + 1, end).map(keyOf).filter((key): key is string => key !== undefined));
  // Keys are written the way the table writes its own: quoted when it quotes them.
  const quoted = lines.slice(start + 1, end).some((line) => /^\s*"/.test(line));
  const fresh = entries.filter((entry) => !present.has(entry.key)).map((entry) => `${quoted || !/^[A-Za-z0-9_-]+$/.test(entry.key) ? tomlString(entry.key) : entry.key} = ${entry.value}`);
  lines.splice(last + 1, 0, ...fresh);
  return lines.join('\n');
}

export const dependencyEntries = (dependencies: readonly Dependency[]) => dependencies.map(({ name, version }) => ({ key: name, value: tomlString(version) }));

/** Appends the env-file settings it lacks, each with its comment. */
export function addEnvEntries(text: string, entries: readonly EnvEntry[]): string {
  const present = new Set([...text.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/gm)].map((match) => match[1]));
  const fresh = entries.filter((entry) => !present.has(entry.name));
  if (fresh.length === 0) return text;
  const body = fresh.map((entry) => `\n# ${entry.comment}\nexport ${entry.name}='${entry.value}'\n`).join('');
  return `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${body}`;
}

/** Appends the lines a line-based file (.gitignore) lacks. */
export function addLines(text: string, lines: readonly string[]): string {
  const present = new Set(text.split('\n').map((line) => line.trim()));
  const fresh = lines.filter((line) => !present.has(line));
  if (fresh.length === 0) return text;
  return `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${fresh.join('\n')}\n`;
}

/** A YAML file edited by inserting text at positions its parsed document gives. */
class YamlEdit {
  constructor(
    readonly file: string,
    public text: string,
  ) {}

  private doc() {
    const doc = parseDocument(this.text);
    if (doc.errors.length > 0) throw new EditError(this.file, `it is not valid YAML (${doc.errors[0]?.message})`);
    return doc;
  }

  map(path: readonly string[]): YAMLMap | undefined {
    const node = this.doc().getIn(path, true) as YamlNode | undefined;
    if (node === undefined || node === null) return undefined;
    if (!isMap(node)) throw new EditError(this.file, `${path.join('.')} is not a mapping`);
    return node;
  }

  /** Inserts `lines` (already indented) at the end of the mapping at `path`. */
  appendTo(path: readonly string[], lines: string): void {
    const node = this.map(path);
    if (!node?.range) throw new EditError(this.file, `it has no ${path.join('.')}`);
    const at = node.range[1];
    const before = this.text.slice(0, at);
    this.text = `${before.endsWith('\n') ? before : `${before}\n`}${lines}${this.text.slice(at)}`;
  }

  /** The indentation of the keys of the mapping at `path`. */
  keyIndent(path: readonly string[]): number {
    const first = this.map(path)?.items[0]?.key as YamlNode | undefined;
    return first?.range ? column(this.text, first.range[0]) : 2 * path.length;
  }

  has(path: readonly string[]): boolean {
    return this.doc().hasIn(path);
  }
}

const indent = (text: string, spaces: number) => text.split('\n').map((line) => (line ? ' '.repeat(spaces) + line : line)).join('\n');

/**
 * docker-compose.yml: adds services (bodies indented for services under a 2-space `services:`),
 * top-level volumes, and what the extension's own services wait for.
 */
export function editCompose(
  file: string,
  text: string,
  change: { services?: readonly ComposeService[]; volumes?: readonly string[]; waitsFor?: { service: string; dependencies: readonly ComposeDependency[] }[] },
): string {
  const yaml = new YamlEdit(file, text);
  if (!yaml.map(['services'])) throw new EditError(file, 'it has no services mapping');
  for (const { service, dependencies } of change.waitsFor ?? []) {
    if (dependencies.length === 0 || !yaml.has(['services', service])) continue;
    const serviceIndent = yaml.keyIndent(['services', service]);
    const existing = yaml.map(['services', service])?.get('depends_on', true) as YamlNode | undefined;
    if (existing && isSeq(existing)) throw new EditError(file, `${service}.depends_on is a list; make it a mapping (service: {condition: ...}) or add ${dependencies.map((item) => item.service).join(', ')} by hand`);
    const entries = dependencies
      .filter((dependency) => !(existing && isMap(existing) && existing.has(dependency.service)))
      .map((dependency) => `${dependency.service}:\n  condition: ${dependency.healthy ? 'service_healthy' : 'service_started'}\n`)
      .join('');
    if (!entries) continue;
    if (existing) yaml.appendTo(['services', service, 'depends_on'], indent(entries, serviceIndent + 2));
    else yaml.appendTo(['services', service], indent(`depends_on:\n${indent(entries, 2)}`, serviceIndent));
  }
  const serviceKeys = yaml.keyIndent(['services']);
  for (const service of change.services ?? []) {
    if (yaml.has(['services', service.name])) continue;
    // Bodies are rendered for services at 2 spaces; shift them to this file's indentation.
    const body = indent(service.body.split('\n').map((line) => line.slice(Math.min(4, line.length - line.trimStart().length))).join('\n'), serviceKeys + 2);
    yaml.appendTo(['services'], `\n${' '.repeat(serviceKeys)}${service.name}:\n${body}\n`);
  }
  const volumes = (change.volumes ?? []).filter((volume) => !yaml.has(['volumes', volume]));
  if (volumes.length > 0) {
    if (yaml.map(['volumes'])) yaml.appendTo(['volumes'], volumes.map((volume) => `${' '.repeat(yaml.keyIndent(['volumes']))}${volume}:\n`).join(''));
    else yaml.text = `${yaml.text.replace(/\n*$/, '\n')}\nvolumes:\n${volumes.map((volume) => `  ${volume}:\n`).join('')}`;
  }
  return yaml.text;
}

/**
 * The GitHub workflow's test job: service containers (unless it has some, which `notes` then says),
 * environment and steps before "Install dependencies".
 */
export function editWorkflow(
  file: string,
  text: string,
  notes: string[],
  change: { services?: readonly string[]; env?: readonly { name: string; value: string }[]; steps?: readonly string[] },
): string {
  const yaml = new YamlEdit(file, text);
  if (!yaml.map(['jobs', 'test'])) throw new EditError(file, 'it has no jobs.test job');
  const jobIndent = yaml.keyIndent(['jobs', 'test']);
  if ((change.services?.length ?? 0) > 0) {
    if (!yaml.has(['jobs', 'test', 'services'])) yaml.appendTo(['jobs', 'test'], `${' '.repeat(jobIndent)}services:\n${change.services?.join('\n')}\n`);
    else notes.push(`${file}: its test job has services of its own, so the ones this change needs were not added:\n${change.services?.join('\n')}`);
  }
  const env = (change.env ?? []).filter((entry) => !yaml.has(['jobs', 'test', 'env', entry.name]));
  if (env.length > 0) {
    const lines = env.map((entry) => `${' '.repeat(jobIndent + 2)}${entry.name}: ${entry.value}\n`).join('');
    if (yaml.map(['jobs', 'test', 'env'])) yaml.appendTo(['jobs', 'test', 'env'], lines);
    else yaml.appendTo(['jobs', 'test'], `${' '.repeat(jobIndent)}env:\n${lines}`);
  }
  if ((change.steps?.length ?? 0) > 0) {
    const install = yaml.text.indexOf('      - name: Install dependencies');
    if (install === -1) throw new EditError(file, 'its test job has no "Install dependencies" step to add the storage steps before');
    yaml.text = `${yaml.text.slice(0, install)}${change.steps?.join('\n')}\n${yaml.text.slice(install)}`;
  }
  return yaml.text;
}
