import { eventLabel, findEvent, type EventDefinition } from '../catalog/events.js';
import { RUNNER_IMAGE, pythonMinorsIn } from '../catalog/pins.js';
import { classStem, distributionName, type Answers } from '../answers/model.js';
import { sampleRequest } from '../catalog/samples.js';

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
  decorator_imports: string[];
  response_imports: string[];
  /** Runtime dependencies beyond connect-eaas-core, for pyproject. */
  python_dependencies: { name: string; version: string }[];
  /** Extra settings for the local env file. */
  env_file_extras: { name: string; value: string; comment: string }[];
}

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

/** Everything the templates read: the answers plus names and values derived from them. */
export function buildContext(answers: Answers, now: Date): TemplateContext {
  const background = answers.background.map((type) => eventContext(type, answers));
  const interactive = answers.interactive.map((type) => eventContext(type, answers));
  const stem = classStem(answers.project_slug);
  const repository = answers.repository_url.replace(/\/+$/, '');
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
    has_scheduled: answers.event_types.includes('scheduled'),
    is_async: answers.use_asyncio,
    async_def: answers.use_asyncio ? 'async ' : '',
    await_: answers.use_asyncio ? 'await ' : '',
    license_spdx: LICENSE_SPDX[answers.license],
    client_fixture: answers.use_asyncio ? 'async_connect_client' : 'connect_client',
    decorator_imports: [
      ...(background.length + interactive.length > 0 ? ['event'] : []),
      ...(answers.event_types.includes('scheduled') ? ['schedulable'] : []),
      ...(answers.include_variables_example ? ['variables'] : []),
    ],
    response_imports: [
      ...(background.length > 0 ? ['BackgroundResponse'] : []),
      ...(interactive.length > 0 ? ['InteractiveResponse'] : []),
      ...(answers.event_types.includes('scheduled') ? ['ScheduledExecutionResponse'] : []),
    ],
    python_dependencies: [],
    env_file_extras: [],
  };
}
