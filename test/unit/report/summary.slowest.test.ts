// The slowest samples with their phases: the table summary.md and report.html show, the console's
// one line, and a sample's wait on another's claim shown beside its own time, not in it.
import { describe, expect, it } from 'vitest';
import type { RunReport, SampleResult } from '../../../harness/model.ts';
import { renderConsole } from '../../../harness/report/console.ts';
import { renderHtml } from '../../../harness/report/html.ts';
import { renderMarkdown } from '../../../harness/report/markdown.ts';
import { slowestLine, slowestRows, summarySections } from '../../../harness/report/summary.ts';
import { withClaimWait } from '../../../harness/runner.ts';
import { report } from '../../helpers/run-report.ts';

const sample = (n: number, over: Partial<SampleResult> = {}): SampleResult => ({
  id: `block/s${n}`, block: 'block', language: 'go', variant: 'sdk', status: 'passed', durationMs: n * 1000, attempts: 1,
  output: '', filtered: {}, retries: [], phases: { toolchains: 1, services: 100 + n, [`step 2 (run: Run ${n})`]: n * 900 }, ...over,
} as SampleResult);

/** Twelve samples, s12 the slowest; s3 waited 40 s on s12's port, longer than it ran. */
function twelve(): RunReport {
  const samples = Array.from({ length: 12 }, (_, i) => sample(i + 1));
  samples[2] = withClaimWait(samples[2]!, { ms: 40_000, claim: 'port:8080', heldBy: 'block/s12' });
  return { ...report, samples: [...samples, { ...report.samples[2]!, durationMs: 99_000, phases: { toolchains: 99_000 } }] };
}

describe('the slowest samples', () => {
  it('are the ten slowest by their own time, each with its three longest phases, a skipped one never', () => {
    const rows = slowestRows(twelve());
    expect(rows.map((r) => r.sample.id)).toEqual(['block/s12', 'block/s11', 'block/s10', 'block/s9', 'block/s8', 'block/s7', 'block/s6', 'block/s5', 'block/s4', 'block/s3']);
    expect(rows[0]).toMatchObject({ totalMs: 12_000, top: [['step 2 (run: Run 12)', 10_800], ['services', 112], ['toolchains', 1]] });
  });
  it('keep a wait on a claim out of the time and the phases, and say it beside them', () => {
    const s3 = slowestRows(twelve()).at(-1)!;
    expect(s3.totalMs).toBe(3000);
    expect(s3.top.map(([name]) => name)).not.toContain('waiting for claim');
    expect(s3.queued).toEqual({ ms: 40_000, claim: 'port:8080', heldBy: 'block/s12' });
    expect(s3.sample.phases).toMatchObject({ 'waiting for claim': 40_000 });
    expect(Object.keys(s3.sample.phases!)[0]).toBe('waiting for claim');
    expect(s3.sample.notes).toEqual(['queued 40.0s before it started (claim: port 8080 held by block/s12)']);
    expect(withClaimWait(sample(1), undefined)).toEqual(sample(1));
  });
  it('are a table in summary.md and report.html, and one short line on the console', () => {
    const md = renderMarkdown(twelve());
    expect(md).toContain('## Slowest samples\n\n| sample | time | longest phases | queued on a claim |\n| --- | --- | --- | --- |\n| block/s12 | 12.0s | step 2 (run: Run 12) 10.8s, services 0.1s, toolchains 0.0s |  |');
    expect(md).toContain('| block/s3 | 3.0s | step 2 (run: Run 3) 2.7s, services 0.1s, toolchains 0.0s | 40.0s (port 8080 held by block/s12) |');
    expect(md.match(/^\| block\/s\d+ \|/gm)).toHaveLength(10);
    const html = renderHtml(twelve(), '/r');
    expect(html).toContain('<h2>Slowest samples</h2>');
    expect(html).toContain('<tr><td><a href="#sample-block-block-s3">block/s3</a></td><td>3.0s</td><td>step 2 (run: Run 3) 2.7s, services 0.1s, toolchains 0.0s</td><td>40.0s (port 8080 held by block/s12)</td></tr>');
    const text = renderConsole(twelve(), 'out');
    expect(text).toContain(`\n${slowestLine(twelve())}\n`);
    expect(text).not.toContain('Slowest samples');
    expect(slowestLine(twelve())).toBe('slowest: block/s12 12.0s (step 2 (run: Run 12) 10.8s), block/s11 11.0s (step 2 (run: Run 11) 9.9s), block/s10 10.0s (step 2 (run: Run 10) 9.0s)');
  });
  it('are no table when nothing ran', () => {
    const skipped: RunReport = { ...report, samples: [report.samples[2]!] };
    expect(summarySections(skipped).map((s) => s.kind)).not.toContain('slowest');
  });
});
