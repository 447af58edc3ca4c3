import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport, SampleResult } from '../../../harness/model.ts';
import { anchors, blockOf, esc, fileHref, renderHtml } from '../../../harness/report/html.ts';
import { report } from '../../helpers/run-report.ts';

const DIR = path.resolve('artifacts');

describe('report.html', () => {
  it('escapes every text it shows: a reason holding markup stays text', () => {
    const html = renderHtml(report, DIR);
    expect(html).toContain('output differs from expected/go-sdk.txt &lt;&amp;&gt;');
    expect(html).not.toContain('<&>');
    expect(esc(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });

  it('fetches nothing: one file, a CSP that forbids every load, no src= or external href', () => {
    const html = renderHtml(report, DIR);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/\ssrc=|<link\b|@import|url\(/);
    expect(html.match(/href="[^"]*"/g)!.every((h) => !/^href="(https?:)?\/\//.test(h))).toBe(true);
  });

  it('links each matrix cell to its sample, and shows a failed sample with its diff, lines marked', () => {
    const html = renderHtml(report, DIR);
    expect(html).toContain('<td class="st failed"><a href="#sample-go-sdk">failed (1.3s)</a></td>');
    expect(html).toMatch(/<section class="sample failed" id="sample-go-sdk"[^>]*>[\s\S]*<h4>Diff against the golden<\/h4><pre class="diff"><span class="del">-a<\/span>\n<span class="add">\+b<\/span><\/pre>/);
    expect(html).toContain('<td class="st none">—</td>');
  });

  it('shows the skip reason in full and links the raw log relative to the report folder', () => {
    const html = renderHtml(report, DIR);
    expect(html).toContain('<pre class="reason">dotnet not found: install the .NET 8 SDK</pre>');
    expect(html).toContain('<a class="log" href="logs/go-sdk/run.log">logs/go-sdk/run.log</a>');
    expect(fileHref('/r/shard-1/logs/a b/run.log', '/r/merged')).toBe('../shard-1/logs/a%20b/run.log');
  });

  it('says every phase of a sample that has them, in order', () => {
    const timed: RunReport = { ...report, samples: [{ ...report.samples[0]!, phases: { install: 1200, sidecar: 800, app: 300 } }] };
    expect(renderHtml(timed, DIR)).toContain('<tr><th>phase</th><th>install</th><th>sidecar</th><th>app</th></tr><tr><th>time</th><td>1.2s</td><td>0.8s</td><td>0.3s</td></tr>');
  });

  it('groups the matrix by block when results carry one, and reads a result without one as ungrouped', () => {
    const blocked = { ...report, samples: report.samples.map((s, i) => ({ ...s, block: i < 2 ? 'secrets' : 'state <x>' })) } as RunReport;
    const html = renderHtml(blocked, DIR);
    expect(html.match(/<table class="matrix">/g)).toHaveLength(2);
    expect(html).toContain('<caption>secrets</caption>');
    expect(html).toContain('<caption>state &lt;x&gt;</caption>');
    expect(blockOf(report.samples[0]!)).toBeUndefined();
    expect(blockOf({ ...report.samples[0]!, block: 7 } as unknown as SampleResult)).toBeUndefined();
  });

  it('gives every result its own anchor, even the same sample on two Dapr versions or twice', () => {
    const s = report.samples[0]!;
    const twice = [{ ...s, dapr: { cli: '1.16.5', runtime: '1.18.2' } }, { ...s, dapr: { cli: '1.18.0', runtime: '1.18.3' } }, s, { ...s }];
    expect([...anchors(twice).values()]).toEqual(['sample-python-sdk-1.16.5-1.18.2', 'sample-python-sdk-1.18.0-1.18.3', 'sample-python-sdk', 'sample-python-sdk-2']);
  });

  it('given a baseline, says what changed first, with links to the samples that moved', () => {
    const marked: RunReport = {
      ...report,
      samples: report.samples.map((s) => (s.id === 'go/sdk' ? { ...s, change: 'new-failure' as const } : s)),
      baseline: { file: 'last/report.json', startedAt: 'then', newFailures: 1, fixed: 0, stillFailing: 0 },
    };
    const html = renderHtml(marked, DIR);
    expect(html.indexOf('<section id="changes">')).toBeLessThan(html.indexOf('<section id="matrix">'));
    expect(html).toMatch(/<section id="changes">.*1 new failure\(s\).*<a href="#sample-go-sdk">go\/sdk<\/a>/);
    expect(html).toContain('<a href="#sample-go-sdk">failed (1.3s)</a> <b class="tag">new</b>');
  });

  it('shows each Dapr pair of a version matrix as a column, with that pair\'s parity', () => {
    const pairs = [{ cli: '1.16.5', runtime: '1.18.2' }, { cli: '1.18.0', runtime: '1.18.3' }];
    const s = report.samples[0]!;
    const matrix: RunReport = {
      ...report,
      samples: pairs.map((dapr) => ({ ...s, dapr })),
      matrix: pairs.map((dapr, i) => ({ dapr, durationMs: 1, parity: { ...report.parity, ok: i === 0, problems: i === 0 ? [] : ['python/sdk returned x'] } })),
    };
    const html = renderHtml(matrix, DIR);
    expect(html).toContain('<th>sample / dapr cli@runtime</th><th>1.16.5@1.18.2</th><th>1.18.0@1.18.3</th>');
    expect(html).toContain('<li>1.18.0@1.18.3: FAILED<br>python/sdk returned x</li>');
  });
});
