import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Tree } from '../../src/plan/tree.js';

/** Writes a planned project's files under `root`, as create would (without its git repository). */
export function writeTree(tree: Tree, root: string): void {
  for (const file of tree.files()) {
    const path = join(root, ...file.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}
