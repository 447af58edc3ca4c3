// Writes a file so that a reader sees the old content or the new one, never a part: a temp file
// beside it, then a rename. The temp file is removed when anything fails.
import { mkdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomicSync(file: string, content: string | NodeJS.ArrayBufferView): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
