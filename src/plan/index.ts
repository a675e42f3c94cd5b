import type { Answers } from '../answers/model.js';
import { buildContext } from './context.js';
import { FEATURES } from './features.js';
import { Tree } from './tree.js';

export interface PlanOptions {
  /** Fixes the copyright year (golden tests); defaults to now. */
  now?: Date;
}

/** Renders the whole project into memory. Nothing touches the disk here. */
export function planProject(answers: Answers, options: PlanOptions = {}): Tree {
  const context = buildContext(answers, options.now ?? new Date());
  const names = { package: answers.package_name, slug: answers.project_slug };
  const tree = new Tree();
  for (const feature of FEATURES) {
    if (feature.applies(context)) feature.install(tree, context, names);
  }
  return tree;
}
