import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A new folder in the system's temp folder, removed after the test file (see cleanup-setup.ts). */
export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  created.push(folder);
  return folder;
}

/** Removes the folders tempFolder made; CCE_KEEP_TEMP=1 keeps them, to look into a failure. */
export function removeTempFolders(): void {
  if (process.env.CCE_KEEP_TEMP) return;
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
}
