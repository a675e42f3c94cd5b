/**
 * What a feature adds to the files other features own (create-t3-app's installers, as data): the
 * base templates render the merged lists, and `add` applies the same data to an existing project.
 */

/** The applications of a project, by the name of their module (`events.py`, `webapp.py`...). */
export const APPS = ['events', 'webapp', 'anvil', 'tfnapp'] as const;
export type App = (typeof APPS)[number];

export interface Variable {
  name: string;
  initial_value: string;
  secure: boolean;
}

export interface Dependency {
  name: string;
  version: string;
}

/** A service the extension's services wait for: started, or healthy when it has a health check. */
export interface ComposeDependency {
  service: string;
  healthy?: boolean;
}

/** A compose service: its name and its body (YAML indented under the name). */
export interface ComposeService {
  name: string;
  body: string;
}

export interface EnvEntry {
  name: string;
  value: string;
  comment: string;
}

/** `from module import names` (or `import module` without names). */
export interface PythonImport {
  module: string;
  names?: readonly string[];
}

/** Generated Python modules other features add imports to. */
export const IMPORT_SLOTS = ['events', 'webapp', 'anvil', 'tfnapp', 'conftest', 'transactions', 'sagas'] as const;
export type ImportSlot = (typeof IMPORT_SLOTS)[number];

/**
 * Places in generated Python modules other features add code to: the start and the end of the
 * events application class and the end of the web application class (methods), the web app's
 * module before its class (helpers), and the end of conftest (fixtures), transactions (steps)
 * and sagas (providers).
 */
export const CODE_SLOTS = ['events_start', 'events_end', 'webapp', 'webapp_module', 'conftest', 'transactions', 'sagas'] as const;
export type CodeSlot = (typeof CODE_SLOTS)[number];

export interface Contribution {
  /** `[tool.poetry.plugins."connect.eaas.ext"]` entries: app type → `module:Class`. */
  entryPoints?: Record<string, string>;
  dependencies?: Dependency[];
  devDependencies?: Dependency[];
  /** DevOps variables, by the application class that declares them. */
  variables?: Partial<Record<App, Variable[]>>;
  services?: ComposeService[];
  volumes?: string[];
  /** What the dev and shell services (`dev`) and the test service (`test`) wait for. */
  waitsFor?: { dev?: ComposeDependency[]; test?: ComposeDependency[] };
  envFile?: EnvEntry[];
  imports?: Partial<Record<ImportSlot, PythonImport[]>>;
  /** Code blocks (a fixture, a class, a method...) added at a place in a module. */
  code?: Partial<Record<CodeSlot, string[]>>;
  /** Saga providers every saga gets, and steps every saga runs before the example step. */
  saga?: { providers?: string[]; steps?: string[] };
  /** Pages of the web app's UI, built from `ui/src/pages/<entry>.js` and `ui/pages/<entry>.html` into `static/<entry>.html`. */
  uiPages?: UiPage[];
  /** Those of them listed under the module's main page (its children). */
  childPages?: UiPage[];
  /** What the Dockerfile copies besides pyproject.toml and runs after `poetry install`. */
  dockerfile?: { copy?: string[]; run?: string[] };
  /** Volumes of the extension's own services (dev, bash, test), besides the project folder. */
  serviceVolumes?: string[];
  /** Sections of the generated README, each starting with its `##` heading: what the extension does (`about`, after the introduction) and how parts of it work (`readme`, after running and testing it). */
  about?: string[];
  readme?: string[];
  gitignore?: string[];
  /** What the GitHub workflow's test job needs (service containers, environment, steps before the install), and jobs of its own. */
  workflow?: { services?: string[]; env?: Record<string, string>; steps?: string[]; jobs?: string[] };
}

export interface UiPage {
  /** The page's name in webpack and its file: `events` → `static/events.html`. */
  entry: string;
  title: string;
}

/** Every contribution of the features that apply, in their order. */
export interface Contributions {
  entry_points: { name: string; value: string }[];
  python_dependencies: Dependency[];
  python_dev_dependencies: Dependency[];
  app_variables: Record<App, Variable[]>;
  compose_services: ComposeService[];
  compose_volumes: string[];
  dev_waits_for: ComposeDependency[];
  test_waits_for: ComposeDependency[];
  env_entries: EnvEntry[];
  imports: Record<ImportSlot, PythonImport[]>;
  code: Record<CodeSlot, string[]>;
  saga_providers: string[];
  saga_steps: string[];
  ui_pages: UiPage[];
  child_pages: UiPage[];
  dockerfile_copy: string[];
  dockerfile_run: string[];
  service_volumes: string[];
  about_sections: string[];
  readme_sections: string[];
  gitignore_extra: string[];
  workflow: { services: string[]; env: { name: string; value: string }[]; steps: string[]; jobs: string[] };
}

const bySlot = <S extends string, T>(slots: readonly S[], make: () => T) => Object.fromEntries(slots.map((slot) => [slot, make()])) as Record<S, T>;

/** Merges contributions in order; a name given twice (variable, dependency, service...) keeps its first entry. */
export function mergeContributions(contributions: readonly Contribution[]): Contributions {
  const merged: Contributions = {
    entry_points: [],
    python_dependencies: [],
    python_dev_dependencies: [],
    app_variables: Object.fromEntries(APPS.map((app) => [app, []])) as unknown as Record<App, Variable[]>,
    compose_services: [],
    compose_volumes: [],
    dev_waits_for: [],
    test_waits_for: [],
    env_entries: [],
    imports: bySlot(IMPORT_SLOTS, () => []),
    code: bySlot(CODE_SLOTS, () => []),
    saga_providers: [],
    saga_steps: [],
    ui_pages: [],
    child_pages: [],
    dockerfile_copy: [],
    dockerfile_run: [],
    service_volumes: [],
    about_sections: [],
    readme_sections: [],
    gitignore_extra: [],
    workflow: { services: [], env: [], steps: [], jobs: [] },
  };
  const addUnique = <T>(list: T[], items: readonly T[] | undefined, key: (item: T) => string) => {
    for (const item of items ?? []) if (!list.some((known) => key(known) === key(item))) list.push(item);
  };
  const byName = (item: { name: string }) => item.name;
  for (const contribution of contributions) {
    addUnique(merged.entry_points, Object.entries(contribution.entryPoints ?? {}).map(([name, value]) => ({ name, value })), byName);
    addUnique(merged.python_dependencies, contribution.dependencies, byName);
    addUnique(merged.python_dev_dependencies, contribution.devDependencies, byName);
    for (const app of APPS) addUnique(merged.app_variables[app], contribution.variables?.[app], byName);
    addUnique(merged.compose_services, contribution.services, byName);
    addUnique(merged.compose_volumes, contribution.volumes, String);
    addUnique(merged.dev_waits_for, contribution.waitsFor?.dev, (item) => item.service);
    addUnique(merged.test_waits_for, contribution.waitsFor?.test, (item) => item.service);
    addUnique(merged.env_entries, contribution.envFile, byName);
    for (const slot of IMPORT_SLOTS) merged.imports[slot].push(...(contribution.imports?.[slot] ?? []));
    for (const slot of CODE_SLOTS) merged.code[slot].push(...(contribution.code?.[slot] ?? []));
    addUnique(merged.saga_providers, contribution.saga?.providers, String);
    addUnique(merged.saga_steps, contribution.saga?.steps, String);
    addUnique(merged.ui_pages, contribution.uiPages, (page) => page.entry);
    addUnique(merged.child_pages, contribution.childPages, (page) => page.entry);
    addUnique(merged.dockerfile_copy, contribution.dockerfile?.copy, String);
    merged.dockerfile_run.push(...(contribution.dockerfile?.run ?? []));
    addUnique(merged.service_volumes, contribution.serviceVolumes, String);
    merged.about_sections.push(...(contribution.about ?? []));
    merged.readme_sections.push(...(contribution.readme ?? []));
    addUnique(merged.gitignore_extra, contribution.gitignore, String);
    merged.workflow.services.push(...(contribution.workflow?.services ?? []));
    addUnique(merged.workflow.env, Object.entries(contribution.workflow?.env ?? {}).map(([name, value]) => ({ name, value })), byName);
    merged.workflow.steps.push(...(contribution.workflow?.steps ?? []));
    merged.workflow.jobs.push(...(contribution.workflow?.jobs ?? []));
  }
  return merged;
}
