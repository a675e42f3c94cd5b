import { anvil } from './anvil.js';
import { base } from './base.js';
import { events, variablesExample } from './events.js';
import type { Feature } from './feature.js';
import { githubActions } from './github-actions.js';
import { saga, sagaCache, stateful } from './saga.js';
import { mongoDriver, mongoHttp, storage } from './storage.js';
import { storedEvents, storedEventsUi } from './stored-events.js';
import { tfnapp } from './tfnapp.js';
import { chartUi, tfnappUi, ui } from './ui.js';
import { webapp, webappMarketplaces } from './webapp.js';

export type { Feature } from './feature.js';

/** Every feature, in the order their contributions merge (and their files are rendered). */
export const FEATURES: readonly Feature[] = [
  base,
  events,
  webapp,
  webappMarketplaces,
  storedEvents,
  anvil,
  tfnapp,
  chartUi,
  storedEventsUi,
  tfnappUi,
  ui,
  variablesExample,
  stateful,
  saga,
  sagaCache,
  storage,
  mongoDriver,
  mongoHttp,
  githubActions,
];
