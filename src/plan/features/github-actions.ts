import type { Feature } from './feature.js';

/** A GitHub Actions workflow: lint and tests on each Python of the range. */
export const githubActions: Feature = {
  name: 'github-actions',
  applies: (context) => context.use_github_actions,
};
