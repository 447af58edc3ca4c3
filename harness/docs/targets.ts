// Which sample a block on the page is compared with, and what kind of block it is. Pure.
import type { Language, Variant } from '../model.ts';
import type { CodeBlock, DocPage, TabRef } from './parse.ts';
import { SHELL_LANGS } from './shell.ts';
import { codeLangToLanguage, labelToLanguage, mentionsHttp } from './languages.ts';
import { sampleFor, type SampleFiles, type Workspace } from './workspace.ts';

export type BlockRole = 'shell' | 'source' | 'yaml' | 'json' | 'output' | 'unlabelled' | 'other';

/** Info strings an output block may carry (none at all is the usual one). */
export const OUTPUT_LANGS = new Set(['', 'text', 'txt', 'plaintext', 'plain', 'output', 'log', 'none']);

/** True when the block's heading or the sentence before it talks about output. */
export function aboutOutput(block: CodeBlock): boolean {
  return /\boutputs?\b/i.test(block.heading?.text ?? '') || /\boutputs?\b/i.test(block.lead);
}

export function roleOf(block: CodeBlock): BlockRole {
  if (SHELL_LANGS.has(block.lang)) return 'shell';
  if (block.lang === 'yaml' || block.lang === 'yml') return 'yaml';
  if (block.lang === 'json' || block.lang === 'jsonc') return 'json';
  if (codeLangToLanguage(block.lang)) return 'source';
  if (OUTPUT_LANGS.has(block.lang) && aboutOutput(block)) return 'output';
  if (block.lang === '') return 'unlabelled';
  return 'other';
}

export interface Target {
  language: Language | undefined;
  variant: Variant;
  sample: SampleFiles | undefined;
}

export function tabLanguage(tab: TabRef | undefined): Language | undefined {
  return tab?.label === undefined ? undefined : labelToLanguage(tab.label);
}

/** A block is compared with `<language>/sdk` unless its tab label or heading says HTTP. */
export function targetOf(block: CodeBlock, ws: Workspace): Target {
  const language = tabLanguage(block.tab);
  const variant: Variant = mentionsHttp(block.tab?.label) || mentionsHttp(block.heading?.text) ? 'http' : 'sdk';
  return { language, variant, sample: language ? sampleFor(ws, language, variant) : undefined };
}

/** Blocks of a role that sit in a language tab with a sample to compare with. */
export function targetedBlocks(page: DocPage, ws: Workspace, role: BlockRole): { block: CodeBlock; language: Language; sample: SampleFiles }[] {
  return page.blocks.flatMap((block) => {
    if (roleOf(block) !== role) return [];
    const t = targetOf(block, ws);
    return t.language && t.sample ? [{ block, language: t.language, sample: t.sample }] : [];
  });
}
