import type { EventDefinitions } from './definitions.js';
import type { Finding } from './findings.js';
import type { PyClass, PyModule } from './python/module.js';
import type { PythonProject } from './python/project.js';
import type { ProjectSource } from './source.js';
import type { PyprojectRead } from './stages/pyproject.js';

/** Entry point names of `[tool.poetry.plugins."connect.eaas.ext"]`, in connect-eaas-core's order. */
export const APP_KEYS = ['extension', 'webapp', 'anvilapp', 'eventsapp', 'tfnapp'] as const;
export type AppKey = (typeof APP_KEYS)[number];

/** One declared application class, as far as the source lets us see it. */
export interface AppEntry {
  key: AppKey;
  /** The entry point value, `package.module:Class`. */
  target: string;
  moduleName: string;
  className: string;
  /** The module file, whether or not it parses. */
  modulePath: string;
  /** undefined when the module cannot be read (a syntax error). */
  module: PyModule | undefined;
  /** undefined when the class cannot be seen (imported from outside the project, built dynamically, or in a broken module). */
  cls: PyClass | undefined;
}

export interface Descriptor {
  path: string;
  text: string;
  data: Record<string, unknown>;
}

export interface ValidationContext {
  source: ProjectSource;
  project: PythonProject;
  definitions: EventDefinitions;
  runnerVersion: string;
  /** products | hub | multiaccount | transformations, when given or unambiguous from the audience. */
  extensionType: string | undefined;
  /** The type comes from the audience, not from the user. */
  extensionTypeInferred: boolean;
  /** Every file of the project (see ProjectSource.list). */
  files: readonly string[];
  /** Folders modules are imported from ('' for the project root, else with a trailing slash). */
  roots: string[];
  pyprojectRead: PyprojectRead | undefined;
  /** Folders (or single .py files) of the applications' top-level packages: what the runner imports. */
  appFolders: string[];
  apps: AppEntry[];
  descriptor?: Descriptor;
}

/** One of connect-eaas-core's validators (or one of our checks): its findings, and whether the chain stops there. */
export interface StageResult {
  findings: Finding[];
  stop?: boolean;
}

export type Stage = (context: ValidationContext) => StageResult | Promise<StageResult>;

/** The app a validator looks at; eventsapp falls back to the deprecated `extension` entry, as in connect-eaas-core. */
export function appFor(context: ValidationContext, key: AppKey): AppEntry | undefined {
  const found = context.apps.find((app) => app.key === key);
  if (found || key !== 'eventsapp') return found;
  return context.apps.find((app) => app.key === 'extension');
}

/** 1-based line of a character offset in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/** 1-based line of the first match of `pattern` in `text`. */
export function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? lineAt(text, match.index) : undefined;
}

