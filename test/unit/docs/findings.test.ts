
import { describe, expect, it } from 'vitest';
import { formatFinding, formatJson, formatText, makeReport, summaryLine, type Finding } from '../../../harness/docs/findings.ts';

describe('findings output', () => {
  const f: Finding[] = [
    { id: 'deprecated-flag', severity: 'warning', language: 'go', line: 9, message: 'm2', fix: 'f2' },
    { id: 'excerpt-mismatch', severity: 'error', language: 'python', line: 12, message: 'm1\nmore', fix: 'f1' },
    { id: 'no-front-matter', severity: 'warning', language: null, line: 1, message: 'm0', fix: 'f0' },
  ];
  it('groups text by page then language, one line per finding, then the summary', () => {
    expect(formatText(makeReport('p.md', f, ['python', 'go']))).toBe([
      'page',
      '  warning  L1  no-front-matter  m0 — fix: f0',
      'python',
      '  error  L12  excerpt-mismatch  m1 ⏎ more — fix: f1',
      'go',
      '  warning  L9  deprecated-flag  m2 — fix: f2',
      '1 error, 2 warnings',
      '',
    ].join('\n'));
    expect(formatFinding(f[0]!)).toBe('  warning  L9  deprecated-flag  m2 — fix: f2');
    expect(summaryLine({ errors: 0, warnings: 0, info: 2 })).toBe('0 errors, 0 warnings, 2 info');
  });
  it('prints JSON as { page, findings, summary }', () => {
    const j = JSON.parse(formatJson(makeReport('p.md', f))) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['page', 'findings', 'summary']);
    expect(j.summary).toEqual({ errors: 1, warnings: 2, info: 0 });
  });
});
