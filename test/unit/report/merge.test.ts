import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport, SampleResult } from '../../../harness/model.ts';
import { InputError } from '../../../harness/input-error.ts';
import { checkParity } from '../../../harness/parity/check.ts';
import { exitCode } from '../../../harness/report/exit-code.ts';
import { mergeReports } from '../../../harness/report/merge.ts';
import { renderMarkdown } from '../../../harness/report/markdown.ts';
import { mergeReportsCommand } from '../../../harness/commands/merge-reports.ts';
import { loadManifest } from '../../../harness/samples/manifest.ts';
import { parseShard, shardSamples } from '../../../harness/samples/shard.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

const manifest = loadManifest(path.join(import.meta.dirname, '..', '..', '..'));
const ids = manifest.samples.map((s) => s.id).sort();

describe('--shard', () => {
  it('parses i/n and refuses anything else with one line', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3', '-1/2']) expect(() => parseShard(bad), bad).toThrow(InputError);
  });

  for (const n of [1, 2, 3, 4, 16]) {
    it(`shards of ${n} cover every sample of the manifest exactly once`, () => {
      const shards = Array.from({ length: n }, (_, k) => shardSamples(manifest.samples, { index: k + 1, count: n }).map((s) => s.id));
      expect(shards.flat().sort()).toEqual(ids);
      // Balanced: no shard has more than one sample over another.
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    });
  }

  it('is the same split whatever order the samples come in', () => {
    const reversed = [...manifest.samples].reverse();
    expect(shardSamples(reversed, { index: 1, count: 2 }).map((s) => s.id)).toEqual(shardSamples(manifest.samples, { index: 1, count: 2 }).map((s) => s.id));
  });

  it('puts the two Java samples on different shards of 2 (a mix of languages per job)', () => {
    const first = shardSamples(manifest.samples, { index: 1, count: 2 }).map((s) => s.id);
    expect(first.filter((id) => id.startsWith('java/'))).toHaveLength(1);
  });
});

const result = (id: string, over: Partial<SampleResult> = {}): SampleResult => {
  const [language, variant] = id.split('/') as [SampleResult['language'], SampleResult['variant']];
  return { id, language, variant, status: 'passed', durationMs: 1000, attempts: 1, output: 'Fetched Secret: x\n', parsedSecret: { secret: 'S' }, ...over } as SampleResult;
};
const report = (samples: SampleResult[], startedAt: string, durationMs: number, orphanGoldens: string[] = []): RunReport => ({
  dapr: { cli: '1.16.5', runtime: '1.18.2' }, startedAt, durationMs, samples,
  parity: { ok: true, expected: { secret: 'S' }, problems: [], checked: samples.length }, orphanGoldens,
});

describe('merge-reports', () => {
  const whole = ids.map((id) => result(id));
  const shard = (k: number) => shardSamples(whole, { index: k, count: 2 });
  const a = report(shard(1), '2026-11-29T10:00:00.000Z', 5000, ['expected/x.txt']);
  const b = report(shard(2), '2026-11-29T10:00:02.000Z', 6000, ['expected/x.txt']);

  it('the merge of two shards holds the sample set of an unsharded run, in matrix order', () => {
    const merged = mergeReports([{ report: a, from: 'A' }, { report: b, from: 'B' }]);
    expect(merged.samples.map((s) => s.id).sort()).toEqual(ids);
    expect(merged.samples[0]!.language).toBe('python');
    expect(merged.startedAt).toBe('2026-11-29T10:00:00.000Z');
    expect(merged.durationMs).toBe(8000);
    expect(merged.orphanGoldens).toEqual(['expected/x.txt']);
    expect(merged.parity).toEqual({ ok: true, expected: { secret: 'S' }, problems: [], checked: ids.length });
  });

  it('lists the samples in the manifest\'s order when given it, as an unsharded run does', () => {
    const order = manifest.samples.map((s) => s.id);
    const merged = mergeReports([{ report: b, from: 'B' }, { report: a, from: 'A' }], order);
    expect(merged.samples.map((s) => s.id)).toEqual(order);
  });

  it('checks parity again over all of them: a disagreement in one shard fails the merge', () => {
    const bad = report([...shard(2).slice(1), result(shard(2)[0]!.id, { parsedSecret: { secret: 'other' } })], '2026-11-29T10:00:02.000Z', 6000);
    const merged = mergeReports([{ report: a, from: 'A' }, { report: bad, from: 'B' }]);
    expect(merged.parity.ok).toBe(false);
    expect(merged.parity.problems[0]).toContain('returned {"secret":"other"}');
  });

  it('keeps every sample\'s phases and wait on a claim, so the merged summary lists the slowest of all shards', () => {
    const timed = (r: RunReport, ms: number) => ({ ...r, samples: r.samples.map((s, i) => ({ ...s, durationMs: ms + i, phases: { 'install: npm ci (app)': ms + i }, ...(i === 0 ? { queued: { ms: 7000, claim: 'port:8080', heldBy: 'other' } } : {}) })) });
    const merged = mergeReports([{ report: JSON.parse(JSON.stringify(timed(a, 1000))) as RunReport, from: 'A' }, { report: timed(b, 50_000), from: 'B' }]);
    const first = merged.samples.find((s) => s.id === b.samples[0]!.id)!;
    expect(first.phases).toEqual({ 'install: npm ci (app)': 50_000 });
    expect(first.queued).toEqual({ ms: 7000, claim: 'port:8080', heldBy: 'other' });
    expect(merged.samples.find((s) => s.id === a.samples[0]!.id)!.queued).toEqual({ ms: 7000, claim: 'port:8080', heldBy: 'other' });
    expect(renderMarkdown(merged)).toContain(`| ${b.samples[0]!.id} | 50.0s | install: npm ci (app) 50.0s | 7.0s (port 8080 held by other) |`);
  });

  it('refuses overlapping shards and reports of different Dapr versions, naming the folders', () => {
    expect(() => mergeReports([{ report: a, from: 'A' }, { report: a, from: 'A2' }])).toThrow(/A2: sample .* is also in A/);
    const other = { ...b, dapr: { cli: '1.16.5', runtime: '1.17.0' } };
    expect(() => mergeReports([{ report: a, from: 'A' }, { report: other, from: 'B' }])).toThrow(/B: ran .*daprd 1\.17\.0/);
    expect(() => mergeReports([])).toThrow(InputError);
  });
});

describe('merge-reports over per-sample secrets files', () => {
  // A tree where one sample reads a secrets file of its own, holding another value than the tree's.
  function shardsOnDisk(): { root: string; dirs: string[]; whole: RunReport } {
    const root = tempDir('parity-merge-');
    mkdirSync(path.join(root, 'samples', 'go', 'http'), { recursive: true });
    writeFileSync(path.join(root, 'secrets.json'), JSON.stringify({ secret: 'S' }));
    writeFileSync(path.join(root, 'samples', 'go', 'http', 'secrets.json'), JSON.stringify({ secret: 'own' }));
    const samples = ids.map((id) => (id === 'go/http'
      ? result(id, { parsedSecret: { secret: 'own' }, secretsFile: 'samples/go/http/secrets.json' })
      : result(id, { secretsFile: 'secrets.json' })));
    const perFile = { 'secrets.json': { secret: 'S' }, 'samples/go/http/secrets.json': { secret: 'own' } };
    // What one unsharded run over all of them says.
    const whole = { ...report(samples, '2026-11-29T10:00:00.000Z', 5000), parity: checkParity(samples, { secret: 'S' }, perFile) };
    const dirs = [1, 2].map((k) => {
      const dir = path.join(root, `shard-${k}`);
      mkdirSync(dir);
      const part = shardSamples(samples, { index: k, count: 2 });
      const own = { ...report(part, '2026-11-29T10:00:00.000Z', 5000), parity: checkParity(part, { secret: 'S' }, perFile) };
      writeFileSync(path.join(dir, 'report.json'), JSON.stringify(own));
      return dir;
    });
    return { root, dirs, whole };
  }

  /** The command as `parity merge-reports` runs it, its summary caught instead of printed. */
  async function mergeCommand(dirs: string[], out: string, root: string): Promise<{ code: number; printed: string }> {
    let printed = '';
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => { printed += chunk; return true; }) as typeof process.stdout.write;
    try {
      return { code: await mergeReportsCommand(dirs, { reportDir: out, root }), printed };
    } finally {
      process.stdout.write = write;
    }
  }

  it('gives the verdict and exit code of one unsharded run', async () => {
    const { root, dirs, whole } = shardsOnDisk();
    expect(whole.parity.ok).toBe(true);
    const out = path.join(root, 'merged');
    const { code } = await mergeCommand(dirs, out, root);
    const merged = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as RunReport;
    expect(merged.parity.problems).toEqual([]);
    expect(merged.parity).toEqual(whole.parity);
    expect(code).toBe(exitCode(whole, { failOn: 'any' }));
    expect(code).toBe(0);
  });

  it('exits 1 when a sample of one shard failed, as the unsharded run would', async () => {
    const { root, dirs } = shardsOnDisk();
    // Shard 2 as a run whose first sample failed (its parity still fine: the rest agree).
    const file = path.join(dirs[1]!, 'report.json');
    const shard = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
    const failed = { ...shard.samples[0]!, status: 'failed', reason: 'output differs from the golden' } as SampleResult;
    writeFileSync(file, JSON.stringify({ ...shard, samples: [failed, ...shard.samples.slice(1)] }));
    const out = path.join(root, 'merged');
    const { code, printed } = await mergeCommand(dirs, out, root);
    const merged = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as RunReport;
    expect(merged.samples.find((s) => s.id === failed.id)?.status).toBe('failed');
    expect(printed).toContain(`${ids.length - 1} passed, 1 failed`);
    expect(code, printed).toBe(1);
  });
});
