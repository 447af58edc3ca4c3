// The project's own quickstart page (docs/secrets-quickstart.md) is validated against the real
// samples, component, secrets file and goldens, so this repository's docs cannot drift either.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../../harness/docs/checks/index.ts';
import { labelToLanguage as labelLanguage } from '../../../../harness/docs/languages.ts';
import { parsePage } from '../../../../harness/docs/parse.ts';
import { loadWorkspace } from '../../../../harness/docs/workspace.ts';
import { loadManifest } from '../../../../harness/samples/manifest.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const PAGE = path.join(ROOT, 'docs/secrets-quickstart.md');

describe('docs/secrets-quickstart.md', () => {
  const ws = loadWorkspace(loadManifest(ROOT));
  const page = parsePage(readFileSync(PAGE, 'utf8'));
  const findings = runChecks(page, ws);

  it('has one tab per language of the manifest, in the usual order', () => {
    expect(page.groups.map((g) => g.labels)).toEqual([['Python', 'JavaScript', '.NET', 'Java', 'Go']]);
  });

  it('validates with no error and no warning', () => {
    // The only allowance: a sample whose golden does not exist yet (csharp, while no machine with
    // .NET has recorded it) is reported as golden-missing, and only while the file is truly absent.
    const pending = findings.filter((f) => f.id === 'golden-missing');
    for (const f of pending) {
      const sample = ws.samples.find((s) => s.spec.language === f.language && s.spec.variant === 'sdk')!;
      expect(existsSync(sample.spec.golden), `${sample.spec.golden} exists, so the page's output must be checked`).toBe(false);
    }
    expect(findings.filter((f) => f.id !== 'golden-missing')).toEqual([]);
  });

  it('checks every output block that has a golden: corrupting any one of them is an error at its line', () => {
    const text = readFileSync(PAGE, 'utf8');
    const outputs = page.blocks.filter((b) => b.lang === 'text' && /output/i.test(b.heading?.text ?? ''));
    expect(outputs).toHaveLength(5);
    const checked = outputs.filter((b) => {
      const sample = ws.samples.find((s) => s.spec.variant === 'sdk' && s.spec.language === labelLanguage(b.tab?.label ?? ''));
      return sample?.golden !== undefined;
    });
    expect(checked.length).toBeGreaterThanOrEqual(4);
    for (const block of checked) {
      // Replace the block's first line with a line no sample prints.
      const lines = text.split('\n');
      lines[block.valueLine - 1] = 'Fetched Secret: not what any sample prints';
      const corrupt = runChecks(parsePage(lines.join('\n')), ws).filter((f) => f.id === 'output-content-drift');
      expect(corrupt.map((f) => f.line), `output block at line ${block.valueLine}`).toEqual([block.valueLine]);
    }
  });
});
