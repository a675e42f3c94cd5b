import { renderFragment } from '../render.js';
import type { Feature } from './feature.js';

/** For a project with storage and a web app: a web API (and with a UI, a page) over what it stored. */
export const storedEvents: Feature = {
  name: 'stored-events',
  applies: (context) => context.has_storage && context.has_webapp,
  contribute: (context) => ({
    imports: {
      webapp: [
        { module: 'contextlib', names: ['contextmanager'] },
        { module: 'typing', names: ['List', 'Optional'] },
        { module: 'connect.eaas.core.inject.common', names: ['get_config'] },
        { module: 'fastapi', names: ['Depends', 'HTTPException', 'Query', 'Response'] },
        { module: `${context.package_name}.errors`, names: ['PermanentError', 'TransientError'] },
        { module: `${context.package_name}.storage`, names: ['close_clients', 'repository_from_config'] },
      ],
    },
    code: {
      webapp_module: [renderFragment('stored-events', '_helpers.py', context)],
      webapp: [renderFragment('storage', '_on_shutdown.py', context), renderFragment('stored-events', '_endpoints.py', context)],
    },
    about: [renderFragment('stored-events', '_about.md', context)],
  }),
};

/** The module page "Stored events", listing them with the toolkit's table. */
export const storedEventsUi: Feature = {
  name: 'stored-events-ui',
  applies: (context) => context.has_storage && context.has_webapp && context.has_ui,
  contribute: () => ({
    uiPages: [{ entry: 'events', title: 'Stored events' }],
    childPages: [{ entry: 'events', title: 'Stored events' }],
  }),
};
