// What run supervision (the reaper started with every run, the sweep for orphans) costs: `parity
// run <sample>` end to end, as a user types it, with supervision and with PARITY_REAPER=off,
// interleaved (on, off, off, on, …) so the machine's drift hits both alike; medians and spreads.
// Also the reaper's own CPU time, from the build and from the sources. Needs only the Dapr
// binaries and the samples' toolchains (not mechanical-markdown, which `npm run bench` installs
// from PyPI), so it runs where PyPI is unreachable.
//
//   npm run bench:reaper -- [--rounds 5] [--sample python/http --sample csharp/http]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, sample: { type: 'string', multiple: true } } });
const rounds = Number(values.rounds);
const samples = values.sample ?? ['python/http', 'csharp/http'];
const root = path.join(import.meta.dirname, '..');
const entry = path.join(root, 'harness', 'bin', 'parity.cjs');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

function parityRun(sample: string, supervised: boolean): number {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-report-'));
  const env = { ...process.env, PARITY_REAPER: supervised ? '' : 'off' };
  const t = performance.now();
  const r = spawnSync(process.execPath, [entry, 'run', '--report-dir', reportDir, sample], { cwd: root, env, encoding: 'utf8' });
  const ms = performance.now() - t;
  rmSync(reportDir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`parity run ${sample} exited ${r.status}:\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
  return ms;
}

/** user+system CPU of one reaper from start to exit (its pipe at end of file at once, nothing to end). */
function reaperCpuMs(noDist: boolean): number {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-reaper-'));
  const ledger = path.join(tmp, 'ledger');
  writeFileSync(ledger, '');
  const r = spawnSync('sh', ['-c', `node ${entry.replace('parity.cjs', 'reaper.cjs')} 00000000-1-1 ${ledger} </dev/null; cat /proc/$$/stat`], { env: { ...process.env, PARITY_NO_DIST: noDist ? '1' : '' }, encoding: 'utf8' });
  rmSync(tmp, { recursive: true, force: true });
  // The shell's cutime and cstime (fields 16, 17): its waited-for children, i.e. the reaper (and tsx's esbuild).
  const f = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
}

const results: Record<string, { on: number[]; off: number[] }> = {};
for (const s of samples) results[s] = { on: [], off: [] };
// One warm-up each: the first run of a sample builds its venv or restores its packages.
for (const s of samples) parityRun(s, true);
for (let round = 0; round < rounds; round++) {
  for (const s of samples) {
    const order = round % 2 === 0 ? [true, false] : [false, true];
    for (const on of order) {
      const ms = parityRun(s, on);
      results[s]![on ? 'on' : 'off'].push(ms);
      process.stderr.write(`round ${round + 1}/${rounds} ${s} ${on ? 'with' : 'without'} reaper: ${(ms / 1000).toFixed(2)} s\n`);
    }
  }
}
const lines = ['| sample | with reaper (median, spread) | without (median, spread) | difference |', '|---|---|---|---|'];
for (const [s, r] of Object.entries(results)) {
  const d = median(r.on) - median(r.off);
  lines.push(`| ${s} | ${(median(r.on) / 1000).toFixed(2)} s ± ${(spread(r.on) / 2000).toFixed(2)} | ${(median(r.off) / 1000).toFixed(2)} s ± ${(spread(r.off) / 2000).toFixed(2)} | ${d >= 0 ? '+' : ''}${Math.round(d)} ms (${((d / median(r.off)) * 100).toFixed(1)} %) |`);
}
const cpu = (noDist: boolean) => median([1, 2, 3, 4, 5].map(() => reaperCpuMs(noDist)));
lines.push('', `reaper's own CPU time, start to exit (median of 5): ${cpu(false)} ms from dist/, ${cpu(true)} ms from the sources (tsx)`);
const out = `${rounds} interleaved rounds on ${os.availableParallelism()} cores\n\n${lines.join('\n')}\n`;
process.stdout.write(out);
writeFileSync(path.join(root, 'artifacts', 'bench-reaper.md'), out);
