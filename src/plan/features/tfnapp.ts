import { renderFragment } from '../render.js';
import type { Feature } from './feature.js';

/** A transformations application (Commerce), with the web app's check of each transformation's settings. */
export const tfnapp: Feature = {
  name: 'tfnapp',
  applies: (context) => context.has_tfnapp,
  contribute: (context) => ({
    entryPoints: { tfnapp: `${context.package_name}.tfnapp:${context.tfnapp_class}` },
    imports: {
      tfnapp: [
        { module: 'connect.eaas.core.decorators', names: ['manual_transformation', 'transformation'] },
        { module: 'connect.eaas.core.extension', names: ['TransformationsApplicationBase'] },
        { module: 'connect.eaas.core.responses', names: ['RowTransformationResponse'] },
      ],
      webapp: [
        { module: 'fastapi', names: ['Body', 'HTTPException'] },
        { module: `${context.package_name}.tfnapp`, names: ['VALIDATORS'] },
      ],
    },
    code: { webapp: [renderFragment('tfnapp', '_validate.py', context)] },
    about: [renderFragment('tfnapp', '_about.md', context)],
  }),
};
