import * as z from 'zod/mini';
import { EXTENSION_TYPES, eventLabel, eventsFor, findEvent, type ExtensionType } from '../catalog/events.js';
import { PINS, parseRange, pythonMinorsIn } from '../catalog/pins.js';
import { SHADOWING_NAMES } from './python-names.js';
import {
  APPLICATION_TYPES,
  AUDIENCES,
  EVENT_KINDS,
  LICENSES,
  MONGO_DRIVERS,
  PLACEHOLDER_API_KEY,
  PLACEHOLDER_ENVIRONMENT_ID,
  APPLICATIONS_BY_TYPE,
  AUDIENCE_TYPES,
  STORAGES,
  TRANSFORMATIONS_REQUIRE,
  asksForUi,
  type Storage,
  classStem,
  humanize,
  isPythonIdentifier,
  isPythonKeyword,
  slugify,
  type AnswerKey,
  type Answers,
  type Draft,
} from './model.js';

export type FieldKind = 'text' | 'select' | 'multiselect' | 'confirm' | 'statuses';

export interface Choice {
  value: string;
  name: string;
}

export interface DefaultContext {
  /** What the user gave for a key (flag or answers file), before any prompt ran. */
  given(key: AnswerKey): unknown;
}

export interface Field<K extends AnswerKey = AnswerKey> {
  key: K;
  /** A few words naming the answer, for the wizard's summary. */
  label: string;
  kind: FieldKind;
  /** Long flag name without dashes. Confirm fields also get `--no-<flag>`. */
  flag: string;
  /** Help text for the flag. */
  help: string;
  /** The wizard's question (ccli wording where ccli asks it). */
  message: string;
  schema: z.ZodMiniType<Answers[K]>;
  default(draft: Draft, context: DefaultContext): Answers[K];
  /** The key applies only when this holds for the answers before it. */
  when?(draft: Draft): boolean;
  /** Why the key may not apply, for messages: "only for multiaccount extensions". */
  whenText?: string | ((draft: Draft) => string);
  choices?(draft: Draft): Choice[];
  /** A rule that needs earlier answers; returns what is wrong, or nothing. */
  check?(value: Answers[K], draft: Draft): string | undefined;
  /** Cannot be defaulted silently when there is nobody to ask (no TTY and no --yes). */
  required?: boolean;
  secret?: boolean;
  /** Not asked by the wizard: a generation option with a sound default. */
  promptless?: boolean;
  /** The default is derived from other answers, so it is checked like a given answer (the others are constants, checked by the tests). */
  derivedDefault?: boolean;
}

const singleLine = (what: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1, `${what} cannot be empty`),
    z.maxLength(200, `${what} must be at most 200 characters`),
    z.refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${what} must be a single line of text`),
  );

/** Values written verbatim into the dev env file and TOML: no quotes, spaces only where stated. */
const token = (what: string, pattern: RegExp, example: string) =>
  z.string().check(z.trim(), z.minLength(1, `${what} cannot be empty`), z.regex(pattern, `${what} must look like ${example}`));

/** A version in any spelling PEP 440 accepts and normalizes (`1.0.0-beta`, `v2.1rc1`, `1.0.post2`). */
const PEP440_VERSION = /^v?(\d+!)?\d+(\.\d+)*([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(-\d+|[-_.]?(post|rev|r)[-_.]?\d*)?([-_.]?dev[-_.]?\d*)?(\+[a-z0-9]+([-_.][a-z0-9]+)*)?$/i;
/** A Poetry version range (see parseRange), as the pyproject of the project will hold it. */
const versionRange = (what: string, example: string) =>
  z.string().check(z.trim(), z.minLength(1, `${what} cannot be empty`), z.refine((value) => parseRange(value) !== undefined, `${what} must look like ${example}`));

const backgroundChosen = (draft: Draft) => (draft.background?.length ?? 0) > 0;
const chosenEvents = (draft: Draft) => [...(draft.background ?? []), ...(draft.interactive ?? [])];
const eventsWithStatuses = (draft: Draft) => chosenEvents(draft).filter((type) => (findEvent(type)?.statuses.length ?? 0) > 0);
const typeOf = (draft: Draft): ExtensionType => draft.extension_type ?? 'products';
const choicesOf = (values: readonly string[], labels: Record<string, string> = {}): Choice[] =>
  values.map((value) => ({ value, name: labels[value] ?? value }));

function eventChoices(draft: Draft, category: 'background' | 'interactive'): Choice[] {
  return eventsFor(typeOf(draft), category).map((definition) => ({
    value: definition.type,
    name: `${eventLabel(definition)} (${definition.type})`,
  }));
}

/** Unknown event, or an event the chosen extension type does not get: say which. */
function checkEvents(events: string[], draft: Draft, category: 'background' | 'interactive'): string | undefined {
  for (const type of events) {
    const definition = findEvent(type);
    if (!definition) {
      return `unknown event type "${type}"; list the known ones with \`create-connect-extension events --type ${typeOf(draft)}\``;
    }
    if (definition.category !== category) {
      return `"${type}" is ${definition.category === 'interactive' ? 'an' : 'a'} ${definition.category} event; pass it with --${definition.category}`;
    }
    if (!definition.extensionTypes.includes(typeOf(draft))) {
      return `"${type}" is not available to ${typeOf(draft)} extensions (it is to: ${definition.extensionTypes.join(', ')})`;
    }
  }
  return undefined;
}

/** The wizard's names of the extension types, with the flag value beside each. */
const EXTENSION_TYPE_LABELS: Record<string, string> = {
  products: 'Fulfillment Automation (products)',
  hub: 'Hub Integration (hub)',
  multiaccount: 'Multi-Account installation (multiaccount)',
  transformations: 'Commerce transformations (transformations)',
};

/** A Connect API token as the runner sends it in the Authorization header. */
const CONNECT_API_KEY = /^ApiKey [A-Z]{2}-\d+(-\d+)*:[A-Za-z0-9_-]+$/;

/**
 * The extension type an audience given without one implies: the audience-taking type the other
 * given answers allow (transformations for a transformations application, the type of the given
 * events), when only one does.
 */
function impliedByAudience(context: DefaultContext): ExtensionType | undefined {
  const listOf = (value: unknown): string[] =>
    (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.map(String) : []).map((item) => item.trim()).filter(Boolean);
  const applications = listOf(context.given('application_types'));
  const events = [...listOf(context.given('background')), ...listOf(context.given('interactive'))];
  const candidates = AUDIENCE_TYPES.filter(
    (type) =>
      applications.every((app) => (APPLICATIONS_BY_TYPE[type] as readonly string[]).includes(app)) &&
      events.every((event) => findEvent(event)?.extensionTypes.includes(type) ?? true),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** A field as declared below: its schema is built when first used, as most runs parse only the few answers given. */
type FieldDeclaration<K extends AnswerKey> = Omit<Field<K>, 'schema'> & { schema(): Field<K>['schema'] };

const field = <K extends AnswerKey>({ schema, ...declaration }: FieldDeclaration<K>): Field<K> => {
  let built: Field<K>['schema'] | undefined;
  return {
    ...declaration,
    get schema() {
      return (built ??= schema());
    },
  };
};

/** What is wrong with a project root folder name, if anything (it names the folder, the compose services and the classes). */
export function projectSlugProblem(slug: string): string | undefined {
  if (slug === '.' || slug === '..' || /[\\/]/.test(slug) || /^[A-Za-z]:/.test(slug)) {
    return `"${slug}" is not a folder name: no path separators, "." or ".."`;
  }
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(slug)) {
    return `"${slug}" must use letters, digits, "_", "." and "-" only (it names the folder and the compose services)`;
  }
  if (slug !== slug.toLowerCase()) {
    // Compose names the images it builds after the services, and image names are lower-case.
    return `"${slug}" has capital letters, which docker compose cannot build the services named after it with; use "${slug.toLowerCase()}"`;
  }
  const className = `${classStem(slug)}EventsApplication`;
  if (!isPythonIdentifier(className)) {
    return `"${slug}" gives the class name "${className}", which is not a Python identifier; use letters, digits and underscores, not starting with a digit`;
  }
  return undefined;
}

/** Every answer, in the order the wizard asks (ccli's order, storage right after the events). */
export const FIELDS = [
  field({
    key: 'project_name',
    label: 'Project name',
    kind: 'text',
    flag: 'project-name',
    help: 'friendly name of the extension',
    message: 'Enter a friendly name for your Extension:',
    schema: () => singleLine('the project name'),
    // Derived from the root folder, but always a valid name: words of its letters and digits.
    default: (_draft, context) => {
      const slug = context.given('project_slug');
      return (typeof slug === 'string' && humanize(slug)) || 'My Awesome Project';
    },
  }),
  field({
    key: 'project_slug',
    label: 'Root folder',
    kind: 'text',
    flag: 'project-slug',
    help: 'root folder of the project (also the compose service prefix)',
    message: 'Choose a name for the root folder of your Extension module:',
    schema: () => z.string().check(z.trim(), z.minLength(1, 'the project root folder cannot be empty'), z.maxLength(32, 'the project root folder must be at most 32 characters')),
    derivedDefault: true,
    default: (draft) =>
      slugify((draft.project_name ?? '').normalize('NFKD'))
        .replace(/[^a-z0-9_]/g, '')
        .slice(0, 32)
        .replace(/^_+|_+$/g, '') || 'my_extension',
    check: (slug) => projectSlugProblem(slug),
  }),
  field({
    key: 'description',
    label: 'Description',
    kind: 'text',
    flag: 'description',
    help: 'short description',
    message: 'Briefly describe your Extension:',
    schema: () => z.string().check(z.trim(), z.minLength(1, 'the description cannot be empty'), z.maxLength(2000, 'the description must be at most 2000 characters')),
    default: () => 'Project description',
  }),
  field({
    key: 'version',
    label: 'Version',
    kind: 'text',
    flag: 'project-version', // --version prints this tool's version
    help: 'initial version (PEP 440)',
    message: 'Enter the version of your Extension:',
    schema: () => token('the version', PEP440_VERSION, '0.1.0 or 1.0.0rc1 (PEP 440)'),
    default: () => '0.1.0',
  }),
  field({
    key: 'author',
    label: 'Author',
    kind: 'text',
    flag: 'author',
    help: 'author (copyright holder)',
    message: 'Enter the name of the Extension author:',
    schema: () => singleLine('the author'),
    default: () => 'Globex Corporation',
  }),
  field({
    key: 'license',
    label: 'License',
    kind: 'select',
    flag: 'license',
    help: 'license',
    message: 'Choose an Open Source license for your Extension:',
    schema: () => z.enum(LICENSES),
    choices: () => choicesOf(LICENSES),
    default: () => 'Apache Software License 2.0' as const,
  }),
  field({
    key: 'package_name',
    label: 'Python package',
    kind: 'text',
    flag: 'package-name',
    help: 'root Python package',
    message: 'Choose a name for the root python package of your extension module. This must be a valid python identifier:',
    schema: () => z.string().check(z.trim(), z.minLength(1, 'the package name cannot be empty'), z.maxLength(50, 'the package name must be at most 50 characters')),
    default: () => 'connect_ext',
    check: (name) => {
      if (isPythonKeyword(name)) return `"${name}" is a Python keyword; choose another name`;
      if (!isPythonIdentifier(name)) {
        return `"${name}" is not a Python identifier (ASCII letters, digits and "_", not starting with a digit)`;
      }
      if (name === 'connect') return `"connect" would shadow Connect's own \`connect\` namespace package; choose another name`;
      if (name === 'tests') return '"tests" would shadow the tests folder; choose another name';
      if (SHADOWING_NAMES.has(name)) return `"${name}" would shadow the Python module of the same name for the whole project; choose another name`;
      return undefined;
    },
  }),
  field({
    key: 'use_asyncio',
    label: 'asyncio',
    kind: 'confirm',
    flag: 'use-asyncio',
    help: 'async handlers (asyncio)',
    message: 'Do you want to develop your Extension using the Python asyncio library?',
    schema: () => z.boolean(),
    default: () => false,
  }),
  field({
    key: 'use_github_actions',
    label: 'GitHub Actions',
    kind: 'confirm',
    flag: 'use-github-actions',
    help: 'add a GitHub Actions workflow',
    message: 'If you plan to host the Extension code on GitHub, are you also planning to use GitHub actions as your continuous integration system?',
    schema: () => z.boolean(),
    default: () => false,
  }),
  field({
    key: 'server_address',
    label: 'Connect API host',
    kind: 'text',
    flag: 'server-address',
    help: 'Connect API host name',
    message: 'Connect API hostname:',
    schema: () => token('the server address', /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$/, 'api.connect.cloudblue.com (a host name, no scheme or path)'),
    default: () => 'api.connect.cloudblue.com',
  }),
  field({
    key: 'api_key',
    label: 'API key',
    kind: 'text',
    flag: 'api-key',
    help: 'Connect API key for the local runner (written only to the git-ignored env file)',
    message: 'Enter the API key the local runner uses to call Connect (empty: a placeholder to edit later):',
    schema: () => token('the API key', CONNECT_API_KEY, '"ApiKey SU-000-000-000:0123abcd", the whole token from Integrations > API tokens'),
    default: () => PLACEHOLDER_API_KEY,
    required: true,
    secret: true,
  }),
  field({
    key: 'environment_id',
    label: 'Environment id',
    kind: 'text',
    flag: 'environment-id',
    help: 'DevOps environment id (ENV-…) the local runner connects to',
    message: 'Enter the DevOps environment identifier to which your Extension will connect:',
    schema: () => token('the environment id', /^ENV-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, 'ENV-1234-5678-01 (DevOps > your extension > environment)'),
    default: () => PLACEHOLDER_ENVIRONMENT_ID,
    required: true,
  }),
  field({
    key: 'extension_type',
    label: 'Extension type',
    kind: 'select',
    flag: 'extension-type',
    help: 'extension type',
    message: 'Type of extension:',
    schema: () => z.enum(EXTENSION_TYPES),
    choices: () => choicesOf(EXTENSION_TYPES, EXTENSION_TYPE_LABELS),
    // An audience given without a type implies the type, when the other answers leave only one.
    default: (_draft, context) => (context.given('extension_audience') !== undefined ? (impliedByAudience(context) ?? 'products') : 'products'),
  }),
  field({
    key: 'extension_audience',
    label: 'Audience',
    kind: 'multiselect',
    flag: 'extension-audience',
    help: 'account types the extension targets (multiaccount)',
    message: 'Which account types does this extension target?',
    schema: () => z.array(z.enum(AUDIENCES)).check(z.minLength(1, 'select at least one audience')),
    when: (draft) => AUDIENCE_TYPES.includes(typeOf(draft)),
    whenText: 'only for multiaccount and transformations extensions (products target vendors, hub targets distributors and resellers); pass --extension-type',
    choices: () => choicesOf(AUDIENCES, { vendor: 'Vendors', distributor: 'Distributors', reseller: 'Resellers' }),
    default: () => [...AUDIENCES],
  }),
  field({
    key: 'application_types',
    label: 'Features',
    kind: 'multiselect',
    flag: 'application-types',
    help: 'applications: events, anvil, webapp (hub, multiaccount, transformations), tfnapp (transformations)',
    message: 'Which features do you want to support in your extension:',
    schema: () => z.array(z.enum(APPLICATION_TYPES)).check(z.minLength(1, 'select at least one feature')),
    choices: (draft) =>
      choicesOf(APPLICATIONS_BY_TYPE[typeOf(draft)], {
        events: 'Events Processing (events)',
        anvil: 'Anvil Application (anvil)',
        webapp: 'Web Application (webapp)',
        tfnapp: 'Transformations Application (tfnapp)',
      }),
    default: (draft) => (typeOf(draft) === 'transformations' ? [...TRANSFORMATIONS_REQUIRE] : ['events']),
    check: (types, draft) => {
      const missing = TRANSFORMATIONS_REQUIRE.filter((type) => !types.includes(type));
      if (typeOf(draft) === 'transformations' && missing.length > 0) {
        return `transformations extensions need a web app and a transformations app: add ${missing.join(', ')}`;
      }
      const foreign = types.filter((type) => !APPLICATIONS_BY_TYPE[typeOf(draft)].includes(type));
      return foreign.length > 0 ? `${foreign.join(', ')} not available to ${typeOf(draft)} extensions; valid: ${APPLICATIONS_BY_TYPE[typeOf(draft)].join(', ')}` : undefined;
    },
  }),
  field({
    key: 'event_types',
    label: 'Kinds of events',
    kind: 'multiselect',
    flag: 'event-types',
    help: 'kinds of events to handle',
    message: 'Which types of event do you want to support in your extension:',
    schema: () => z.array(z.enum(EVENT_KINDS)).check(z.minLength(1, 'select at least one kind of event')),
    when: (draft) => draft.application_types?.includes('events') ?? false,
    whenText: 'only with the events application (--application-types events)',
    choices: (draft) =>
      choicesOf(
        EVENT_KINDS.filter((kind) => kind === 'scheduled' || eventsFor(typeOf(draft), kind).length > 0),
        { background: 'Background Events', interactive: 'Interactive Events', scheduled: 'Scheduled Event Example' },
      ),
    // Events given without their kinds imply the kinds; else background events, where the type has
    // any (transformations extensions have none: their events application starts with a scheduled task).
    default: (draft, context) => {
      const implied = (['background', 'interactive'] as const).filter((kind) => context.given(kind) !== undefined);
      return implied.length > 0 ? [...implied] : [eventsFor(typeOf(draft), 'background').length > 0 ? 'background' : 'scheduled'];
    },
  }),
  field({
    key: 'webapp_supports_ui',
    label: 'Web app UI',
    kind: 'confirm',
    flag: 'webapp-supports-ui',
    help: 'the web app plugs into the Connect UI: pages built with connect-ui-toolkit (multiaccount; required for transformations)',
    message: 'Does your web application plug into the Connect UI?',
    schema: () => z.boolean(),
    when: (draft) => asksForUi(draft.extension_type, draft.application_types),
    whenText: 'only with a web app of a multiaccount or transformations extension (hub web apps have no UI)',
    default: () => true,
    check: (ui, draft) => (!ui && draft.extension_type === 'transformations' ? 'transformations extensions need the UI: their transformations are edited in it' : undefined),
  }),
  field({
    key: 'background',
    label: 'Background events',
    kind: 'multiselect',
    flag: 'background',
    help: 'background events to process (comma-separated event types)',
    message: 'What types of background events do you want your Extension to process?',
    schema: () => z.array(z.string()).check(z.minLength(1, 'select at least one background event')),
    when: (draft) => draft.event_types?.includes('background') ?? false,
    whenText: 'only when --event-types includes background',
    choices: (draft) => eventChoices(draft, 'background'),
    default: (draft) => {
      // Multi-account extensions most often start from their installations.
      const preferred = typeOf(draft) === 'multiaccount' ? 'installation_status_change' : 'asset_purchase_request_processing';
      const available = eventsFor(typeOf(draft), 'background').map((definition) => definition.type);
      return available.includes(preferred) ? [preferred] : available.slice(0, 1);
    },
    check: (events, draft) => checkEvents(events, draft, 'background'),
  }),
  field({
    key: 'interactive',
    label: 'Interactive events',
    kind: 'multiselect',
    flag: 'interactive',
    help: 'interactive events to handle (comma-separated event types)',
    message: 'What types of interactive events do you want your Extension to process?',
    schema: () => z.array(z.string()).check(z.minLength(1, 'select at least one interactive event')),
    when: (draft) => draft.event_types?.includes('interactive') ?? false,
    whenText: (draft) =>
      eventsFor(typeOf(draft), 'interactive').length === 0
        ? `to products extensions only: ${typeOf(draft)} extensions have no interactive events`
        : 'only when --event-types includes interactive',
    choices: (draft) => eventChoices(draft, 'interactive'),
    default: (draft) => eventsFor(typeOf(draft), 'interactive').slice(0, 1).map((definition) => definition.type),
    check: (events, draft) => checkEvents(events, draft, 'interactive'),
  }),
  field({
    key: 'statuses',
    label: 'Statuses',
    kind: 'statuses',
    flag: 'statuses',
    help: 'statuses to subscribe to, per event: EVENT=status,status (repeatable; default: all)',
    message: 'Subscribe each event to all of its statuses?',
    schema: () => z.record(z.string(), z.array(z.string()).check(z.minLength(1, 'give at least one status'))),
    when: (draft) => eventsWithStatuses(draft).length > 0,
    whenText: 'only for chosen events that have statuses',
    default: (draft) => Object.fromEntries(eventsWithStatuses(draft).map((type) => [type, [...(findEvent(type)?.statuses ?? [])]])),
    check: (statuses, draft) => {
      const events = chosenEvents(draft);
      for (const [type, chosen] of Object.entries(statuses)) {
        const known = findEvent(type)?.statuses ?? [];
        if (!events.includes(type)) return `"${type}" is not one of the chosen events (${events.join(', ')})`;
        const invalid = chosen.filter((status) => !known.includes(status));
        if (invalid.length > 0) return `${invalid.join(', ')} not valid for ${type}; valid: ${known.join(', ') || 'none'}`;
      }
      return undefined;
    },
  }),
  field({
    key: 'storage',
    label: 'Storage',
    kind: 'select',
    flag: 'storage',
    help: 'where background events are persisted',
    message: 'Where should the extension store the events it processes?',
    schema: () => z.enum(STORAGES),
    when: backgroundChosen,
    whenText: 'only with background events',
    choices: () =>
      choicesOf(STORAGES, {
        none: 'Nowhere (no database)',
        'mongo-driver': 'MongoDB, through the Python driver',
        'mongo-http': 'MongoDB, through a Data-API-compatible HTTP endpoint',
      }),
    // A driver given without a storage implies the driver's storage.
    default: (_draft, context) => (context.given('mongo_driver') !== undefined ? 'mongo-driver' : 'none') as Storage,
  }),
  field({
    key: 'mongo_driver',
    label: 'MongoDB driver',
    kind: 'select',
    flag: 'mongo-driver',
    help: 'MongoDB driver (implies --storage mongo-driver): pymongo generates pymongo.MongoClient, or AsyncMongoClient with --use-asyncio; motor generates motor.AsyncIOMotorClient (asyncio only, deprecated by MongoDB)',
    message: 'Which MongoDB driver?',
    schema: () => z.enum(MONGO_DRIVERS),
    when: (draft) => draft.storage === 'mongo-driver',
    whenText: 'only with --storage mongo-driver',
    choices: (draft) =>
      choicesOf(draft.use_asyncio ? MONGO_DRIVERS : ['pymongo'], { pymongo: 'PyMongo (recommended)', motor: 'Motor (deprecated since May 2025)' }),
    default: () => 'pymongo' as const,
    check: (driver, draft) =>
      driver === 'motor' && !draft.use_asyncio ? 'motor is an asyncio driver: add --use-asyncio, or use pymongo (sync or async)' : undefined,
  }),
  field({
    key: 'saga',
    label: 'Sagas',
    kind: 'confirm',
    flag: 'saga',
    help: 'route background events through saga transactions',
    message: 'Process background events as sagas (ordered steps with compensation)?',
    schema: () => z.boolean(),
    when: backgroundChosen,
    whenText: 'only with background events',
    default: () => true,
  }),
  field({
    key: 'saga_cache',
    label: 'Saga cache',
    kind: 'confirm',
    flag: 'saga-cache',
    help: 'give saga steps a cache they share across deliveries (SQLite, CACHE_* variables)',
    message: 'Give the saga steps a cache to keep values across deliveries (SQLite)?',
    schema: () => z.boolean(),
    when: (draft) => draft.saga === true,
    whenText: 'only with sagas',
    default: () => false,
  }),
  field({
    key: 'include_variables_example',
    label: 'Variables example',
    kind: 'confirm',
    flag: 'include-variables-example',
    help: 'add an example of environment variables',
    message: 'Do you want to include an example of environment variables?',
    schema: () => z.boolean(),
    default: () => false,
  }),
  field({
    key: 'repository_url',
    label: 'Repository URL',
    kind: 'text',
    flag: 'repository-url',
    help: 'public repository URL; builds readme_url/changelog_url (else placeholders)',
    message: 'URL of the public repository (for readme_url/changelog_url; empty: placeholders to replace before deploying):',
    schema: () => z.string().check(
      z.trim(),
      z.refine((value) => value === '' || /^https:\/\/[^\s"'\\<>]+$/.test(value), 'the repository URL must be an https:// URL'),
    ),
    default: () => '',
  }),
  field({
    key: 'runner_version',
    label: 'Runner version',
    kind: 'text',
    flag: 'runner-version',
    help: `connect-extension-runner image tag (default: ${PINS.runnerVersion})`,
    message: 'Runner version:',
    schema: () => token('the runner version', /^\d+\.\d+(\.\d+)?$/, PINS.runnerVersion),
    default: () => PINS.runnerVersion,
    promptless: true,
  }),
  field({
    key: 'python_version',
    label: 'Python range',
    kind: 'text',
    flag: 'python-version',
    help: `Python range for pyproject (default: ${PINS.pythonVersion})`,
    message: 'Python range:',
    schema: () => versionRange('the Python range', PINS.pythonVersion),
    default: () => PINS.pythonVersion,
    check: (range) => (pythonMinorsIn(range).length === 0 ? `"${range}" admits no Python from 3.8 to 3.14; for example ${PINS.pythonVersion}` : undefined),
    promptless: true,
  }),
  field({
    key: 'eaas_core_version',
    label: 'connect-eaas-core range',
    kind: 'text',
    flag: 'eaas-core-version',
    help: `connect-eaas-core range (default: ${PINS.eaasCoreVersion})`,
    message: 'connect-eaas-core range:',
    schema: () => versionRange('the connect-eaas-core range', PINS.eaasCoreVersion),
    default: () => PINS.eaasCoreVersion,
    promptless: true,
  }),
] as const satisfies readonly Field<AnswerKey>[];

export const FIELD_BY_KEY: ReadonlyMap<string, Field> = new Map(FIELDS.map((definition) => [definition.key, definition as Field]));

export const isActive = (definition: Field, draft: Draft): boolean => definition.when?.(draft) ?? true;
