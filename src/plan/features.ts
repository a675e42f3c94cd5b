import { findEvent } from '../catalog/events.js';
import { sampleRequest } from '../catalog/samples.js';
import type { TemplateContext } from './context.js';
import { renderFolder, type PathNames } from './render.js';
import type { Tree } from './tree.js';

/** One optional part of a generated project: when it applies and what it adds (create-t3-app style). */
export interface Feature {
  name: string;
  /** Decided from the context, which derives what applies (e.g. `saga`, `has_storage`) once. */
  applies(context: TemplateContext): boolean;
  install(tree: Tree, context: TemplateContext, names: PathNames): void;
}

const templatesOf = (folder: string) => (tree: Tree, context: TemplateContext, names: PathNames) =>
  renderFolder(folder, context, names, tree);

export const FEATURES: readonly Feature[] = [
  {
    name: 'base',
    applies: () => true,
    install(tree, context, names) {
      renderFolder('base', context, names, tree);
      tree.protect(`.${names.slug}_dev.env`); // the runner's credentials
    },
  },
  {
    name: 'events',
    applies: (context) => context.application_types.includes('events'),
    install(tree, context, names) {
      renderFolder('events', context, names, tree);
      for (const event of context.all_events) {
        const definition = findEvent(event.type);
        if (!definition) continue;
        tree.write(`tests/fixtures/${event.type}.json`, `${JSON.stringify(sampleRequest(definition, event.sample_status), null, 2)}\n`);
      }
    },
  },
  {
    name: 'stateful',
    applies: (context) => context.saga || context.has_storage,
    install: templatesOf('stateful'),
  },
  { name: 'saga', applies: (context) => context.saga, install: templatesOf('saga') },
  { name: 'saga-cache', applies: (context) => context.saga_cache, install: templatesOf('saga-cache') },
  { name: 'storage', applies: (context) => context.has_storage, install: templatesOf('storage') },
  { name: 'mongo-driver', applies: (context) => context.has_storage && context.storage === 'mongo-driver', install: templatesOf('mongo-driver') },
  { name: 'mongo-http', applies: (context) => context.has_storage && context.storage === 'mongo-http', install: templatesOf('mongo-http') },
  { name: 'github-actions', applies: (context) => context.use_github_actions, install: templatesOf('github-actions') },
];
