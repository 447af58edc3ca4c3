// Temp folders a test file makes, removed by the file's own afterAll (registered on first use, in
// the file that asked), so a run leaves nothing in the temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

/** A fresh folder under the temp folder; call at a file's top level or in a test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this module instance. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Registers removeTempDirs for the calling file: call once at its top level. */
export function cleanTempDirsAfterAll(): void {
  afterAll(removeTempDirs);
}
