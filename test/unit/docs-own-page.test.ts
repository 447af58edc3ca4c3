// The project's own quickstart page (docs/secrets-quickstart.md) is validated against the real
// samples, component, secrets file and goldens, so this repository's docs cannot drift either.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../harness/docs/checks/index.ts';
import { parsePage } from '../../harness/docs/parse.ts';
import { loadWorkspace } from '../../harness/docs/workspace.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
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

  it('checks every output block it can: one per language with a golden', () => {
    const withGolden = ws.samples.filter((s) => s.spec.variant === 'sdk' && s.golden !== undefined).length;
    const outputs = page.blocks.filter((b) => b.lang === 'text' && /output/i.test(b.heading?.text ?? '')).length;
    expect(outputs).toBe(5);
    expect(withGolden).toBeGreaterThanOrEqual(4);
  });
});
