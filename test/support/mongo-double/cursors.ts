/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * Server-side cursors: results are materialised when the query runs and handed out as
 * `firstBatch` / `nextBatch`; cursor id 0 means exhausted.
 */
import { calculateObjectSize, Long } from 'bson';
import { CommandError } from './errors.js';
import type { Doc } from './values.js';

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

interface OpenCursor {
  ns: string;
  remaining: Doc[];
}

export class CursorRegistry {
  private readonly open = new Map<bigint, OpenCursor>();
  private nextId = 1000n;

  /** Cursor reply fields `{ cursor: { firstBatch, id, ns } }` for a query's full result. */
  firstBatch(ns: string, results: Doc[], options: { batchSize?: number; singleBatch?: boolean } = {}): Doc {
    const remaining = [...results];
    const batch = takeBatch(remaining, options.batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0n;
    if (remaining.length > 0 && !options.singleBatch) {
      id = this.nextId++;
      this.open.set(id, { ns, remaining });
    }
    return { cursor: { firstBatch: batch, id: Long.fromBigInt(id), ns } };
  }

  /** `getMore` reply; without a batch size the rest of the results (up to 16 MiB) are returned. */
  getMore(ns: string, id: bigint, batchSize: number | undefined): Doc {
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError(43, `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new CommandError(13, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    const batch = takeBatch(cursor.remaining, batchSize || Infinity);
    if (cursor.remaining.length === 0) this.open.delete(id);
    return { cursor: { nextBatch: batch, id: Long.fromBigInt(cursor.remaining.length === 0 ? 0n : id), ns } };
  }

  /** Closes cursors; returns the ids that were open and those that were not. */
  kill(ids: bigint[]): { killed: bigint[]; notFound: bigint[] } {
    const killed = ids.filter((id) => this.open.delete(id));
    return { killed, notFound: ids.filter((id) => !killed.includes(id)) };
  }

  clear(): void {
    this.open.clear();
  }
}

/** Removes and returns up to `count` documents (at least one, at most ~16 MiB) from the front. */
function takeBatch(remaining: Doc[], count: number): Doc[] {
  let taken = 0;
  let bytes = 0;
  while (taken < count && taken < remaining.length) {
    bytes += calculateObjectSize(remaining[taken] as Doc);
    if (taken > 0 && bytes > MAX_BATCH_BYTES) break;
    taken++;
  }
  return remaining.splice(0, taken);
}
