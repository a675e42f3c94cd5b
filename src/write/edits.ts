import { chmodSync, existsSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes new contents into an existing project (add, bump, update): each file first beside its
 * target, with the target's permissions (the env file stays readable by its owner only), then all
 * renamed into place, so a failure while writing leaves the project as it was. A symbolic link is
 * written through, to the file it points at.
 */
export function writeEdits(dir: string, files: ReadonlyMap<string, string>): void {
  const staged: { staging: string; target: string }[] = [];
  try {
    for (const [path, content] of files) {
      let target = join(dir, path);
      const exists = existsSync(target);
      if (exists && lstatSync(target).isSymbolicLink()) target = realpathSync(target);
      mkdirSync(dirname(target), { recursive: true });
      const staging = `${target}.create-connect-extension-${process.pid}`;
      staged.push({ staging, target });
      const mode = exists ? statSync(target).mode & 0o7777 : undefined;
      writeFileSync(staging, content, mode === undefined ? {} : { mode });
      if (mode !== undefined) chmodSync(staging, mode); // the umask applies to the mode given above
    }
  } catch (error) {
    for (const { staging } of staged) rmSync(staging, { force: true });
    throw error;
  }
  for (const { staging, target } of staged) renameSync(staging, target);
}
