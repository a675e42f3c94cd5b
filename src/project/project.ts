import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parseEnvText } from '../envfile.js';
import { RUNNER_VARIABLES } from '../catalog/runner-variables.js';
import { UsageError } from '../errors.js';
import { readYaml } from '../util/yaml.js';

export type StorageKind = 'none' | 'mongo-driver' | 'mongo-http';

/** What the run, test, simulate and doctor commands need to know about an extension project. */
export interface ExtensionProject {
  dir: string;
  slug: string;
  packageName: string;
  /** `[tool.poetry.plugins."connect.eaas.ext"]`: app type → `module:Class`. */
  entryPoints: Record<string, string>;
  services: string[];
  /** The local runner's env file (`.<slug>_dev.env`), when the dev service names one. */
  envFile?: string;
  /** The Dockerfiles compose builds services from, relative to the project. */
  dockerfiles: string[];
  storage: StorageKind;
  /** The names of `[tool.poetry.dependencies]`, Python's own left out. */
  dependencies: string[];
}


function readText(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new UsageError(`${dir} is not an extension project: ${file} is missing (create one with \`create-connect-extension\`).`);
  }
}

/**
 * A project folder given where the event type belongs (`simulate my_ext purchase`, `add event
 * my_ext`): says how the command's arguments go instead of reporting a missing project.
 */
export function refuseFolderAsEventType(command: string, eventType: string, directory: string | undefined, cwd: string, isEventType: boolean): void {
  if (isEventType || !existsSync(join(resolve(cwd, eventType), 'pyproject.toml'))) return;
  throw new UsageError(
    `${command}: ${eventType} is a project folder, not an event type; the event type comes first: ${command} <event_type> [dir]` +
      (directory === undefined ? ` (e.g. \`${command} asset_purchase_request_processing ${eventType}\`).` : ` (did you mean \`${command} ${directory} ${eventType}\`?).`),
  );
}

export function readProject(directory: string | undefined, cwd: string): ExtensionProject {
  const dir = resolve(cwd, directory ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${directory ?? dir}: no such project folder.`);
  let pyproject: any;
  try {
    pyproject = parseToml(readText(dir, 'pyproject.toml'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${join(dir, 'pyproject.toml')} is not valid TOML; run \`create-connect-extension validate\` for details.`);
  }
  const read = readYaml(readText(dir, 'docker-compose.yml'));
  if ('problem' in read) throw new UsageError(`${join(dir, 'docker-compose.yml')} is not valid YAML; run \`create-connect-extension validate\` for details.`);
  const compose = read.data as any;
  const services = Object.keys(compose?.services ?? {});
  const devService = services.find((service) => service.endsWith('_dev'));
  if (!devService) throw new UsageError(`${join(dir, 'docker-compose.yml')} has no <slug>_dev service.`);
  const slug = devService.slice(0, -'_dev'.length);
  const entryPoints = (pyproject?.tool?.poetry?.plugins?.['connect.eaas.ext'] ?? {}) as Record<string, string>;
  const packageName =
    pyproject?.tool?.poetry?.packages?.[0]?.include ?? String(entryPoints.eventsapp ?? entryPoints.extension ?? '').split('.')[0] ?? '';
  const envFiles = [compose.services[devService]?.env_file ?? []].flat() as string[];
  const envFile = envFiles.map((file) => join(dir, file)).find((file) => existsSync(file));
  const storage: StorageKind = existsSync(join(dir, packageName, 'storage', 'data_api.py'))
    ? 'mongo-http'
    : existsSync(join(dir, packageName, 'storage', 'mongo.py'))
      ? 'mongo-driver'
      : 'none';
  const dockerfiles = [
    ...new Set(
      Object.values((compose?.services ?? {}) as Record<string, { image?: unknown; build?: unknown }>)
        .filter((service) => service && service.image === undefined && service.build !== undefined)
        .map((service) => {
          const build = service.build as string | { context?: string; dockerfile?: string };
          return typeof build === 'string' ? join(build, 'Dockerfile') : join(build.context ?? '.', build.dockerfile ?? 'Dockerfile');
        }),
    ),
  ];
  const dependencies = Object.keys(pyproject?.tool?.poetry?.dependencies ?? {}).filter((name) => name !== 'python');
  return { dir, slug, packageName, entryPoints, services, envFile, storage, dockerfiles, dependencies };
}

/** An env file's settings (the last assignment of a name wins, as in docker compose). */
export function readEnvFile(path: string | undefined): Record<string, string> {
  if (!path || !existsSync(path)) return {};
  return Object.fromEntries(parseEnvText(readFileSync(path, 'utf8')).map(({ name, value }) => [name, value]));
}

/** `KEY=VALUE` flags into a map; a malformed one is a usage error naming the flag. */
export function parseAssignments(flag: string, entries: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const entry of entries) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(entry);
    if (!match?.[1]) throw new UsageError(`${flag} ${JSON.stringify(entry)}: expected KEY=VALUE, e.g. ${flag} DB=events`);
    values[match[1]] = match[2] ?? '';
  }
  return values;
}

export interface LocalSettings {
  /** A setting from the first source that has it. */
  get(name: string): string | undefined;
  /** The first source that has any of `names`, as a lookup in that source only. */
  firstSourceWith(names: readonly string[]): ((name: string) => string | undefined) | undefined;
  /** The env file's usable values (no runner credentials, no compose-only hosts). */
  envFile: Record<string, string>;
  /** Env-file values that name this project's compose services, so only resolve inside docker compose. */
  setAside: Record<string, string>;
  /** What to tell the user about set-aside values that no flag or environment variable replaces, by setting. */
  notes: Map<string, string>;
}

/** Why an env-file setting is not used outside docker compose, and what to do instead. */
export const composeOnlyNote = (name: string, envFile: string | undefined): string =>
  `${name} from ${envFile ?? 'the env file'} names a docker compose service, which only resolves inside docker compose; pass --config ${name}=... to use another.`;

/**
 * Extension settings for local runs: --config flags, then the environment, then the env file.
 * The runner's own settings (API_KEY…) are never taken from the environment or the env file as
 * extension settings. Env-file values that name this project's compose services are set aside:
 * those hosts only resolve inside docker compose.
 */
export function localSettings(flags: Record<string, string>, env: NodeJS.ProcessEnv, envFile: Record<string, string>, project: ExtensionProject): LocalSettings {
  const notes = new Map<string, string>();
  const has = (value: string | undefined): value is string => value !== undefined && value !== '';
  const fromEnv = (name: string) => (RUNNER_VARIABLES.has(name) ? undefined : env[name]);
  const composeOnly = new RegExp(`//(?:[^@/]*@)?(?:${project.services.map((service) => service.replace(/[.]/g, '\\.')).join('|')})(?:[:/]|$)`);
  const fromFile: Record<string, string> = {};
  const setAside: Record<string, string> = {};
  for (const [name, value] of Object.entries(envFile)) {
    if (RUNNER_VARIABLES.has(name)) continue;
    if (project.services.length > 0 && composeOnly.test(value)) {
      setAside[name] = value;
      // Settings only the _test service uses, or that a flag or the environment replaces, are not worth a word here.
      if (!name.startsWith('TEST_') && !has(flags[name]) && !has(fromEnv(name))) notes.set(name, composeOnlyNote(name, project.envFile));
      continue;
    }
    fromFile[name] = value;
  }
  const sources: ((name: string) => string | undefined)[] = [(name) => flags[name], fromEnv, (name) => fromFile[name]];
  return {
    notes,
    envFile: fromFile,
    setAside,
    get: (name) => sources.map((source) => source(name)).find(has),
    firstSourceWith: (names) => sources.find((source) => names.some((name) => has(source(name)))),
  };
}
