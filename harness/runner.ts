// Runs the selected samples: toolchain check, cached install, `dapr run` (retried only for
// infrastructure causes), split/normalize/compare, parity. Returns the one result model every
// reporter reads.
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import type { DaprBinaries } from './dapr/provision.ts';
import { createIsolatedHome } from './dapr/home.ts';
import type { Manifest, RunReport, SampleResult, SampleSpec } from './model.ts';
import { compareWithGolden } from './golden/compare.ts';
import { orphanGoldens, readGolden, writeGoldenAtomic } from './golden/store.ts';
import { normalizeLines } from './output/normalize.ts';
import { pathRedactions, VOLATILE_REDACTIONS } from './output/redactions.ts';
import { shapeForCli, splitDaprOutput } from './output/split.ts';
import { expectedSecret, parseSecretOutput, sameMap } from './parity/parse-secret.ts';
import { runUnderDapr, type DaprRunOutcome } from './run/dapr-run.ts';
import { pathWith } from './run/shell-step.ts';
import { daprdFatal, infraCause } from './run/infra.ts';
import { installSample, tail } from './samples/install.ts';
import { toolchain } from './samples/toolchains.ts';

export const SECRET_KEY = 'secret';

/**
 * The 1.16 CLI copies app output with goroutines that cmd.Wait() can cut off when the app exits:
 * the tail of a fast app's output may never be printed. When an app that exited 0 printed a strict
 * prefix of its golden (nothing at all included), that is the known CLI race, retried (and so
 * reported flaky if it then passes); a real regression fails on every attempt. Pure.
 */
export function lostOutputCause(shape: string | undefined, output: string, golden: string | undefined): string | undefined {
  if (shape !== 'prefixed' || golden === undefined || output === golden || !golden.startsWith(output)) return undefined;
  return 'the dapr CLI (1.16 and older) printed only part of the app\'s output before it exited (its known output race at app exit)';
}

/** Install errors that come from the network, not the sample: worth one more try. */
const TRANSIENT_INSTALL_ERROR = /ETIMEDOUT|ECONNRESET|EAI_AGAIN|Could not transfer artifact|TLS handshake timeout|connection reset/i;

export interface RunOptions {
  manifest: Manifest;
  samples: SampleSpec[];
  dapr: DaprBinaries;
  reportDir: string;
  update: boolean;
  strict: boolean;
  concurrency: number;
  /** Overrides every sample's timeout (ms). */
  timeoutMs?: number;
  /** A fixed daprd HTTP port for every sample (reproducing a port clash); normally chosen free. */
  httpPort?: number;
  /** How many extra attempts an infrastructure failure gets. */
  retries: number;
  log: (line: string) => void;
  signal?: AbortSignal;
}

class SampleFailure extends Error {
  constructor(message: string, readonly extra: Partial<SampleResult> = {}) {
    super(message);
  }
}

/** Infrastructure trouble worth another attempt; carries its cause for the log. */
class InfraFailure extends Error {}

function safeName(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]+/g, '-');
}

function rawLog(outcome: DaprRunOutcome, cwd: string): string {
  return [
    `# cwd: ${cwd}`,
    `# command: ${outcome.argv.map((a) => (a === '' || /\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`,
    `# exit: ${outcome.exitCode ?? outcome.signal}${outcome.timedOut ? ' (timed out)' : ''}, ${outcome.durationMs} ms`,
    '',
    outcome.all,
  ].join('\n');
}

async function runOne(sample: SampleSpec, opts: RunOptions, runtimePath: string): Promise<SampleResult> {
  const started = Date.now();
  const base = { id: sample.id, language: sample.language, variant: sample.variant };
  const logDir = path.join(opts.reportDir, 'logs', safeName(sample.id));
  await fs.mkdir(logDir, { recursive: true });

  // 1. Toolchains: missing means skipped (or failed with --strict), never passed.
  const tools = await Promise.all(sample.toolchains.map(toolchain));
  const missing = tools.filter((t) => !t.version);
  if (missing.length) {
    const reason = `${missing.map((t) => t.name).join(', ')} not found: ${missing.map((t) => t.hint).join('; ')}`;
    return { ...base, status: opts.strict ? 'failed' : 'skipped', durationMs: Date.now() - started, attempts: 0, reason: opts.strict ? `--strict: ${reason}` : reason };
  }

  // 2. Install, cached on its inputs; a transient failure (network) gets one more try.
  const install1 = () => installSample(sample, { logDir, toolchainVersions: tools.map((t) => `${t.name}@${t.version}`), onStep: opts.log });
  let install = await install1();
  if (!install.ok && TRANSIENT_INSTALL_ERROR.test(install.error ?? '')) {
    opts.log(`${sample.id}: install failed on what looks like a network error, retrying once`);
    install = await install1();
  }
  if (!install.ok) {
    return { ...base, status: 'failed', durationMs: Date.now() - started, attempts: 0, reason: install.error, logFile: install.logFile };
  }

  // 3. Run under the real dapr; only infrastructure causes are retried.
  const retries: { attempt: number; retryCause?: string }[] = [];
  const logFile = path.join(logDir, 'run.log');
  const shape = shapeForCli(opts.dapr.cli.version);
  const redactions = [...pathRedactions({ root: opts.manifest.root, home: os.homedir(), tmp: os.tmpdir() }), ...VOLATILE_REDACTIONS];
  let attempts = 0;
  const golden = await readGolden(sample.golden);
  try {
    const result = await pRetry(async (attempt) => {
      attempts = attempt;
      const outcome = await runUnderDapr({
        cli: opts.dapr.cli.path,
        runtimePath,
        appId: sample.appId,
        resourcesPath: opts.manifest.components,
        command: sample.run,
        cwd: sample.dir,
        env: { ...sample.env, PATH: pathWith(sample.pathPrepend) },
        timeoutMs: opts.timeoutMs ?? sample.timeoutMs,
        httpPort: opts.httpPort,
        signal: opts.signal,
      });
      const attemptLog = attempt === 1 ? logFile : path.join(logDir, `run.attempt-${attempt}.log`);
      // run.log is always the last attempt; keep the first one's log (the evidence of why a flaky
      // sample was retried) as run.attempt-1.log before run.log is overwritten.
      if (attempt === 2) await fs.copyFile(logFile, path.join(logDir, 'run.attempt-1.log'));
      await fs.writeFile(attemptLog, rawLog(outcome, sample.dir));
      if (attempt > 1) await fs.copyFile(attemptLog, logFile);
      if (outcome.aborted) throw new AbortError(new SampleFailure('interrupted (SIGINT/SIGTERM to the harness); every process it started was ended', { logFile }));
      const split = splitDaprOutput(`${outcome.stdout}\n${outcome.stderr}`, shape);
      const output = normalizeLines(split.app, redactions);

      if (outcome.timedOut) {
        throw new AbortError(new SampleFailure(`timed out after ${Math.round((opts.timeoutMs ?? sample.timeoutMs) / 1000)}s; every process it started was ended`, { output, logFile }));
      }
      const infra = infraCause(outcome, split);
      if (infra) throw new InfraFailure(infra);
      if (outcome.exitCode !== 0) {
        const fatal = daprdFatal(split);
        const last = tail(split.app.join('\n'), 5).split('\n').filter(Boolean).slice(-1)[0];
        // The CLI's first ❌ line is the cause when neither daprd nor the app said anything
        // (e.g. `fork/exec …/daprd: permission denied`: daprd never started).
        const cliError = split.cli.find((l) => l.startsWith('❌'))?.replace(/^❌\s*/u, '');
        const why = fatal ? `daprd failed: ${fatal}` : last ? `the app printed: ${last}` : cliError ? `the dapr CLI said: ${cliError}` : 'no output from the app';
        throw new AbortError(new SampleFailure(`dapr run exited ${outcome.exitCode ?? outcome.signal}; ${why}`, { output, logFile }));
      }
      // On the last attempt the output stands as it is, and the golden verdict (with its diff) says why.
      const lost = opts.update ? undefined : lostOutputCause(shape, output, golden);
      if (lost && attempt <= opts.retries) throw new InfraFailure(lost);
      if (outcome.leftovers.length) {
        opts.log(`${sample.id}: ${outcome.leftovers.length} process(es) outlived dapr run and were ended: ${outcome.leftovers.join(', ')}`);
      }
      return { output };
    }, {
      retries: opts.retries,
      minTimeout: 500,
      factor: 2,
      shouldRetry: (err) => err instanceof InfraFailure,
      onFailedAttempt: (err) => {
        if (err instanceof InfraFailure && err.retriesLeft > 0) {
          retries.push({ attempt: err.attemptNumber, retryCause: err.message });
          opts.log(`${sample.id}: attempt ${err.attemptNumber} hit an infrastructure failure (${err.message}); retrying`);
        }
      },
    });

    // 4. Golden.
    const label = path.relative(opts.manifest.root, sample.golden);
    const verdict = compareWithGolden(result.output, golden, label);
    const parsed = parseSecretOutput(result.output, SECRET_KEY);
    const common = { ...base, durationMs: Date.now() - started, attempts, logFile, output: result.output, retries, parsedSecret: parsed.ok ? parsed.map : undefined, parityError: parsed.ok ? undefined : parsed.error };
    if (opts.update && verdict.kind !== 'match') {
      await writeGoldenAtomic(sample.golden, result.output);
      opts.log(`${sample.id}: golden ${label} ${verdict.kind === 'missing' ? 'created' : 'updated'}`);
    } else if (verdict.kind === 'missing') {
      return { ...common, status: 'failed', reason: `no golden at ${label}: run \`npx parity run ${sample.id} --update\` to create it, read it, then commit it` };
    } else if (verdict.kind === 'mismatch') {
      return { ...common, status: 'failed', reason: `output differs from ${label} (accept with \`npx parity run ${sample.id} --update\`)`, diff: verdict.diff };
    }
    if (!parsed.ok) return { ...common, status: 'failed', reason: `parity: ${parsed.error}` };
    if (attempts > 1) {
      return { ...common, status: 'flaky', reason: `passed on attempt ${attempts}; earlier: ${retries.map((r) => r.retryCause).join('; ')}` };
    }
    return { ...common, status: 'passed' };
  } catch (err) {
    const failure = err instanceof SampleFailure ? err : err instanceof InfraFailure
      ? new SampleFailure(`infrastructure failure after ${attempts} attempt(s): ${err.message}`, { logFile })
      : new SampleFailure(`harness error: ${(err as Error).message}`, { logFile });
    return { ...base, status: 'failed', durationMs: Date.now() - started, attempts, retries, reason: failure.message, logFile, ...failure.extra };
  }
}

/**
 * Every sample that ran must print what secrets.json holds for the key; one line per disagreement.
 * Checked on every sample that produced output, whatever its golden said, and never "ok" over
 * nothing: a run where no sample could be checked fails parity.
 */
export function checkParity(results: readonly SampleResult[], secrets: unknown): RunReport['parity'] {
  const want = expectedSecret(secrets, SECRET_KEY);
  const expected = want ?? {};
  const problems: string[] = [];
  if (!want) problems.push(`secrets file has no key "${SECRET_KEY}"`);
  let checked = 0;
  for (const r of results) {
    if (r.output === undefined) continue;
    checked++;
    if (!r.parsedSecret) problems.push(`${r.id}: ${r.parityError ?? 'printed no parsable secret'}`);
    else if (!sameMap(r.parsedSecret, expected)) problems.push(`${r.id}: returned ${JSON.stringify(r.parsedSecret)}, the secrets file holds ${JSON.stringify(expected)}`);
  }
  const runnable = results.filter((r) => r.status !== 'skipped').length;
  if (runnable > 0 && checked === 0) problems.push('no sample produced output to compare');
  return { ok: problems.length === 0, expected, problems, checked };
}

export async function runSamples(opts: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const home = await createIsolatedHome(opts.dapr.daprd.path);
  const limit = pLimit(Math.max(1, opts.concurrency));
  const width = Math.max(...opts.samples.map((s) => s.id.length));
  try {
    const results = await Promise.all(opts.samples.map((sample) => limit(async () => {
      if (opts.signal?.aborted) {
        return { id: sample.id, language: sample.language, variant: sample.variant, status: 'failed' as const, durationMs: 0, attempts: 0, reason: 'interrupted before it started' };
      }
      opts.log(`▶ ${sample.id.padEnd(width)}  started`);
      const r = await runOne(sample, opts, home.runtimePath);
      const mark = { passed: '✔', failed: '✖', skipped: '○', flaky: '⚠' }[r.status];
      opts.log(`${mark} ${sample.id.padEnd(width)}  ${r.status} in ${(r.durationMs / 1000).toFixed(1)}s${r.reason && r.status !== 'passed' ? ` — ${r.reason.split('\n')[0]}` : ''}`);
      return r;
    })));
    const secrets = JSON.parse(readFileSync(opts.manifest.secrets, 'utf8')) as unknown;
    const parity = checkParity(results, secrets);
    const owned = opts.manifest.samples.map((s) => s.golden);
    return {
      dapr: { cli: opts.dapr.cli.version, runtime: opts.dapr.daprd.version },
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      samples: results,
      parity,
      orphanGoldens: orphanGoldens(path.join(opts.manifest.root, 'expected'), owned).map((f) => path.relative(opts.manifest.root, f)),
    };
  } finally {
    await home.dispose();
  }
}
