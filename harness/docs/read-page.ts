// Reads a page from disk, refusing what is not a markdown text file with one clear reason.
import { promises as fs } from 'node:fs';

export type PageRead = { ok: true; text: string } | { ok: false; reason: string };

/** Pure: decides whether bytes are a readable text page. */
export function decodePage(bytes: Uint8Array): PageRead {
  if (bytes.includes(0)) return { ok: false, reason: 'is a binary file (it holds NUL bytes), not a markdown page' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'is not UTF-8 text' };
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') return { ok: false, reason: 'is empty' };
  return { ok: true, text: text.replace(/^\uFEFF/, '') };
}

export async function readPage(file: string): Promise<PageRead> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { ok: false, reason: 'is a directory, not a markdown page' };
    // A pipe or device would block the read (or never end): only a regular file is a page.
    if (!stat.isFile()) return { ok: false, reason: 'is not a regular file, not a markdown page' };
    return decodePage(await fs.readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'no such file' };
    if (code === 'EACCES') return { ok: false, reason: 'cannot be read (permission denied)' };
    return { ok: false, reason: `cannot be read (${(err as Error).message})` };
  }
}

/** The markdown pages under a folder, at any depth, sorted; generated and hidden folders left out. */
export async function pagesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const todo = [dir];
  while (todo.length) {
    const d = todo.pop()!;
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) todo.push(p);
      else if (e.isFile() && /\.md$/i.test(e.name)) out.push(p);
    }
  }
  return out.sort();
}
