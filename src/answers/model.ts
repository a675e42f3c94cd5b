import type { ExtensionType } from '../catalog/events.js';

export const LICENSES = ['Apache Software License 2.0', 'MIT', 'BSD'] as const;
export const AUDIENCES = ['vendor', 'distributor', 'reseller'] as const;
/** ccli's application types: events, Anvil, web and transformations applications. */
export const APPLICATION_TYPES = ['events', 'anvil', 'webapp', 'tfnapp'] as const;
export const EVENT_KINDS = ['background', 'interactive', 'scheduled'] as const;
export const STORAGES = ['none', 'mongo-driver', 'mongo-http'] as const;
export const MONGO_DRIVERS = ['pymongo', 'motor'] as const;

/** Written to the dev env file when no credentials are given; `run` refuses to start with them. */
export const PLACEHOLDER_API_KEY = 'ApiKey SU-000-000-000:changeme';
export const PLACEHOLDER_ENVIRONMENT_ID = 'ENV-0000-0000-01';

/** The runner's credentials: their setting in the env file, their answer, their placeholder. */
export const RUNNER_CREDENTIALS = [
  { setting: 'API_KEY', key: 'api_key', placeholder: PLACEHOLDER_API_KEY },
  { setting: 'ENVIRONMENT_ID', key: 'environment_id', placeholder: PLACEHOLDER_ENVIRONMENT_ID },
] as const;
export type RunnerCredential = (typeof RUNNER_CREDENTIALS)[number];

/** The credentials env-file settings lack: missing, empty or still the placeholder. */
export function credentialsLacking(settings: Readonly<Record<string, string | undefined>>): RunnerCredential[] {
  return RUNNER_CREDENTIALS.filter(({ setting, placeholder }) => !settings[setting] || settings[setting] === placeholder);
}

export type License = (typeof LICENSES)[number];
export type Audience = (typeof AUDIENCES)[number];
export type ApplicationType = (typeof APPLICATION_TYPES)[number];
export type EventKind = (typeof EVENT_KINDS)[number];
export type Storage = (typeof STORAGES)[number];
export type MongoDriver = (typeof MONGO_DRIVERS)[number];

/** Everything `create` needs to know. Keys match ccli's answers file where ccli has them. */
export interface Answers {
  project_name: string;
  project_slug: string;
  description: string;
  version: string;
  author: string;
  license: License;
  package_name: string;
  use_asyncio: boolean;
  use_github_actions: boolean;
  server_address: string;
  api_key: string;
  environment_id: string;
  extension_type: ExtensionType;
  extension_audience: Audience[];
  application_types: ApplicationType[];
  event_types: EventKind[];
  webapp_supports_ui: boolean;
  background: string[];
  interactive: string[];
  statuses: Record<string, string[]>;
  storage: Storage;
  mongo_driver: MongoDriver;
  saga: boolean;
  saga_cache: boolean;
  include_variables_example: boolean;
  repository_url: string;
  runner_version: string;
  python_version: string;
  eaas_core_version: string;
}

export type AnswerKey = keyof Answers;
export type Draft = Partial<Answers>;

export { isPythonIdentifier, isPythonKeyword } from '../util/python.js';

/** Python's str.title(): a letter is upper-cased when the character before it is not a letter. */
function pythonTitle(text: string): string {
  let previousIsLetter = false;
  let result = '';
  for (const char of text) {
    const isLetter = char.toLowerCase() !== char.toUpperCase();
    result += isLetter ? (previousIsLetter ? char.toLowerCase() : char.toUpperCase()) : char;
    previousIsLetter = isLetter;
  }
  return result;
}

/**
 * The class-name stem derived from the project root, as ccli does for `_` (`my_awesome_project` →
 * `MyAwesomeProject`) and for the other separators a folder name may have (`my-ext` → `MyExt`).
 */
export function classStem(projectSlug: string): string {
  return humanize(projectSlug).replaceAll(' ', '');
}

/** ccli's slugify: lower-case, trimmed, spaces/dashes/dots to underscores, commas dropped. */
export function slugify(name: string): string {
  return name.trim().toLowerCase().replace(/[ .-]/g, '_').replaceAll(',', '');
}

/** A readable project name for a root folder: `my_extension` → `My Extension`. */
export function humanize(slug: string): string {
  return pythonTitle(slug.replace(/[_.-]+/g, ' ').trim());
}

/** The Poetry distribution name ccli derives from the root folder. */
export function distributionName(projectSlug: string): string {
  return projectSlug.replaceAll('_', '-');
}

/**
 * The applications ccli lets each extension type have (its feature matrix), and those a
 * transformations extension must have.
 */
export const APPLICATIONS_BY_TYPE: Record<ExtensionType, readonly ApplicationType[]> = {
  products: ['events', 'anvil'],
  hub: ['events', 'anvil', 'webapp'],
  multiaccount: ['events', 'anvil', 'webapp'],
  transformations: ['events', 'anvil', 'webapp', 'tfnapp'],
};
export const TRANSFORMATIONS_REQUIRE: readonly ApplicationType[] = ['webapp', 'tfnapp'];

/** The extension types whose audience is chosen (the others have a fixed one). */
export const AUDIENCE_TYPES: readonly ExtensionType[] = ['multiaccount', 'transformations'];

/** Whether the web app may plug into the Connect UI: asked for multiaccount, required for transformations, never for hub. */
export const asksForUi = (type: ExtensionType | undefined, applications: readonly ApplicationType[] | undefined): boolean =>
  (type === 'multiaccount' || type === 'transformations') && (applications?.includes('webapp') ?? false);

/** Who an extension of this type is for: fixed for products and hub, chosen for the others. */
export function audienceFor(type: ExtensionType, chosen: readonly Audience[]): Audience[] {
  if (type === 'products') return ['vendor'];
  if (type === 'hub') return ['distributor', 'reseller'];
  return [...chosen];
}

export const yesNo = (value: boolean): 'y' | 'n' => (value ? 'y' : 'n');
