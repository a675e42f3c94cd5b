import type { EventContext, TemplateContext } from '../context.js';
import { renderFragment } from '../render.js';
import type { Feature } from './feature.js';

/** The errors and settings modules stateful projects share. */
export const stateful: Feature = {
  name: 'stateful',
  applies: (context) => context.saga || context.has_storage,
};

/** Background events as sagas: the engine, one saga per event, its steps and their tests. */
export const saga: Feature = {
  name: 'saga',
  applies: (context) => context.saga,
  values: (context) => ({
    saga_classes: context.background_events.map((event) => `${event.stem}Saga`),
  }),
  contribute: (context) => ({
    imports: {
      events: [{ module: `${context.package_name}.sagas`, names: context.saga_classes as string[] }],
      sagas: [
        { module: `${context.package_name}.saga`, names: ['LogOutcome', 'Saga'] },
        { module: `${context.package_name}.transactions`, names: ['ProcessRequest'] },
      ],
      transactions: [
        { module: 'connect.eaas.core.responses', names: ['BackgroundResponse'] },
        { module: `${context.package_name}.saga`, names: ['BackgroundTransaction'] },
      ],
    },
    readme: [renderFragment('saga', '_readme.md', context)],
  }),
  rendered: (context) => ({ saga_classes_code: context.background_events.map((event) => renderSagaClass(context, event)) }),
};

/** The saga class of one background event, as sagas.py holds it. */
const renderSagaClass = (context: TemplateContext, event: EventContext): string => renderFragment('saga', '_saga.py', { ...context, event });

/** A cache saga steps share across deliveries. */
export const sagaCache: Feature = {
  name: 'saga-cache',
  applies: (context) => context.saga_cache,
  contribute: (context) => ({
    variables: {
      events: [
        { name: 'CACHE_DRIVER', initial_value: 'sqlite', secure: false },
        { name: 'CACHE_DIR', initial_value: '/tmp', secure: false },
        { name: 'CACHE_TTL', initial_value: '900', secure: false },
      ],
    },
    imports: {
      events: [{ module: 'connect.eaas.core.decorators', names: ['variables'] }],
      sagas: [{ module: `${context.package_name}.saga`, names: ['CacheProvider'] }],
    },
    saga: { providers: ['CacheProvider'] },
  }),
};
