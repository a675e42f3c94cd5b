import { findEvent } from '../../catalog/events.js';
import { sampleRequest } from '../../catalog/samples.js';
import type { EventContext, TemplateContext } from '../context.js';
import { renderFragment } from '../render.js';
import { APPS } from '../contribution.js';
import type { Feature } from './feature.js';

/** The handler method of one event, as the events class holds it. */
const renderEventHandler = (context: TemplateContext, event: EventContext): string =>
  renderFragment('events', event.category === 'background' ? '_background_handler.py' : '_interactive_handler.py', { ...context, event });

/** The tests of one event's handler, as tests/test_events.py holds them. */
const renderEventTests = (context: TemplateContext, event: EventContext): string =>
  renderFragment('events', event.category === 'background' ? '_background_tests.py' : '_interactive_tests.py', { ...context, event });

/** The events application: a handler per chosen event, their tests, and a sample object per event. */
export const events: Feature = {
  name: 'events',
  applies: (context) => context.application_types.includes('events'),
  contribute: (context) => ({
    entryPoints: { eventsapp: `${context.package_name}.events:${context.class_name}` },
    about: [renderFragment('events', '_about.md', context)],
    imports: {
      events: [
        ...(context.all_events.length > 0 ? [{ module: 'connect.eaas.core.decorators', names: ['event'] }] : []),
        ...(context.has_scheduled ? [{ module: 'connect.eaas.core.decorators', names: ['schedulable'] }] : []),
        { module: 'connect.eaas.core.extension', names: ['EventsApplicationBase'] },
        {
          module: 'connect.eaas.core.responses',
          names: [
            ...(context.has_background && !context.saga ? ['BackgroundResponse'] : []),
            ...(context.has_interactive ? ['InteractiveResponse'] : []),
            ...(context.has_scheduled ? ['ScheduledExecutionResponse'] : []),
          ],
        },
      ],
    },
  }),
  rendered: (context) => ({
    event_handlers: context.all_events.map((event) => renderEventHandler(context, event)),
    event_tests: context.all_events.map((event) => renderEventTests(context, event)),
  }),
  install(tree, context) {
    for (const event of context.all_events) {
      const definition = findEvent(event.type);
      if (!definition) continue;
      tree.write(`tests/fixtures/${event.type}.json`, `${JSON.stringify(sampleRequest(definition, event.sample_status), null, 2)}\n`);
    }
  },
};

/** ccli's example of DevOps variables, declared on each application class. */
export const variablesExample: Feature = {
  name: 'variables-example',
  folder: '',
  applies: (context) => context.include_variables_example,
  contribute(context) {
    const apps = APPS.filter((app) => context.application_types.includes(app));
    const example = [
      { name: 'VAR_NAME_1', initial_value: 'VAR_VALUE_1', secure: false },
      { name: 'VAR_NAME_N', initial_value: 'VAR_VALUE_N', secure: true },
    ];
    return {
      variables: Object.fromEntries(apps.map((app) => [app, example])),
      imports: Object.fromEntries(apps.map((app) => [app, [{ module: 'connect.eaas.core.decorators', names: ['variables'] }]])),
    };
  },
};
