// Semantic comparison of two parsed YAML/JSON values, with the path of each difference and the
// page line it sits on. Pure. Map key order and formatting never count; list order does.
import YAML, { LineCounter } from 'yaml';

export type PathPart = string | number;

export interface Difference {
  path: PathPart[];
  kind: 'changed' | 'missing' | 'extra';
  page: unknown;
  file: unknown;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function diffValues(page: unknown, file: unknown, at: PathPart[] = []): Difference[] {
  if (Array.isArray(page) && Array.isArray(file)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(page.length, file.length); i++) {
      if (i >= page.length) out.push({ path: [...at, i], kind: 'missing', page: undefined, file: file[i] });
      else if (i >= file.length) out.push({ path: [...at, i], kind: 'extra', page: page[i], file: undefined });
      else out.push(...diffValues(page[i], file[i], [...at, i]));
    }
    return out;
  }
  if (isMap(page) && isMap(file)) {
    const out: Difference[] = [];
    const keys = [...new Set([...Object.keys(page), ...Object.keys(file)])];
    for (const k of keys) {
      if (!(k in file)) out.push({ path: [...at, k], kind: 'extra', page: page[k], file: undefined });
      else if (!(k in page)) out.push({ path: [...at, k], kind: 'missing', page: undefined, file: file[k] });
      else out.push(...diffValues(page[k], file[k], [...at, k]));
    }
    return out;
  }
  // JSON text equality: scalars by value, and a map never equals a list ({} vs []).
  return JSON.stringify(page) === JSON.stringify(file) ? [] : [{ path: at, kind: 'changed', page, file }];
}

/** `spec.metadata[0].value` */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out || '(the whole document)';
}

export function show(v: unknown): string {
  if (v === undefined) return 'absent';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export function describeDifference(d: Difference, fileLabel: string): string {
  const where = formatPath(d.path);
  if (d.kind === 'extra') return `${where} is ${show(d.page)} on the page but absent from ${fileLabel}`;
  if (d.kind === 'missing') return `${where} (${show(d.file)} in ${fileLabel}) is missing from the page`;
  return `${where} is ${show(d.page)} on the page but ${show(d.file)} in ${fileLabel}`;
}

export interface ParsedBlock {
  value: unknown;
  /** 0-based line within the block text of the node at a path (or its nearest existing parent). */
  lineOf(path: readonly PathPart[]): number;
}

/** Parses YAML (or JSON, a subset) keeping positions. Throws the parser's error on invalid text. */
export function parseWithPositions(text: string, opts: { json?: boolean } = {}): ParsedBlock[] {
  const lc = new LineCounter();
  const docs = YAML.parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  const out: ParsedBlock[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw doc.errors[0];
    const value = opts.json ? (JSON.parse(text) as unknown) : doc.toJS();
    out.push({
      value,
      lineOf(path) {
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
          const offset = node?.range?.[0];
          if (offset !== undefined) return lc.linePos(offset).line - 1;
        }
        return 0;
      },
    });
  }
  return out;
}
