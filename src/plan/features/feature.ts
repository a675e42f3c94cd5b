import type { BaseContext, TemplateContext } from '../context.js';
import type { Contribution } from '../contribution.js';
import type { Tree } from '../tree.js';

/** What a feature's contribution is computed from: the base context and the values every feature added. */
export type FeatureContext = BaseContext & Record<string, unknown>;

/**
 * One optional part of a generated project (create-t3-app style): when it applies, the values its
 * own templates read, what it adds to files other features own, and its template folder.
 */
export interface Feature {
  name: string;
  /** Its templates: `templates/<folder>/`, by default its name. */
  folder?: string;
  applies(context: BaseContext): boolean;
  values?(context: BaseContext): Record<string, unknown>;
  contribute?(context: FeatureContext): Contribution;
  /** Values rendered from the merged context, for its own templates (e.g. one handler per event). */
  rendered?(context: TemplateContext): Record<string, unknown>;
  /** Files beyond its templates (e.g. JSON fixtures). */
  install?(tree: Tree, context: TemplateContext): void;
}
