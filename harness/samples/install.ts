// Runs a sample's install steps, skipping a step whose inputs (file contents, command,
// toolchain versions) are unchanged since its last success and whose outputs still exist. The
// stamp lives in the sample folder, next to what the install produced.
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { InstallStep, SampleSpec } from '../model.ts';
import { runShellStep } from '../processes/shell-step.ts';
import { tailLines } from '../text/format.ts';
import { waitForLock } from '../lock.ts';
import { makeDirs } from '../files/make-dirs.ts';
import { GENERATED_DIRS } from '../files/generated-dirs.ts';
import { installKey, installStepUpToDate } from './install-key.ts';
import { unreachableRegistry, type UnreachableRegistry } from './unreachable-registry.ts';

export const STAMP_FILE = '.parity-install.json';
/** Held while anything installs into a sample folder: never two installs in one folder at once. */
export const INSTALL_LOCK_FILE = '.parity-install.lock';
export const INSTALL_TIMEOUT_MS = 15 * 60_000;

/** Install errors that come from the network, not the sample: worth one more try. */
const TRANSIENT_INSTALL_ERROR = /ETIMEDOUT|ECONNRESET|EAI_AGAIN|Could not transfer artifact|TLS handshake timeout|connection reset/i;

export interface InstallStepTime {
  run: string;
  ms: number;
  cached: boolean;
}

export interface InstallOutcome {
  ok: boolean;
  /** Steps run, and steps skipped because nothing changed. */
  ran: number;
  skipped: number;
  durationMs: number;
  /** Each step reached, in order: its time, and whether it was skipped as unchanged. */
  steps: InstallStepTime[];
  logFile: string;
  /** On failure: the failed command, exit code and the tail of its log. */
  error?: string;
  /** On failure: set when the output shows the package registry could not be reached at all. */
  unreachable?: UnreachableRegistry;
}


/** Every file under a folder, relative to `dir`, in name order. */
async function filesUnder(dir: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await fs.readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(rel, e.name);
    if (e.isDirectory()) {
      if (!GENERATED_DIRS.has(e.name)) out.push(...(await filesUnder(dir, child)));
    } else if (e.isFile()) out.push(child);
  }
  return out;
}

/** The step's cache key (install-key.ts), its input files read from the sample folder; an input folder stands for every file under it. */
export async function readInstallKey(dir: string, step: InstallStep, toolchainVersions: string[]): Promise<string> {
  const files = new Map<string, Buffer | undefined>();
  for (const input of step.inputs) {
    const file = path.join(dir, input);
    if (existsSync(file) && (await fs.stat(file)).isDirectory()) {
      for (const f of await filesUnder(dir, input)) files.set(f, await fs.readFile(path.join(dir, f)));
    } else files.set(input, existsSync(file) ? await fs.readFile(file) : undefined);
  }
  return installKey({ run: step.run, toolchainVersions, files });
}

async function readStamps(dir: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, STAMP_FILE), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

export interface InstallOptions {
  logDir: string;
  toolchainVersions: string[];
  onStep?: (line: string) => void;
}

/** Runs the sample's install; a failure that looks like the network's gets one more try. */
export async function installSample(sample: SampleSpec, opts: InstallOptions): Promise<InstallOutcome> {
  const first = await installOnce(sample, opts);
  if (first.ok || (!first.unreachable && !TRANSIENT_INSTALL_ERROR.test(first.error ?? ''))) return first;
  opts.onStep?.(`${sample.id}: install failed on what looks like a network error, retrying once`);
  const second = await installOnce(sample, opts);
  return { ...second, steps: [...first.steps, ...second.steps] };
}

async function installOnce(sample: SampleSpec, opts: InstallOptions): Promise<InstallOutcome> {
  const started = Date.now();
  await makeDirs(opts.logDir);
  if (sample.install.length === 0) return { ok: true, ran: 0, skipped: 0, durationMs: 0, steps: [], logFile: path.join(opts.logDir, 'install.log') };
  // Two harness runs on one tree must not run npm ci / mvn in the same folder at once.
  const release = await waitForLock(path.join(sample.dir, INSTALL_LOCK_FILE), `the install of ${sample.id}`, (m) => opts.onStep?.(`${sample.id}: ${m}`));
  try {
    return await installLocked(sample, opts, started);
  } finally {
    await release();
  }
}

async function installLocked(sample: SampleSpec, opts: InstallOptions, started: number): Promise<InstallOutcome> {
  const logFile = path.join(opts.logDir, 'install.log');
  const stamps = await readStamps(sample.dir);
  let ran = 0;
  let skipped = 0;
  const steps: InstallStepTime[] = [];
  const log = createWriteStream(logFile);
  try {
    for (const [i, step] of sample.install.entries()) {
      const t = Date.now();
      const timed = (cached: boolean) => steps.push({ run: step.run, ms: Date.now() - t, cached });
      const key = await readInstallKey(sample.dir, step, opts.toolchainVersions);
      const outputsThere = step.outputs.every((o) => existsSync(path.join(sample.dir, o)));
      if (installStepUpToDate({ stamp: stamps[step.run], key, outputsThere })) {
        skipped++;
        timed(true);
        log.write(`$ ${step.run}\n(skipped: inputs unchanged since the last successful install)\n`);
        opts.onStep?.(`${sample.id}: install step ${i + 1} skipped (inputs unchanged)`);
        continue;
      }
      opts.onStep?.(`${sample.id}: installing (${step.run})`);
      log.write(`$ ${step.run}\n`);
      const r = await runShellStep(step.run, {
        cwd: sample.dir,
        env: sample.env,
        pathPrepend: sample.pathPrepend,
        timeoutMs: INSTALL_TIMEOUT_MS,
        onData: (c) => log.write(c),
      });
      if (r.exitCode !== 0) {
        delete stamps[step.run];
        await fs.writeFile(path.join(sample.dir, STAMP_FILE), JSON.stringify(stamps, null, 2));
        timed(false);
        const why = r.timedOut ? 'timed out' : `exit ${r.exitCode ?? r.signal}`;
        return { ok: false, ran, skipped, durationMs: Date.now() - started, steps, logFile, error: `install step "${step.run}" failed (${why}):\n${tailLines(r.output, 15)}`, unreachable: unreachableRegistry(r.output) };
      }
      ran++;
      stamps[step.run] = key;
      await fs.writeFile(path.join(sample.dir, STAMP_FILE), JSON.stringify(stamps, null, 2));
      timed(false);
    }
    return { ok: true, ran, skipped, durationMs: Date.now() - started, steps, logFile };
  } finally {
    await new Promise((r) => log.end(r));
  }
}
