import { STANDARD_LIBRARY } from '../answers/python-names.js';
import type { Answers } from '../answers/model.js';
import { buildContext, type TemplateContext } from './context.js';
import { IMPORT_SLOTS, mergeContributions } from './contribution.js';
import { pyImportBlock } from './escape.js';
import { FEATURES } from './features/index.js';
import { buildRecord, writeRecord } from './record.js';
import { renderFolder } from './render.js';
import { Tree } from './tree.js';

export interface PlanOptions {
  /** Fixes the copyright year (golden tests); defaults to now. */
  now?: Date;
}

const STANDARD_MODULES: ReadonlySet<string> = new Set(STANDARD_LIBRARY);

/** A project as planned: the context its templates read, what its features contributed, and its files. */
export interface Plan {
  context: TemplateContext;
  tree: Tree;
}

/**
 * Renders the whole project into memory: the features that apply add their values and their
 * contributions to the context, then each renders its own templates. Nothing touches the disk.
 */
export function plan(answers: Answers, options: PlanOptions = {}): Plan {
  const base = buildContext(answers, options.now ?? new Date());
  const features = FEATURES.filter((feature) => feature.applies(base));
  const values = Object.assign({}, base, ...features.map((feature) => feature.values?.(base) ?? {}));
  const contributions = mergeContributions(features.map((feature) => feature.contribute?.(values) ?? {}));
  const context: TemplateContext = {
    ...values,
    ...contributions,
    import_blocks: Object.fromEntries(
      IMPORT_SLOTS.map((slot) => [slot, pyImportBlock(contributions.imports[slot], answers.package_name, STANDARD_MODULES)]),
    ) as TemplateContext['import_blocks'],
  };
  Object.assign(context, ...features.map((feature) => feature.rendered?.(context) ?? {}));
  const names = { package: answers.package_name, slug: answers.project_slug };
  const tree = new Tree();
  for (const feature of features) {
    if (feature.folder !== '') renderFolder(feature.folder ?? feature.name, context, names, tree);
    feature.install?.(tree, context);
  }
  writeRecord(tree, buildRecord(answers, tree));
  return { context, tree };
}

/** The project's files as planned. */
export const planProject = (answers: Answers, options: PlanOptions = {}): Tree => plan(answers, options).tree;
