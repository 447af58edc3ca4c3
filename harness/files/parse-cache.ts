// Parsed text kept across runs in the cache folder, keyed on a hash of the text: parsing
// samples.yaml with the yaml library costs ~25 ms of a cold start (its parser runs interpreted
// the first time), a fifth of what `parity run` does before it starts `dapr run`. Only a
// successful parse whose result survives JSON unchanged is kept, so a hit gives what the parser
// would; a parse that throws is never cached and throws again, with its own message.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot } from './cache-root.ts';
import { writeFileAtomicSync } from './write-atomic.ts';

/** True when JSON gives the value back exactly: plain objects, arrays, strings, finite numbers, booleans, null. */
export function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  // JSON.parse makes "__proto__" an own key, an object literal would not: keep such data out.
  return !Object.hasOwn(value, '__proto__') && Object.values(value).every(jsonSafe);
}

/** Where the parse of `text` under `kind` is kept. */
export function parseCacheFile(kind: string, text: string): string {
  const hash = createHash('sha256').update(kind).update('\0').update(text).digest('hex');
  return path.join(cacheRoot(), 'parsed', `${kind}-${hash.slice(0, 32)}.json`);
}

/**
 * `parse(text)`, from the cache when this text was parsed before. `kind` names the parser and
 * its settings: change it when they change, and earlier entries are no longer read.
 */
export function cachedParse(kind: string, text: string, parse: (text: string) => unknown): unknown {
  const file = parseCacheFile(kind, text);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Not cached yet, or unreadable: parse.
  }
  const value = parse(text);
  if (jsonSafe(value)) {
    try {
      writeFileAtomicSync(file, JSON.stringify(value));
    } catch {
      // A cache that cannot be written only costs the next run a parse.
    }
  }
  return value;
}
