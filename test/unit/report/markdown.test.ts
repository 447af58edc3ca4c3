import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../../harness/report/console.ts';
import { renderMarkdown } from '../../../harness/report/markdown.ts';
import { report } from '../../helpers/run-report.ts';


describe('summary.md and console', () => {
  it('summary.md has the versions, counts, matrix and failure details', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('Dapr CLI 1.16.5, runtime 1.18.2. 1 passed, 1 failed, 1 skipped, 1 flaky.');
    expect(md).toContain('| language | sdk | http |');
    expect(md).toContain('| python | passed (1.6s) | flaky, 2 attempts (4.2s) |');
    expect(md).toContain('## go/sdk: failed');
    expect(md).toContain('```diff\n-a\n+b\n```');
    expect(md).toContain('- `expected/rust-sdk.txt`');
  });
  it('the console ends with the matrix and the counts', () => {
    const text = renderConsole(report, 'artifacts');
    expect(text).toContain('✖ go/sdk failed: output differs');
    expect(text).toMatch(/python\s+passed \(1\.6s\)\s+flaky, 2 attempts \(4\.2s\)/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed, 1 skipped, 1 flaky — reports in artifacts');
  });
});
