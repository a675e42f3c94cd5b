import { eventLabel, findEvent, type EventDefinition } from '../catalog/events.js';
import { RUNNER_IMAGE, pythonMinorsIn } from '../catalog/pins.js';
import { classStem, distributionName, type Answers } from '../answers/model.js';
import { sampleRequest } from '../catalog/samples.js';
import { VERSION } from '../version.js';
import { pyImport } from './escape.js';

export interface EventContext {
  type: string;
  label: string;
  category: 'background' | 'interactive';
  statuses: string[];
  handler: string;
  /** CamelCase stem for per-event classes, e.g. `AssetPurchaseRequestProcessing`. */
  stem: string;
  /** The status the sample request carries (the first subscribed one). */
  sample_status: string;
  sample_id: string;
  /** The handler body that runs the event's saga: rndi's one-line shape, wrapped when too long. */
  saga_return: string;
}

export interface TemplateContext extends Answers {
  year: number;
  class_stem: string;
  class_name: string;
  distribution_name: string;
  runner_image: string;
  readme_url: string;
  changelog_url: string;
  placeholder_urls: boolean;
  python_matrix: string[];
  background_events: EventContext[];
  interactive_events: EventContext[];
  all_events: EventContext[];
  has_background: boolean;
  has_interactive: boolean;
  has_scheduled: boolean;
  is_async: boolean;
  /** Helpers for the templates: `async ` / `await ` or nothing. */
  async_def: string;
  await_: string;
  license_spdx: string;
  client_fixture: string;
  /** events.py's imports, grouped the way flake8-import-order wants them. */
  events_imports: string;
  has_storage: boolean;
  /** What sagas.py imports from the saga engine, and the providers its sagas share. */
  saga_imports: string[];
  saga_providers: string[];
  storage_label: string;
  storage_module: string;
  repository_class: string;
  /** Every DevOps variable the package reads, declared with @variables. */
  variables: Variable[];
  /** Runtime and development dependencies beyond the base ones, for pyproject. */
  python_dependencies: Dependency[];
  python_dev_dependencies: Dependency[];
  /** This tool's version, for the Data API gateway service of mongo-http projects. */
  tool_version: string;
  /** Extra settings for the local env file (docker compose). */
  env_file_extras: { name: string; value: string; comment: string }[];
}

export interface Variable {
  name: string;
  initial_value: string;
  secure: boolean;
}

interface Dependency {
  name: string;
  version: string;
}

const LICENSE_SPDX: Record<Answers['license'], string> = {
  'Apache Software License 2.0': 'Apache-2.0',
  MIT: 'MIT',
  BSD: 'BSD-3-Clause',
};

const camel = (snake: string) => snake.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

function sagaReturn(stem: string, isAsync: boolean): string {
  const call = `return ${isAsync ? 'await ' : ''}${stem}Saga.make(`;
  const oneLine = `        ${call}self.config, self.client, self.logger).resolve(request)`;
  return oneLine.length <= 99 ? oneLine : `        ${call}\n            self.config, self.client, self.logger,\n        ).resolve(request)`;
}

function eventContext(type: string, answers: Answers): EventContext {
  const definition = findEvent(type) as EventDefinition;
  const statuses = answers.statuses[type] ?? [...definition.statuses];
  const stem = camel(type);
  return {
    type,
    label: eventLabel(definition),
    category: definition.category,
    statuses,
    handler: `handle_${type}`,
    stem,
    sample_status: statuses[0] ?? '',
    sample_id: String(sampleRequest(definition, statuses[0]).id),
    saga_return: sagaReturn(stem, answers.use_asyncio),
  };
}

const EXAMPLE_VARIABLES: Variable[] = [
  { name: 'VAR_NAME_1', initial_value: 'VAR_VALUE_1', secure: false },
  { name: 'VAR_NAME_N', initial_value: 'VAR_VALUE_N', secure: true },
];

/** The saga cache's settings, when the project asks for the cache. */
const SAGA_CACHE_VARIABLES: Variable[] = [
  { name: 'CACHE_DRIVER', initial_value: 'sqlite', secure: false },
  { name: 'CACHE_DIR', initial_value: '/tmp', secure: false },
  { name: 'CACHE_TTL', initial_value: '900', secure: false },
];

/** The tutorial's settings for each storage kind, plus MONGODB_URI so local mongodb:// works too. */
const STORAGE = {
  'mongo-driver': {
    label: 'MongoDB driver',
    module: 'mongo',
    repositoryClass: 'MongoEventRepository',
    variables: [
      { name: 'MONGODB_URI', initial_value: '', secure: true },
      { name: 'DB_HOST', initial_value: '', secure: false },
      { name: 'DB_USER', initial_value: 'connect_extension', secure: false },
      { name: 'DB_PASSWORD', initial_value: 'change-me', secure: true },
      { name: 'DB', initial_value: 'connect_extension', secure: false },
      { name: 'DRIVER_COLLECTION', initial_value: 'events', secure: false },
    ],
  },
  'mongo-http': {
    label: 'MongoDB Data API over HTTPS',
    module: 'data_api',
    repositoryClass: 'DataApiEventRepository',
    variables: [
      // Empty, so that local runs use the compose gateway of the env file until it is set in DevOps.
      { name: 'DATA_API_ENDPOINT', initial_value: '', secure: false },
      // Empty too, so that local runs use the env file's key of the compose gateway until it is set.
      { name: 'DATA_API_KEY', initial_value: '', secure: true },
      { name: 'CLUSTER', initial_value: 'Cluster0', secure: false },
      { name: 'DB', initial_value: 'connect_extension', secure: false },
      { name: 'HTTP_COLLECTION', initial_value: 'events', secure: false },
    ],
  },
} as const;

function pythonDependencies(answers: Answers, hasStorage: boolean): Dependency[] {
  if (!hasStorage) return [];
  if (answers.storage === 'mongo-http') return [{ name: 'httpx', version: '>=0.23,<0.29' }];
  return answers.mongo_driver === 'motor' ? [{ name: 'motor', version: '>=3.7,<4' }] : [{ name: 'pymongo', version: '>=4.13,<5' }];
}

/** Where the compose services find local storage (Connect's variables win when they are set). */
function localStorageSettings(answers: Answers): TemplateContext['env_file_extras'] {
  const slug = answers.project_slug;
  if (answers.storage === 'mongo-driver') {
    return [
      { name: 'MONGODB_URI', value: `mongodb://${slug}_mongo:27017/`, comment: 'MongoDB of the dev service (docker compose); Connect variables take precedence.' },
      { name: 'TEST_MONGODB_URI', value: `mongodb://${slug}_mongo_test:27017/`, comment: 'Throwaway MongoDB the tests use (tmpfs).' },
    ];
  }
  return [
    { name: 'DATA_API_KEY', value: 'local-data-api-key', comment: 'Key of the Data API gateways in docker compose; the extension uses it while its DATA_API_KEY variable is empty in DevOps.' },
    { name: 'DATA_API_ENDPOINT', value: `http://${slug}_data_api:8080`, comment: 'Data API gateway of the dev service; Connect variables take precedence.' },
    { name: 'TEST_DATA_API_URL', value: `http://${slug}_data_api_test:8080`, comment: 'Throwaway Data API gateway the tests use.' },
    { name: 'TEST_DATA_API_KEY', value: 'local-data-api-key', comment: 'Its key.' },
  ];
}

/** Import groups (third-party, then the package's own), separated by one blank line. */
function importBlock(...groups: string[][]): string {
  return groups.map((group) => group.filter(Boolean).join('\n')).filter(Boolean).join('\n\n');
}

/** Everything the templates read: the answers plus names and values derived from them. */
export function buildContext(answers: Answers, now: Date): TemplateContext {
  const background = answers.background.map((type) => eventContext(type, answers));
  const interactive = answers.interactive.map((type) => eventContext(type, answers));
  const stem = classStem(answers.project_slug);
  const repository = answers.repository_url.replace(/\/+$/, '');
  const hasStorage = answers.storage !== 'none' && background.length > 0;
  const saga = answers.saga && background.length > 0;
  const sagaCache = saga && answers.saga_cache;
  const storage = answers.storage === 'none' ? undefined : STORAGE[answers.storage];
  const hasScheduled = answers.event_types.includes('scheduled');
  const decoratorImports = [
    ...(background.length + interactive.length > 0 ? ['event'] : []),
    ...(hasScheduled ? ['schedulable'] : []),
  ];
  const variables = [
    ...(answers.include_variables_example ? EXAMPLE_VARIABLES : []),
    ...(sagaCache ? SAGA_CACHE_VARIABLES : []),
    ...(hasStorage && storage ? storage.variables : []),
  ];
  if (variables.length > 0) decoratorImports.push('variables');
  const responseImports = [
    ...(background.length > 0 && !saga ? ['BackgroundResponse'] : []),
    ...(interactive.length > 0 ? ['InteractiveResponse'] : []),
    ...(hasScheduled ? ['ScheduledExecutionResponse'] : []),
  ];
  const sagaClasses = background.map((event) => `${event.stem}Saga`);
  const pkg = answers.package_name;
  return {
    ...answers,
    year: now.getUTCFullYear(),
    class_stem: stem,
    class_name: `${stem}EventsApplication`,
    distribution_name: distributionName(answers.project_slug),
    runner_image: `${RUNNER_IMAGE}:${answers.runner_version}`,
    readme_url: repository ? `${repository}/blob/master/README.md` : 'https://example.com/REPLACE-ME/README.md',
    changelog_url: repository ? `${repository}/blob/master/CHANGELOG.md` : 'https://example.com/REPLACE-ME/CHANGELOG.md',
    placeholder_urls: !repository,
    python_matrix: pythonMinorsIn(answers.python_version),
    background_events: background,
    interactive_events: interactive,
    all_events: [...background, ...interactive],
    has_background: background.length > 0,
    has_interactive: interactive.length > 0,
    has_scheduled: hasScheduled,
    is_async: answers.use_asyncio,
    async_def: answers.use_asyncio ? 'async ' : '',
    await_: answers.use_asyncio ? 'await ' : '',
    license_spdx: LICENSE_SPDX[answers.license],
    client_fixture: answers.use_asyncio ? 'async_connect_client' : 'connect_client',
    events_imports: importBlock(
      [
        pyImport('connect.eaas.core.decorators', decoratorImports),
        'from connect.eaas.core.extension import EventsApplicationBase',
        pyImport('connect.eaas.core.responses', responseImports),
      ],
      [
        hasStorage && !saga ? `from ${pkg}.errors import PermanentError, TransientError` : '',
        saga ? pyImport(`${pkg}.sagas`, sagaClasses) : '',
        hasStorage ? `from ${pkg}.storage import close_clients${saga ? '' : ', repository_from_config'}` : '',
      ],
    ),
    saga,
    saga_cache: sagaCache,
    saga_imports: ['LogOutcome', 'Saga', ...(sagaCache ? ['CacheProvider'] : []), ...(hasStorage ? ['ServiceProvider'] : [])],
    saga_providers: [...(sagaCache ? ['CacheProvider'] : []), ...(hasStorage ? ['StorageProvider'] : [])],
    has_storage: hasStorage,
    storage_label: storage?.label ?? '',
    storage_module: storage?.module ?? '',
    repository_class: storage?.repositoryClass ?? '',
    variables,
    python_dependencies: pythonDependencies(answers, hasStorage),
    python_dev_dependencies: hasStorage && answers.storage === 'mongo-http' ? [{ name: 'respx', version: '>=0.21' }] : [],
    tool_version: VERSION,
    env_file_extras: hasStorage ? localStorageSettings(answers) : [],
  };
}
