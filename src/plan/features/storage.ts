import { renderFragment } from '../render.js';
import type { Contribution, Variable } from '../contribution.js';
import type { Feature, FeatureContext } from './feature.js';

/** A compose service named `name`, its body the fragment `folder/fragment` rendered with `values` too. */
const service = (context: FeatureContext, name: string, [folder, fragment]: [string, string], values: object = {}) => ({
  name,
  body: renderFragment(folder, fragment, { ...context, ...values, service_name: name }),
});

/**
 * Storage of background events, whichever kind: the repository contract, the saga step that stores
 * (or, without sagas, the handler's own store call), MongoDB in compose, the tests' fixtures.
 */
export const storage: Feature = {
  name: 'storage',
  applies: (context) => context.has_storage,
  contribute(context): Contribution {
    const pkg = context.package_name;
    const slug = context.project_slug;
    return {
      services: [
        service(context, `${slug}_mongo`, ['storage', '_mongo.yml'], { throwaway: false }),
        service(context, `${slug}_mongo_test`, ['storage', '_mongo.yml'], { throwaway: true }),
      ],
      volumes: ['mongo_data'],
      imports: {
        events: [
          { module: `${pkg}.storage`, names: ['close_clients', ...(context.saga ? [] : ['repository_from_config'])] },
          ...(context.saga ? [] : [{ module: `${pkg}.errors`, names: ['PermanentError', 'TransientError'] }, { module: 'connect.eaas.core.responses', names: ['BackgroundResponse'] }]),
        ],
        conftest: [
          { module: 'os' },
          { module: 'uuid' },
          ...(context.is_async ? [{ module: 'pytest_asyncio' }] : []),
          { module: `${pkg}.storage`, names: ['close_clients', 'repository_from_config'] },
        ],
        transactions: [{ module: 'typing', names: ['Optional'] }, { module: `${pkg}.storage`, names: ['event_id', 'EventRepository', 'SavedEvent', 'status_of'] }],
        sagas: [
          { module: `${pkg}.saga`, names: ['ServiceProvider'] },
          { module: `${pkg}.storage`, names: ['EventRepository', 'repository_from_config'] },
          { module: `${pkg}.transactions`, names: ['PersistEvent'] },
        ],
      },
      code: {
        events_start: [renderFragment('storage', '_on_shutdown.py', context)],
        events_end: context.saga ? [] : [renderFragment('storage', '_events_end.py', context)],
        conftest: [renderFragment('storage', '_conftest.py', context)],
        ...(context.saga && {
          transactions: [renderFragment('storage', '_transactions.py', context)],
          sagas: [renderFragment('storage', '_sagas.py', context)],
        }),
      },
      saga: { providers: ['StorageProvider'], steps: ['PersistEvent'] },
      readme: [renderFragment('storage', '_readme.md', context)],
      workflow: { services: [renderFragment('storage', '_workflow_services.yml', context)] },
    };
  },
};

/** Storage settings, declared with @variables on each application that reads them: events, and the web app (stored events). */
function declaredOnEveryReader(context: FeatureContext, variables: Variable[]): Contribution {
  const readers = (['events', 'webapp'] as const).filter((app) => context.application_types.includes(app));
  return {
    variables: Object.fromEntries(readers.map((app) => [app, variables])),
    imports: Object.fromEntries(readers.map((app) => [app, [{ module: 'connect.eaas.core.decorators', names: ['variables'] }]])),
  };
}

const driverVariables: Variable[] = [
  { name: 'MONGODB_URI', initial_value: '', secure: true },
  { name: 'DB_HOST', initial_value: '', secure: false },
  { name: 'DB_USER', initial_value: 'connect_extension', secure: false },
  { name: 'DB_PASSWORD', initial_value: 'change-me', secure: true },
  { name: 'DB', initial_value: 'connect_extension', secure: false },
  { name: 'DRIVER_COLLECTION', initial_value: 'events', secure: false },
];

/** MongoDB through pymongo (sync or its native async API) or motor. */
export const mongoDriver: Feature = {
  name: 'mongo-driver',
  applies: (context) => context.has_storage && context.storage === 'mongo-driver',
  values: () => ({ storage_label: 'MongoDB driver', storage_module: 'mongo', repository_class: 'MongoEventRepository', storage_variables: driverVariables }),
  contribute(context): Contribution {
    const slug = context.project_slug;
    return {
      dependencies: [context.mongo_driver === 'motor' ? { name: 'motor', version: '>=3.7,<4' } : { name: 'pymongo', version: '>=4.13,<5' }],
      ...declaredOnEveryReader(context, driverVariables),
      waitsFor: { dev: [{ service: `${slug}_mongo` }], test: [{ service: `${slug}_mongo_test` }] },
      envFile: [
        { name: 'MONGODB_URI', value: `mongodb://${slug}_mongo:27017/`, comment: 'MongoDB of the dev service (docker compose); Connect variables take precedence.' },
        { name: 'TEST_MONGODB_URI', value: `mongodb://${slug}_mongo_test:27017/`, comment: 'Throwaway MongoDB the tests use (tmpfs).' },
      ],
      workflow: { env: { TEST_MONGODB_URI: 'mongodb://localhost:27017/' } },
    };
  },
};

const dataApiVariables: Variable[] = [
  // Empty, so that local runs use the compose gateway of the env file until it is set in DevOps.
  { name: 'DATA_API_ENDPOINT', initial_value: '', secure: false },
  // Empty too, so that local runs use the env file's key of the compose gateway until it is set.
  { name: 'DATA_API_KEY', initial_value: '', secure: true },
  { name: 'CLUSTER', initial_value: 'Cluster0', secure: false },
  { name: 'DB', initial_value: 'connect_extension', secure: false },
  { name: 'HTTP_COLLECTION', initial_value: 'events', secure: false },
];

/** MongoDB through a Data API-compatible HTTPS endpoint (httpx), with this tool's gateway in compose. */
export const mongoHttp: Feature = {
  name: 'mongo-http',
  applies: (context) => context.has_storage && context.storage === 'mongo-http',
  values: () => ({
    storage_label: 'MongoDB Data API over HTTPS',
    storage_module: 'data_api',
    repository_class: 'DataApiEventRepository',
    storage_variables: dataApiVariables,
  }),
  contribute(context): Contribution {
    const slug = context.project_slug;
    return {
      dependencies: [{ name: 'httpx', version: '>=0.23,<0.29' }],
      devDependencies: [{ name: 'respx', version: '>=0.21' }],
      ...declaredOnEveryReader(context, dataApiVariables),
      services: [
        service(context, `${slug}_data_api`, ['mongo-http', '_data_api.yml'], { gateway_mongo: `${slug}_mongo` }),
        service(context, `${slug}_data_api_test`, ['mongo-http', '_data_api.yml'], { gateway_mongo: `${slug}_mongo_test` }),
      ],
      waitsFor: { dev: [{ service: `${slug}_data_api`, healthy: true }], test: [{ service: `${slug}_data_api_test`, healthy: true }] },
      envFile: [
        { name: 'DATA_API_KEY', value: 'local-data-api-key', comment: 'Key of the Data API gateways in docker compose; the extension uses it while its DATA_API_KEY variable is empty in DevOps.' },
        { name: 'DATA_API_ENDPOINT', value: `http://${slug}_data_api:8080`, comment: 'Data API gateway of the dev service; Connect variables take precedence.' },
        { name: 'TEST_DATA_API_URL', value: `http://${slug}_data_api_test:8080`, comment: 'Throwaway Data API gateway the tests use.' },
        { name: 'TEST_DATA_API_KEY', value: 'local-data-api-key', comment: 'Its key.' },
      ],
      workflow: {
        env: { TEST_DATA_API_URL: 'http://localhost:8080', TEST_DATA_API_KEY: 'ci-data-api-key' },
        steps: [renderFragment('mongo-http', '_workflow_steps.yml', context)],
      },
    };
  },
};
