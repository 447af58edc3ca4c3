// The references a user reads are kept true: every manifest field is documented, the findings
// page is the catalogue rendered, and every finding a check reports is in the catalogue with the
// catalogue's severity.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../harness/docs/checks/index.ts';
import { FINDING_IDS, renderFindingReference } from '../../../harness/docs/finding-ids.ts';
import { parsePage } from '../../../harness/docs/parse.ts';
import { loadWorkspace } from '../../../harness/docs/workspace.ts';
import { DEFAULT_FILTERS } from '../../../harness/output/filters.ts';
import { loadManifest, manifestFieldPaths } from '../../../harness/samples/manifest.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

describe('docs/manifest.md', () => {
  it('documents every field of the manifest schema in its tables', () => {
    const doc = read('docs/manifest.md');
    const documented = new Set([...doc.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]));
    const fields = manifestFieldPaths();
    expect(fields.length).toBeGreaterThan(15);
    expect(fields.filter((f) => !documented.has(f))).toEqual([]);
    // …and documents nothing the schema does not have.
    expect([...documented].filter((f) => !fields.includes(f!))).toEqual([]);
  });
  it('names exactly the default line filters under filtersOff', () => {
    const row = read('docs/manifest.md').split('\n').find((l) => l.startsWith('| `samples[].filtersOff` |'));
    const named = [...(row ?? '').split('by name:')[1]?.split('(see')[0]?.matchAll(/`([^`]+)`/g) ?? []].map((m) => m[1]);
    expect(named).toEqual([...new Set(DEFAULT_FILTERS.map((f) => f.name))]);
  });
  it('is linked from the README', () => {
    expect(read('README.md')).toContain('docs/manifest.md');
  });
});

describe('docs/findings.md', () => {
  it('is the finding catalogue rendered (run `npm run docs:reference` after changing it)', () => {
    expect(read('docs/findings.md')).toBe(renderFindingReference());
    expect(read('README.md')).toContain('docs/findings.md');
  });

  it('every catalogued id is reported somewhere in the checker', () => {
    const dir = path.join(ROOT, 'harness/docs');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('finding-ids.ts'));
    const source = files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    expect(Object.keys(FINDING_IDS).filter((id) => !source.includes(`'${id}'`))).toEqual([]);
  });

  it('findings on every fixture page carry their catalogue severity', () => {
    const fixtures = path.join(ROOT, 'test/fixtures/docs');
    const ws = loadWorkspace(loadManifest(path.join(fixtures, 'tree')));
    const pages = readdirSync(fixtures).filter((f) => f.endsWith('.md'));
    let seen = 0;
    for (const page of pages) {
      for (const f of runChecks(parsePage(readFileSync(path.join(fixtures, page), 'utf8')), ws)) {
        seen++;
        expect(f.severity, `${page}: ${f.id}`).toBe(FINDING_IDS[f.id].severity);
      }
    }
    expect(seen).toBeGreaterThan(20);
  });
});
