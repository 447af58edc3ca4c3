// Reads the runnable steps a README marks up for mechanical-markdown (`mm.py`): an HTML comment
// `<!-- STEP` holding a YAML header, the fenced bash/sh blocks after it, then `<!-- END_STEP -->`.
// Pure: text in, steps out. Parsed with remark like the docs pages, so a marker inside a code
// block is left alone, and every step and block keeps its README line.
import type { Code, Html, Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import YAML from 'yaml';
import type { CodeBlock } from '../docs/parse.ts';
import { ExpectedError } from '../expected-error.ts';

/** The block languages mm.py runs (any other fence inside a step is prose to it). */
export const MM_SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'shell-script']);

export interface MmStepHeader {
  name: string;
  expectedStdoutLines: string[];
  expectedStderrLines: string[];
  /** `null`: any code is accepted. mm.py's default is 0. */
  expectedReturnCode: number | null;
  outputMatchMode: 'exact' | 'substring';
  matchOrder: 'sequential' | 'none';
  background: boolean;
  sleep: number;
  /** Unset: mm.py's default, 300 s. */
  timeoutSeconds?: number;
  /** Unset: where mm.py is started, which by convention is the README's folder. */
  workingDir?: string;
  env: Record<string, string>;
  tags: string[];
}

export interface MmStep {
  /** README line of `<!-- STEP`. */
  line: number;
  header: MmStepHeader;
  /** The step's bash/sh blocks, in order; each is run by its own `bash -c`. */
  blocks: CodeBlock[];
}

export class MmStepError extends ExpectedError {
  override name = 'MmStepError';
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/** The bodies of the `<!-- … -->` comments in some html, joined. A scan, not a lazy regex: an unclosed `<!--` must not rescan the rest. */
function commentBodies(html: string): string {
  let out = '';
  for (let at = html.indexOf('<!--'); at >= 0;) {
    const end = html.indexOf('-->', at + 4);
    if (end < 0) break;
    out += html.slice(at + 4, end);
    at = html.indexOf('<!--', end + 3);
  }
  return out;
}

function strings(v: unknown, key: string, line: number): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new MmStepError(line, `"${key}" must be a list of lines`);
  return v.map((x) => String(x));
}

function header(yamlText: string, line: number): MmStepHeader {
  let raw: unknown;
  try {
    raw = YAML.parse(yamlText) ?? {};
  } catch (err) {
    throw new MmStepError(line, `the STEP header is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new MmStepError(line, 'the STEP header must be YAML keys');
  const h = raw as Record<string, unknown>;
  const mode = h.output_match_mode ?? 'exact';
  if (mode !== 'exact' && mode !== 'substring') throw new MmStepError(line, `output_match_mode must be exact or substring, not "${String(mode)}"`);
  const order = h.match_order ?? 'sequential';
  if (order !== 'sequential' && order !== 'none') throw new MmStepError(line, `match_order must be sequential or none, not "${String(order)}"`);
  const env = h.env ?? {};
  if (typeof env !== 'object' || Array.isArray(env)) throw new MmStepError(line, '"env" must be a map of names to values');
  const code = h.expected_return_code === undefined ? 0 : h.expected_return_code;
  return {
    name: h.name === undefined || h.name === null ? '' : String(h.name),
    expectedStdoutLines: strings(h.expected_stdout_lines, 'expected_stdout_lines', line),
    expectedStderrLines: strings(h.expected_stderr_lines, 'expected_stderr_lines', line),
    expectedReturnCode: code === null ? null : Number(code),
    outputMatchMode: mode,
    matchOrder: order,
    background: h.background === true,
    sleep: Number(h.sleep ?? 0),
    ...(h.timeout_seconds !== undefined ? { timeoutSeconds: Number(h.timeout_seconds) } : {}),
    ...(h.working_dir !== undefined ? { workingDir: String(h.working_dir) } : {}),
    env: Object.fromEntries(Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
    tags: strings(h.tags, 'tags', line),
  };
}

function toBlock(node: Code): CodeBlock {
  const line = node.position!.start.line;
  return {
    lang: (node.lang ?? '').toLowerCase(),
    meta: node.meta ?? '',
    value: node.value,
    line,
    valueLine: line + 1,
    offset: node.position!.start.offset ?? 0,
    heading: undefined,
    lead: '',
    tab: undefined,
  };
}

/** Every html and code node, in document order, except inline html inside paragraphs (mm.py sees block html only). */
function walk(node: Nodes, out: (Html | Code)[]): void {
  if (node.type === 'html' || node.type === 'code') {
    out.push(node);
    return;
  }
  if (node.type === 'paragraph' || node.type === 'heading') return;
  if ('children' in node) for (const child of node.children) walk(child as Nodes, out);
}

/** The steps of one README, as mm.py would run them. Throws MmStepError (with the line) on a malformed step. */
export function parseMmSteps(markdown: string): MmStep[] {
  const tree = unified().use(remarkParse).parse(markdown) as Root;
  const nodes: (Html | Code)[] = [];
  walk(tree, nodes);
  const steps: MmStep[] = [];
  let open: MmStep | undefined;
  for (const node of nodes) {
    const line = node.position!.start.line;
    if (node.type === 'code') {
      if (open && MM_SHELL_LANGS.has((node.lang ?? '').toLowerCase())) open.blocks.push(toBlock(node));
      continue;
    }
    const body = commentBodies(node.value);
    // As in mm.py: END_STEP is looked for first, since it contains STEP.
    if (body.includes('END_STEP')) {
      if (!open) throw new MmStepError(line, '<!-- END_STEP --> with no open <!-- STEP -->');
      steps.push(open);
      open = undefined;
      continue;
    }
    const at = body.indexOf('STEP');
    if (at < 0) continue;
    if (open) throw new MmStepError(line, `<!-- STEP --> while the step of line ${open.line} is still open (no <!-- END_STEP --> between them)`);
    open = { line, header: header(body.slice(at + 'STEP'.length), line), blocks: [] };
  }
  if (open) throw new MmStepError(open.line, 'this <!-- STEP --> has no <!-- END_STEP -->');
  return steps;
}

/** Whether a README has any mechanical-markdown step, without parsing it. */
export function hasMmSteps(markdown: string): boolean {
  const open = markdown.indexOf('<!--');
  return open >= 0 && /\bSTEP\b/.test(markdown.slice(open));
}
