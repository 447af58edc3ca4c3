// What changed since last night: the marks, their order, the exit rule and a bad baseline file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import type { RunReport, SampleResult, SampleStatus } from '../../../harness/model.ts';
import { BaselineError, CHANGE_LABEL, compareWithBaseline, lastDurations, loadBaseline, markChanges, sampleKey } from '../../../harness/report/baseline.ts';
import { exitCode, failed } from '../../../harness/report/exit-code.ts';
import { renderConsole } from '../../../harness/report/console.ts';
import { renderMarkdown } from '../../../harness/report/markdown.ts';

cleanTempDirsAfterAll();

const s = (id: string, status: SampleStatus, extra: Partial<SampleResult> = {}): SampleResult =>
  ({ id, language: id.split('/')[0] as SampleResult['language'], variant: id.split('/')[1] as SampleResult['variant'], status, durationMs: 1000, attempts: 1, ...extra }) as SampleResult;
const report = (samples: SampleResult[], runtime = '1.18.2'): RunReport => ({
  dapr: { cli: '1.16.5', runtime }, startedAt: '2026-11-28T02:00:00.000Z', durationMs: 1, samples,
  parity: { ok: true, expected: { secret: 'x' }, problems: [], checked: samples.length }, orphanGoldens: [],
});

describe('compareWithBaseline', () => {
  const last = report([s('go/http', 'passed'), s('go/sdk', 'failed'), s('java/sdk', 'failed'), s('python/sdk', 'passed'), s('csharp/sdk', 'skipped')]);
  const now = report([s('go/http', 'failed', { reason: 'boom' }), s('go/sdk', 'failed'), s('java/sdk', 'passed'), s('python/sdk', 'flaky'), s('csharp/sdk', 'skipped'), s('javascript/sdk', 'passed')]);

  it('marks each sample × version', () => {
    expect(Object.fromEntries(compareWithBaseline(now, last))).toEqual({
      '1.16.5@1.18.2 go/http': 'new-failure',
      '1.16.5@1.18.2 go/sdk': 'still-failing',
      '1.16.5@1.18.2 java/sdk': 'fixed',
      '1.16.5@1.18.2 python/sdk': 'unchanged',
      '1.16.5@1.18.2 csharp/sdk': 'unchanged',
      '1.16.5@1.18.2 javascript/sdk': 'new',
    });
  });

  it('puts new failures first and counts the changes; reports show them', () => {
    const marked = markChanges(now, last, 'last/report.json');
    expect(marked.samples[0]).toMatchObject({ id: 'go/http', change: 'new-failure' });
    expect(marked.baseline).toEqual({ file: 'last/report.json', startedAt: last.startedAt, newFailures: 1, fixed: 1, stillFailing: 1, parityNewlyFailed: false });
    expect(renderConsole(marked, 'out')).toContain('✖ go/http failed [NEW FAILURE]: boom');
    expect(renderConsole(marked, 'out')).toContain('since the baseline (last/report.json, run 2026-11-28T02:00:00.000Z): 1 new failure(s), 1 fixed, 1 still failing');
    const md = renderMarkdown(marked);
    expect(md).toContain('- **NEW FAILURE**: go/http — boom');
    expect(md).toContain('- **fixed**: java/sdk');
    expect(md.indexOf('## Changes')).toBeLessThan(md.indexOf('## go/http'));
  });

  it('--fail-on new fails only on new failures; any fails on every failure', () => {
    const marked = markChanges(now, last, 'b');
    expect(failed(marked, 'new')).toBe(true);
    const onlyOld = markChanges(report([s('go/sdk', 'failed')]), last, 'b');
    expect(failed(onlyOld, 'new')).toBe(false);
    expect(failed(onlyOld, 'any')).toBe(true);
    // Without a baseline, --fail-on new cannot tell new from old: every failure counts.
    expect(failed(report([s('go/sdk', 'failed')]), 'new')).toBe(true);
  });

  it('--fail-on new fails on a parity failure the baseline did not have, and only then', () => {
    const parityFails = (r: RunReport): RunReport => ({ ...r, parity: { ...r.parity, ok: false, problems: ['go/http: returned {}'] } });
    const now = parityFails(report([s('go/http', 'passed')]));
    const newly = markChanges(now, report([s('go/http', 'passed')]), 'b');
    expect(newly.baseline?.parityNewlyFailed).toBe(true);
    expect(failed(newly, 'new')).toBe(true);
    expect(renderConsole(newly, 'out')).toContain('0 new failure(s), 0 fixed, 0 still failing; parity FAILED, where the baseline passed it');
    const old = markChanges(now, parityFails(report([s('go/http', 'passed')])), 'b');
    expect(old.baseline?.parityNewlyFailed).toBe(false);
    expect(failed(old, 'new')).toBe(false);
    expect(failed(old, 'any')).toBe(true);
    // A baseline with no parity verdict (hand-made, or older) excuses nothing.
    const { parity: _, ...noVerdict } = report([s('go/http', 'passed')]);
    expect(failed(markChanges(now, noVerdict as RunReport, 'b'), 'new')).toBe(true);
    // Parity passing now is never a new failure, whatever the baseline said.
    expect(markChanges(report([s('go/http', 'passed')]), parityFails(report([s('go/http', 'passed')])), 'b').baseline?.parityNewlyFailed).toBe(false);
  });

  it('--fail-on new: a building block whose parity fails now and held in the baseline is a new failure', () => {
    const block = (ok: boolean) => ({ block: 'pub_sub', rule: 'ids', ok, facts: {}, problems: ok ? [] : ['x'], checked: 2 });
    const now = { ...report([s('go/http', 'passed')]), blocks: [block(false)] };
    expect(markChanges(now, { ...report([s('go/http', 'passed')]), blocks: [block(true)] }, 'b').baseline?.parityNewlyFailed).toBe(true);
    expect(markChanges(now, { ...report([s('go/http', 'passed')]), blocks: [block(false)] }, 'b').baseline?.parityNewlyFailed).toBe(false);
  });

  it('matches on the sample id when the baseline ran other Dapr versions', () => {
    expect(Object.fromEntries(compareWithBaseline(report([s('go/http', 'failed')], '1.19.0'), last))).toEqual({ '1.16.5@1.19.0 go/http': 'new-failure' });
  });
});

describe('loadBaseline', () => {
  const dir = tempDir('parity-baseline-');
  it('one line for a missing, a non-JSON and a non-report file', () => {
    expect(() => loadBaseline(path.join(dir, 'none.json'))).toThrow(/^--baseline .*none\.json: cannot be read \(ENOENT\); running without a baseline$/);
    writeFileSync(path.join(dir, 'bad.json'), '{');
    expect(() => loadBaseline(path.join(dir, 'bad.json'))).toThrow(/not JSON; running without a baseline$/);
    writeFileSync(path.join(dir, 'other.json'), '{"samples": 3}');
    expect(() => loadBaseline(path.join(dir, 'other.json'))).toThrow(/not a parity report\.json/);
    writeFileSync(path.join(dir, 'ok.json'), JSON.stringify(report([])));
    expect(loadBaseline(path.join(dir, 'ok.json')).dapr.cli).toBe('1.16.5');
  });
});

describe('exitCode', () => {
  const base = { dapr: { cli: '1', runtime: '1' }, startedAt: '', durationMs: 0, orphanGoldens: [], parity: { ok: true, expected: {}, problems: [], checked: 1 } };
  const ok = { ...base, samples: [{ id: 'go/http', language: 'go', variant: 'http', status: 'passed', durationMs: 1, attempts: 1 }] } as unknown as RunReport;
  const bad = { ...ok, samples: [{ ...ok.samples[0]!, status: 'failed' }] } as RunReport;
  it('is 0 for a clean run, 1 for a failed sample or failed parity, 130/143 for a signal', () => {
    expect(exitCode(ok, { failOn: 'any' })).toBe(0);
    expect(exitCode(bad, { failOn: 'any' })).toBe(1);
    expect(exitCode({ ...ok, parity: { ...ok.parity, ok: false } }, { failOn: 'any' })).toBe(1);
    expect(exitCode(ok, { failOn: 'any', interrupted: 'SIGINT' })).toBe(130);
    expect(exitCode(bad, { failOn: 'any', interrupted: 'SIGTERM' })).toBe(143);
  });
  it('with --fail-on new and a baseline, only new failures fail', () => {
    const still = { ...bad, samples: [{ ...bad.samples[0]!, change: 'still-failing' }], baseline: { file: 'b', startedAt: '', newFailures: 0, fixed: 0, stillFailing: 1 } } as RunReport;
    expect(exitCode(still, { failOn: 'new' })).toBe(0);
    expect(exitCode({ ...still, samples: [{ ...still.samples[0]!, change: 'new-failure' }] }, { failOn: 'new' })).toBe(1);
    expect(exitCode(still, { failOn: 'any' })).toBe(1);
  });
});

describe('the marks, pinned', () => {
  it('labels each change as the reports print it', () => {
    expect(CHANGE_LABEL).toEqual({ 'new-failure': 'NEW FAILURE', fixed: 'fixed', 'still-failing': 'still failing', unchanged: 'unchanged', new: 'not in the baseline' });
  });
  it('keys a sample on its own Dapr versions when it has them, else the report\'s', () => {
    const r = report([]);
    expect(sampleKey(s('go/http', 'passed'), r)).toBe('1.16.5@1.18.2 go/http');
    expect(sampleKey(s('go/http', 'passed', { dapr: { cli: '1.15.0', runtime: '1.17.1' } }), r)).toBe('1.15.0@1.17.1 go/http');
  });
  it('prefers the same versions\' result over another version\'s of the same id', () => {
    // The other version's result comes last, so matching on the id alone would pick it.
    const last = report([s('go/http', 'passed'), s('go/http', 'failed', { dapr: { cli: '1.16.5', runtime: '1.17.0' } })]);
    expect(Object.fromEntries(compareWithBaseline(report([s('go/http', 'failed')]), last))).toEqual({ '1.16.5@1.18.2 go/http': 'new-failure' });
  });
  it('a sample that failed before and is skipped now is unchanged, not fixed', () => {
    expect(Object.fromEntries(compareWithBaseline(report([s('go/http', 'skipped')]), report([s('go/http', 'failed')])))).toEqual({ '1.16.5@1.18.2 go/http': 'unchanged' });
    expect(Object.fromEntries(compareWithBaseline(report([s('go/http', 'flaky')]), report([s('go/http', 'failed')])))).toEqual({ '1.16.5@1.18.2 go/http': 'fixed' });
  });
  it('moves new failures to the front and keeps the others in their order', () => {
    const last = report([s('a/x', 'passed'), s('b/x', 'passed'), s('c/x', 'passed'), s('d/x', 'passed')]);
    const now = report([s('a/x', 'passed'), s('b/x', 'failed'), s('c/x', 'passed'), s('d/x', 'failed')]);
    expect(markChanges(now, last, 'b').samples.map((x) => `${x.id} ${x.change}`)).toEqual(['b/x new-failure', 'd/x new-failure', 'a/x unchanged', 'c/x unchanged']);
    expect(markChanges(now, last, 'b').baseline).toMatchObject({ newFailures: 2, fixed: 0, stillFailing: 0 });
  });
});

describe('loadBaseline, what it refuses', () => {
  const dir = tempDir('parity-baseline-');
  const write = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  it('names the error code of a file it cannot read', () => {
    expect(() => loadBaseline(dir)).toThrow(`--baseline ${dir}: cannot be read (EISDIR); running without a baseline`);
  });
  it('refuses JSON that is not a report: null, no samples list, no Dapr versions, no CLI version', () => {
    const msg = (f: string) => `--baseline ${f}: not a parity report.json (no samples or dapr versions); running without a baseline`;
    for (const [name, text] of [['null.json', 'null'], ['list.json', '{"samples":{},"dapr":{"cli":"1"}}'], ['nodapr.json', '{"samples":[]}'], ['nocli.json', '{"samples":[],"dapr":{"cli":1}}']] as const) {
      const f = write(name, text);
      expect(() => loadBaseline(f), name).toThrow(msg(f));
    }
    expect(() => loadBaseline(write('bad2.json', 'nope'))).toThrow(`--baseline ${path.join(dir, 'bad2.json')}: not JSON; running without a baseline`);
    expect(loadBaseline(write('min.json', '{"samples":[],"dapr":{"cli":"1"}}'))).toEqual({ samples: [], dapr: { cli: '1' } });
  });
  it('is a BaselineError, which the CLI prints as one line', () => {
    expect(() => loadBaseline(path.join(dir, 'none.json'))).toThrow(BaselineError);
    expect(new BaselineError('x').name).toBe('BaselineError');
  });
});

describe('lastDurations', () => {
  it('reads each sample that ran and its time from the last report; nothing from no report or a broken one', () => {
    const dir = tempDir('parity-last-durations-');
    const file = path.join(dir, 'report.json');
    expect(lastDurations(file)).toEqual({});
    writeFileSync(file, JSON.stringify({ ...report([{ ...s('go/http', 'passed'), durationMs: 4200 }, { ...s('csharp/http', 'skipped'), durationMs: 0 }]) }));
    expect(lastDurations(file)).toEqual({ 'go/http': 4200 });
    writeFileSync(file, '{');
    expect(lastDurations(file)).toEqual({});
  });
});
