/**
 * Bringing newer templates into a project, as copier's `update` does: for each generated file,
 * base (what the recorded version generated), ours (the file on disk) and theirs (what this
 * version generates) are merged three ways.
 */
import { diff3Merge } from 'node-diff3';
import { contentHash } from '../plan/record.js';

export type FileAction =
  /** A file this version generates that the project lacks: written. */
  | { kind: 'added'; path: string; content: string }
  /** Never changed by the user: replaced by the new version. */
  | { kind: 'replaced'; path: string; content: string }
  /** Changed on both sides, without overlap: the merge is written. */
  | { kind: 'merged'; path: string; content: string }
  /** Changed on both sides in the same lines: written with conflict markers. */
  | { kind: 'conflict'; path: string; content: string; conflicts: number }
  /** Deleted by the user, and changed by the templates since: stays deleted. */
  | { kind: 'kept-deleted'; path: string }
  /** No longer generated: left where it is. */
  | { kind: 'no-longer-generated'; path: string };

export interface MergeInput {
  path: string;
  base?: string;
  ours?: string;
  theirs?: string;
  /** The hash the record gives the file as generated. */
  recorded?: string;
  /** Names the new side in conflict markers: "create-connect-extension 0.2.0". */
  label: string;
}

const lines = (text: string) => text.split(/(?<=\n)/);

/** Merges ours and theirs from base, line by line; overlapping changes become git-style conflict blocks. */
function threeWayMerge(ours: string, base: string, theirs: string, label: string): { content: string; conflicts: number } {
  const regions = diff3Merge(lines(ours), lines(base), lines(theirs), { excludeFalseConflicts: true });
  let conflicts = 0;
  const out: string[] = [];
  const block = (text: string[]) => {
    const joined = text.join('');
    out.push(joined.endsWith('\n') || joined === '' ? joined : `${joined}\n`);
  };
  for (const region of regions) {
    if (region.ok) out.push(region.ok.join(''));
    else if (region.conflict) {
      conflicts++;
      out.push('<<<<<<< yours\n');
      block(region.conflict.a);
      out.push('=======\n');
      block(region.conflict.b);
      out.push(`>>>>>>> ${label}\n`);
    }
  }
  return { content: out.join(''), conflicts };
}

/** What updating one file does, or nothing when it needs nothing. */
export function planFileUpdate({ path, base, ours, theirs, recorded, label }: MergeInput): FileAction | undefined {
  if (theirs === undefined) {
    return base !== undefined && ours !== undefined ? { kind: 'no-longer-generated', path } : undefined;
  }
  if (ours === undefined) {
    if (base === undefined) return { kind: 'added', path, content: theirs };
    // Deleted: it stays so; worth a word only when the templates changed it since.
    return base === theirs ? undefined : { kind: 'kept-deleted', path };
  }
  if (ours === theirs) return undefined;
  const pristine = recorded !== undefined ? contentHash(ours) === recorded : ours === base;
  if (pristine && base !== undefined) return { kind: 'replaced', path, content: theirs };
  const merged = threeWayMerge(ours, base ?? '', theirs, label);
  if (merged.conflicts > 0) return { kind: 'conflict', path, content: merged.content, conflicts: merged.conflicts };
  return merged.content === ours ? undefined : { kind: 'merged', path, content: merged.content };
}
