// Writes a file so that a reader sees the old content or the new one, never a part: a temp file
// beside it, then a rename. The temp file is removed when anything fails.
import { rmSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeDirsSync } from './make-dirs.ts';

export function writeFileAtomicSync(file: string, content: string | NodeJS.ArrayBufferView): void {
  // Not mkdirSync's recursive mode: it spins forever on a path like /proc/x (see make-dirs.ts).
  makeDirsSync(path.dirname(file));
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
