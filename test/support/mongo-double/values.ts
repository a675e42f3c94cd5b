/**
 * TEST DOUBLE ONLY — part of the in-memory MongoDB wire-protocol server used by this
 * project's tests. Never shipped to users.
 *
 * BSON value semantics: type detection, MongoDB's cross-type sort order, equality (int, long
 * and double compare numerically) and canonical keys used for `_id` and unique indexes.
 */
import { Binary, BSONRegExp, Double, EJSON, Int32, Long, ObjectId, Timestamp } from 'bson';

/** A BSON document as the double stores it (numbers stay Int32 / Long / Double instances). */
export type Doc = Record<string, unknown>;

function bsonTypeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** True for an embedded document (not an array, Date or BSON value object). */
export function isDocument(value: unknown): value is Doc {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array) &&
    bsonTypeOf(value) === undefined
  );
}

/** The numeric value of a BSON number (Int32, Long, Double, Decimal128 or a JS number). */
export function numericValue(value: unknown): number | bigint | undefined {
  if (typeof value === 'number') return value;
  switch (bsonTypeOf(value)) {
    case 'Int32':
    case 'Double':
      return (value as Int32 | Double).value;
    case 'Long':
      return (value as Long).toBigInt();
    case 'Decimal128':
      return Number(String(value));
    default:
      return undefined;
  }
}

/** Truthiness of a flag-like argument (`true`, `1`, `1.0` …); missing, null, false and 0 are false. */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  const n = numericValue(value);
  return n === undefined || Number(n) !== 0;
}

export function isNumber(value: unknown): boolean {
  return numericValue(value) !== undefined;
}

/** Rank of a value's type in MongoDB's comparison order; `undefined` (missing) ranks as null. */
function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 2;
  if (typeof value === 'string') return 4;
  if (typeof value === 'boolean') return 9;
  if (Array.isArray(value)) return 6;
  if (value instanceof Date) return 10;
  if (isNumber(value)) return 3;
  switch (bsonTypeOf(value)) {
    case 'MinKey':
      return 1;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'Code':
      return 13;
    case 'MaxKey':
      return 100;
    default:
      return 5; // embedded document (and DBRef)
  }
}

/** True when both values are in the same comparison bracket (all numbers share one). */
export function sameTypeBracket(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b);
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function compareDocuments(a: Doc, b: Doc): number {
  const ea = Object.entries(a);
  const eb = Object.entries(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
    const [ka, va] = ea[i] as [string, unknown];
    const [kb, vb] = eb[i] as [string, unknown];
    const byType = typeRank(va) - typeRank(vb);
    if (byType !== 0) return Math.sign(byType);
    const byName = compareBytes(Buffer.from(ka), Buffer.from(kb));
    if (byName !== 0) return byName;
    const byValue = compareValues(va, vb);
    if (byValue !== 0) return byValue;
  }
  return Math.sign(ea.length - eb.length);
}

/** Total order over BSON values, following MongoDB's comparison/sort order. */
export function compareValues(a: unknown, b: unknown): number {
  const byType = typeRank(a) - typeRank(b);
  if (byType !== 0) return Math.sign(byType);
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== undefined && nb !== undefined) return compareNumbers(na, nb);
  if (typeof a === 'string' && typeof b === 'string') return compareBytes(Buffer.from(a), Buffer.from(b));
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return compareNumbers(a.getTime(), b.getTime());
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return Math.sign(a.length - b.length);
  }
  if (isDocument(a) && isDocument(b)) return compareDocuments(a, b);
  if (a instanceof ObjectId && b instanceof ObjectId) return compareBytes(a.id, b.id);
  if (a instanceof Binary && b instanceof Binary) {
    return Math.sign(a.position - b.position) || a.sub_type - b.sub_type || compareBytes(a.value(), b.value());
  }
  if (a instanceof Timestamp && b instanceof Timestamp) return compareNumbers(a.t, b.t) || compareNumbers(a.i, b.i);
  if (a instanceof BSONRegExp && b instanceof BSONRegExp) {
    return compareBytes(Buffer.from(a.pattern), Buffer.from(b.pattern)) || compareBytes(Buffer.from(a.options), Buffer.from(b.options));
  }
  return compareBytes(Buffer.from(canonicalKey(a)), Buffer.from(canonicalKey(b)));
}

function canonicalNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  return Number.isSafeInteger(n) ? BigInt(n).toString() : String(n);
}

/**
 * A string that is equal for two values exactly when MongoDB considers them equal
 * (so `1`, `NumberLong(1)` and `1.0` share a key). Used for `_id` and unique-index lookups.
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const n = numericValue(value);
  if (n !== undefined) return `n:${canonicalNumber(n)}`;
  if (typeof value === 'string') return `s:${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (isDocument(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalKey(v)}`)
      .join(',')}}`;
  }
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  return `${bsonTypeOf(value) ?? typeof value}:${EJSON.stringify(value as never, { relaxed: false })}`;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return canonicalKey(a) === canonicalKey(b);
}

/** Deep copy of a document or array; BSON leaf values are immutable in practice and are shared. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isDocument(value)) {
    const copy: Doc = {};
    for (const [k, v] of Object.entries(value)) copy[k] = cloneValue(v);
    return copy as T;
  }
  return value;
}

/** The same document with `_id` as its first field (where MongoDB stores it). */
export function withIdFirst(doc: Doc): Doc {
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** Relaxed Extended JSON rendering of a value, used in error messages. */
export function showValue(value: unknown): string {
  return EJSON.stringify(value as never, { relaxed: true });
}

/** A plain JS number from a command argument such as `limit` (undefined when absent). */
export function toJsNumber(value: unknown): number | undefined {
  const n = numericValue(value);
  return n === undefined ? undefined : Number(n);
}

/** BSON `Int32` when the integer fits, else `Long` — how the server types counters it computes. */
export function integerValue(n: bigint): Int32 | Long {
  return n >= -2147483648n && n <= 2147483647n ? new Int32(Number(n)) : Long.fromBigInt(n);
}

/** `a + b` keeping BSON number types: any non-integer type gives Double, any Long (or Int32 overflow) Long. */
export function addNumbers(a: unknown, b: unknown): Int32 | Long | Double {
  const x = numericValue(a) ?? 0;
  const y = numericValue(b) ?? 0;
  const integral = (v: unknown): boolean => v instanceof Int32 || v instanceof Long;
  if (!integral(a) || !integral(b)) return new Double(Number(x) + Number(y));
  const total = BigInt(x) + BigInt(y);
  return a instanceof Long || b instanceof Long ? Long.fromBigInt(total) : integerValue(total);
}
