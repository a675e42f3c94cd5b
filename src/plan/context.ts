import { eventLabel, findEvent, type EventDefinition } from '../catalog/events.js';
import { NODE_LTS_MAJOR, RUNNER_IMAGE, pythonMinorsIn } from '../catalog/pins.js';
import { classStem, distributionName, type Answers } from '../answers/model.js';
import { sampleRequest } from '../catalog/samples.js';
import { VERSION } from '../version.js';
import type { Contributions } from './contribution.js';

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
}

/** The answers plus the names and flags derived from them, which every feature may read. */
export interface BaseContext extends Answers {
  year: number;
  class_stem: string;
  /** The application classes ccli names after the root folder (`MyExtEventsApplication`...). */
  class_name: string;
  webapp_class: string;
  anvil_class: string;
  tfnapp_class: string;
  has_events: boolean;
  has_webapp: boolean;
  has_anvil: boolean;
  has_tfnapp: boolean;
  /** The web app plugs into the Connect UI (pages built with connect-ui-toolkit). */
  has_ui: boolean;
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
  /** Whether background events go through sagas, keep a cache, and are stored (each needs a background event). */
  saga: boolean;
  saga_cache: boolean;
  has_storage: boolean;
  /** This tool's version, for the Data API gateway service of mongo-http projects. */
  tool_version: string;
  /** The Node.js major generated Node services and jobs use. */
  node_major: string;
}

/** What the templates read: the base context, the values features add for their own templates, and the merged contributions. */
export type TemplateContext = BaseContext &
  Contributions &
  Record<string, unknown> & {
    /** Each module's import block, rendered from the merged imports. */
    import_blocks: Record<keyof Contributions['imports'], string>;
  };

const LICENSE_SPDX: Record<Answers['license'], string> = {
  'Apache Software License 2.0': 'Apache-2.0',
  MIT: 'MIT',
  BSD: 'BSD-3-Clause',
};

const camel = (snake: string) => snake.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

function eventContext(type: string, answers: Answers): EventContext {
  const definition = findEvent(type) as EventDefinition;
  const statuses = answers.statuses[type] ?? [...definition.statuses];
  return {
    type,
    label: eventLabel(definition),
    category: definition.category,
    statuses,
    handler: `handle_${type}`,
    stem: camel(type),
    sample_status: statuses[0] ?? '',
    sample_id: String(sampleRequest(definition, statuses[0]).id),
  };
}

export function buildContext(answers: Answers, now: Date): BaseContext {
  const background = answers.background.map((type) => eventContext(type, answers));
  const interactive = answers.interactive.map((type) => eventContext(type, answers));
  const stem = classStem(answers.project_slug);
  const repository = answers.repository_url.replace(/\/+$/, '');
  const saga = answers.saga && background.length > 0;
  return {
    ...answers,
    year: now.getUTCFullYear(),
    class_stem: stem,
    class_name: `${stem}EventsApplication`,
    webapp_class: `${stem}WebApplication`,
    anvil_class: `${stem}AnvilApplication`,
    tfnapp_class: `${stem}TransformationsApplication`,
    has_events: answers.application_types.includes('events'),
    has_webapp: answers.application_types.includes('webapp'),
    has_anvil: answers.application_types.includes('anvil'),
    has_tfnapp: answers.application_types.includes('tfnapp'),
    has_ui: answers.application_types.includes('webapp') && answers.webapp_supports_ui,
    distribution_name: distributionName(answers.project_slug),
    runner_image: `${RUNNER_IMAGE}:${answers.runner_version}`,
    readme_url: repository ? `${repository}/blob/main/README.md` : 'https://example.com/REPLACE-ME/README.md',
    changelog_url: repository ? `${repository}/blob/main/CHANGELOG.md` : 'https://example.com/REPLACE-ME/CHANGELOG.md',
    placeholder_urls: !repository,
    python_matrix: pythonMinorsIn(answers.python_version),
    background_events: background,
    interactive_events: interactive,
    all_events: [...background, ...interactive],
    has_background: background.length > 0,
    has_interactive: interactive.length > 0,
    has_scheduled: answers.event_types.includes('scheduled'),
    is_async: answers.use_asyncio,
    async_def: answers.use_asyncio ? 'async ' : '',
    await_: answers.use_asyncio ? 'await ' : '',
    license_spdx: LICENSE_SPDX[answers.license],
    client_fixture: answers.use_asyncio ? 'async_connect_client' : 'connect_client',
    saga,
    saga_cache: saga && answers.saga_cache,
    has_storage: answers.storage !== 'none' && background.length > 0,
    tool_version: VERSION,
    node_major: NODE_LTS_MAJOR,
  };
}
