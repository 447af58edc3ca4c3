// The harness's cache folder (built Dapr binaries, probe results, parse caches, install stamps).
import os from 'node:os';
import path from 'node:path';

/** $PARITY_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache, /dapr-quickstart-parity. */
export function cacheRoot(): string {
  if (process.env.PARITY_CACHE_DIR) return path.resolve(process.env.PARITY_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'dapr-quickstart-parity');
}
