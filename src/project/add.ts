/**
 * `add`: plans the project with the answers it has (before) and with the change (after), and
 * brings the difference into the files as they are: new files are written, pyproject, compose, the
 * env file, the workflow and .gitignore get the entries the change contributes, and Python modules
 * get the definitions, @variables and imports it adds. Files the user never changed (their hash in
 * the record) simply take their new version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answers } from '../answers/model.js';
import { addEnvEntries, addLines, addTomlEntries, dependencyEntries, editCompose, editWorkflow } from '../edit/files.js';
import { importsOf, mergeModule, moduleDefinitions, namesUsed } from '../edit/merge.js';
import { PythonModuleEdit } from '../edit/python.js';
import type { Plan } from '../plan/index.js';
import { APPS, type App, type ComposeDependency } from '../plan/contribution.js';
import { contentHash, envFileOf, isRecorded, type ProjectRecord } from '../plan/record.js';
import { tomlString } from '../plan/escape.js';

/** The project's files as `add` changes them: each read from disk once, then from the pending edits. */
export class PendingChanges {
  /** Path → its new content: files added or edited. */
  readonly files = new Map<string, string>();
  readonly added = new Set<string>();
  /** Files written as a rendering generated them (new, or replacing a file the user never changed). */
  readonly generated = new Set<string>();
  readonly notes: string[] = [];

  constructor(readonly dir: string) {}

  exists(path: string): boolean {
    return this.files.has(path) || existsSync(join(this.dir, path));
  }

  read(path: string): string | undefined {
    return this.files.has(path) ? this.files.get(path) : this.original(path);
  }

  write(path: string, content: string, { generated = false } = {}): void {
    const disk = this.original(path);
    if (disk === undefined) this.added.add(path);
    if (generated) this.generated.add(path);
    else this.generated.delete(path);
    if (content === disk) this.files.delete(path);
    else this.files.set(path, content);
  }

  /** The file as it is on disk, before any pending change. */
  original(path: string): string | undefined {
    if (!this.disk.has(path)) this.disk.set(path, existsSync(join(this.dir, path)) ? readFileSync(join(this.dir, path), 'utf8') : undefined);
    return this.disk.get(path);
  }

  private readonly disk = new Map<string, string | undefined>();

  /** Edits a file, if the project has it (an edit that changes nothing leaves it as it stands, generated or not). */
  edit(path: string, change: (text: string) => string): void {
    const text = this.read(path);
    if (text === undefined) return;
    const edited = change(text);
    if (edited !== text) this.write(path, edited);
  }
}

/** Files that get the change's entries (dependencies, services, settings) wherever the user has changed them. */
const EDITED_BY_ENTRIES: ReadonlySet<string> = new Set(['pyproject.toml', 'docker-compose.yml', '.gitignore', '.github/workflows/test.yml']);

const byName = <T extends { name: string }>(list: readonly T[]) => new Set(list.map((item) => item.name));
const newOnes = <T extends { name: string }>(after: readonly T[], before: readonly T[]) => after.filter((item) => !byName(before).has(item.name));
const newTexts = (after: readonly string[], before: readonly string[]) => after.filter((item) => !before.includes(item));

/** The application modules and the classes their variables are declared on. */
const APP_MODULES: Record<App, (context: Plan['context']) => { module: string; cls: string }> = {
  events: (context) => ({ module: 'events', cls: context.class_name }),
  webapp: (context) => ({ module: 'webapp', cls: context.webapp_class }),
  anvil: (context) => ({ module: 'anvil', cls: context.anvil_class }),
  tfnapp: (context) => ({ module: 'tfnapp', cls: context.tfnapp_class }),
};

/** Adds the imports the inserted code uses, as `after` imports them, that the module lacks. */
function importWhatIsUsed(file: string, text: string, inserted: readonly string[], after: string, pkg: string): string {
  if (inserted.length === 0) return text;
  const available = importsOf(after);
  const bound = importsOf(text);
  const defined = new Set(moduleDefinitions(text).map((definition) => definition.name));
  const needed = [...new Set(inserted.flatMap((code) => [...namesUsed(code)]))]
    .filter((name) => !bound.has(name) && !defined.has(name) && available.has(name))
    .map((name) => available.get(name) as { module: string; names?: string[] });
  if (needed.length === 0) return text;
  const edit = new PythonModuleEdit(file, text);
  edit.addImports(needed, pkg);
  return edit.text;
}

/**
 * Brings into the project's files what planning it with `after`'s answers adds to planning it
 * with `before`'s. `record` gives the hashes of files as generated (none for ccli's projects).
 */
export function applyPlanChange(changes: PendingChanges, before: Plan, after: Plan, record: ProjectRecord | undefined, answers: Answers): void {
  const beforeFiles = new Map(before.tree.files().map((file) => [file.path, file.content]));
  const pristine = (path: string, text: string) => record?.files[path] !== undefined && record.files[path] === contentHash(text);
  const [b, a] = [before.context, after.context];

  // Code first, tests then: a test of a definition left as the user changed it is not brought in.
  const left = new Set<string>();
  const isTest = (path: string) => path.startsWith('tests/');
  const files = after.tree.files().filter((file) => isRecorded(file.path, answers.project_slug));
  for (const file of [...files.filter((item) => !isTest(item.path)), ...files.filter((item) => isTest(item.path))]) {
    const old = beforeFiles.get(file.path);
    const current = changes.read(file.path);
    if (old === file.content) continue;
    if (current === undefined) {
      // New with the change; or one the user deleted, which stays deleted.
      if (old === undefined) changes.write(file.path, file.content, { generated: true });
      continue;
    }
    if (current === file.content) continue;
    const python = file.path.endsWith('.py');
    if (old !== undefined && pristine(file.path, current) && !(python && isTest(file.path) && left.size > 0)) {
      changes.write(file.path, file.content, { generated: true });
      continue;
    }
    if (python && old !== undefined) {
      const merged = mergeModule(file.path, old, file.content, current, isTest(file.path) ? left : new Set());
      for (const name of merged.left) left.add(name);
      changes.write(file.path, importWhatIsUsed(file.path, merged.text, merged.inserted, file.content, answers.package_name));
      changes.notes.push(...merged.notes);
    } else if (old === undefined) {
      changes.notes.push(`${file.path} exists already; it was left as it is.`);
    } else if (!EDITED_BY_ENTRIES.has(file.path)) {
      changes.notes.push(`${file.path} was left as you changed it: what this change adds to it is not there (\`--dry-run\` on a copy made by create shows it).`);
    }
  }

  // Entry points, dependencies.
  const entryPoints = newOnes(a.entry_points, b.entry_points);
  const dependencies = newOnes(a.python_dependencies, b.python_dependencies);
  const devDependencies = newOnes(a.python_dev_dependencies, b.python_dev_dependencies);
  changes.edit('pyproject.toml', (text) => {
    let edited = text;
    if (entryPoints.length > 0) {
      edited = addTomlEntries('pyproject.toml', edited, ['tool.poetry.plugins."connect.eaas.ext"'], entryPoints.map(({ name, value }) => ({ key: name, value: tomlString(value) })));
    }
    if (dependencies.length > 0) edited = addTomlEntries('pyproject.toml', edited, ['tool.poetry.dependencies'], dependencyEntries(dependencies));
    if (devDependencies.length > 0) {
      edited = addTomlEntries('pyproject.toml', edited, ['tool.poetry.group.dev.dependencies', 'tool.poetry.dev-dependencies'], dependencyEntries(devDependencies));
    }
    return edited;
  });

  // Compose: services, volumes, what the extension's services wait for.
  const waits = (after: readonly ComposeDependency[], before: readonly ComposeDependency[]) => after.filter((item) => !before.some((old) => old.service === item.service));
  const [devWaits, testWaits] = [waits(a.dev_waits_for, b.dev_waits_for), waits(a.test_waits_for, b.test_waits_for)];
  const slug = answers.project_slug;
  changes.edit('docker-compose.yml', (text) =>
    editCompose('docker-compose.yml', text, {
      services: newOnes(a.compose_services, b.compose_services),
      volumes: newTexts(a.compose_volumes, b.compose_volumes),
      waitsFor: [
        { service: `${slug}_dev`, dependencies: devWaits },
        { service: `${slug}_bash`, dependencies: devWaits },
        { service: `${slug}_test`, dependencies: testWaits },
      ],
    }),
  );
  changes.edit(envFileOf(answers.project_slug), (text) => addEnvEntries(text, newOnes(a.env_entries, b.env_entries)));
  changes.edit('.gitignore', (text) => addLines(text, newTexts(a.gitignore_extra, b.gitignore_extra)));
  if (answers.use_github_actions) {
    changes.edit('.github/workflows/test.yml', (text) =>
      editWorkflow('.github/workflows/test.yml', text, changes.notes, {
        services: b.workflow.services.length === 0 ? a.workflow.services : [],
        env: newOnes(a.workflow.env, b.workflow.env),
        steps: newTexts(a.workflow.steps, b.workflow.steps),
      }),
    );
  }

  // @variables of each application class.
  for (const app of APPS) {
    const variables = newOnes(a.app_variables[app], b.app_variables[app]);
    const { module, cls } = APP_MODULES[app](a);
    const path = `${answers.package_name}/${module}.py`;
    if (variables.length === 0 || !changes.exists(path) || pristine(path, changes.read(path) ?? '')) continue;
    changes.edit(path, (text) => {
      const edit = new PythonModuleEdit(path, text);
      edit.addVariables(cls, variables);
      edit.addImports([{ module: 'connect.eaas.core.decorators', names: ['variables'] }], answers.package_name);
      return edit.text;
    });
  }
}
