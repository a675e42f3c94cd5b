import { renderFragment } from '../render.js';
import type { Feature } from './feature.js';

/**
 * The web app's pages in the Connect UI: connect-ui-toolkit pages built by webpack from `ui/` into
 * `<package>/static/`, with jest tests and ESLint. Features add their pages (`uiPages`).
 */
export const ui: Feature = {
  name: 'ui',
  applies: (context) => context.has_ui,
  contribute: (context) => ({
    gitignore: ['node_modules/', 'coverage/'],
    // ccli's way: the image installs the packages, a named volume keeps them from the mounted folder.
    dockerfile: { copy: ['package*.json'], run: ['npm install'] },
    serviceVolumes: ['node_modules:/extension/node_modules'],
    volumes: ['node_modules'],
    workflow: { jobs: [renderFragment('ui', '_workflow_job.yml', context)] },
    // The web app has pages of its own (its decorators name them) beside any transformation dialogs:
    // multiaccount's chart pages (chart-ui) and the stored events' page.
    readme: [renderFragment('ui', '_readme.md', { ...context, webapp_pages: context.extension_type === 'multiaccount' || context.has_storage })],
  }),
  // Until `npm run build` runs, each page is a placeholder that says so: the runner and the
  // validators need the file the decorators name to exist.
  install(tree, context) {
    for (const page of context.ui_pages) {
      tree.write(`${context.package_name}/static/${page.entry}.html`, `${renderFragment('ui', '_unbuilt.html', { ...context, page })}\n`);
    }
  },
};

/** ccli's chart pages of a multiaccount web app: the module page and the account settings page. */
export const chartUi: Feature = {
  name: 'chart-ui',
  applies: (context) => context.has_ui && context.extension_type === 'multiaccount',
  contribute: () => ({
    uiPages: [
      { entry: 'index', title: 'Chart' },
      { entry: 'settings', title: 'Chart settings' },
    ],
  }),
};

/** The transformations' edit dialogs. */
export const tfnappUi: Feature = {
  name: 'tfnapp-ui',
  applies: (context) => context.has_tfnapp && context.has_ui,
  contribute: () => ({
    uiPages: [
      { entry: 'transformations/copy', title: 'Copy columns' },
      { entry: 'transformations/manual', title: 'Manual step' },
    ],
  }),
};
