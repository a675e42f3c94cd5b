import { renderFragment } from '../render.js';
import type { Feature } from './feature.js';

/** An Anvil application: callables an Anvil app reaches through the uplink. */
export const anvil: Feature = {
  name: 'anvil',
  applies: (context) => context.has_anvil,
  contribute: (context) => ({
    entryPoints: { anvilapp: `${context.package_name}.anvil:${context.anvil_class}` },
    imports: {
      anvil: [
        { module: 'connect.eaas.core.decorators', names: ['anvil_callable', 'anvil_key_variable'] },
        { module: 'connect.eaas.core.extension', names: ['AnvilApplicationBase'] },
      ],
    },
    about: [renderFragment('anvil', '_about.md', context)],
  }),
};
