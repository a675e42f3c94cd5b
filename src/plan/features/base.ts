import { envFileOf } from '../record.js';
import type { Feature } from './feature.js';

/** What every project has: pyproject, compose, Dockerfile, the env file, docs, lint settings, tests/. */
export const base: Feature = {
  name: 'base',
  applies: () => true,
  contribute: () => ({
    imports: {
      conftest: [
        { module: 'json' },
        { module: 'pathlib', names: ['Path'] },
        { module: 'pytest' },
        { module: 'connect.client', names: ['AsyncConnectClient', 'ConnectClient'] },
      ],
    },
  }),
  install(tree, context) {
    tree.protect(envFileOf(context.project_slug)); // the runner's credentials
  },
};
