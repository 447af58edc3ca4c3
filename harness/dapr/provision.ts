// Gets the real Dapr CLI and daprd: built from their Go modules at the pinned versions, once,
// into a cache outside the repo, or (when asked) the Dapr already installed on this machine.
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { EXTRA_REQUIRES } from './pins.ts';
import { formatDuration } from '../text/format.ts';
import { buildModuleGoMod, compareVersions, goDirective, replaceDirectives } from './gomod.ts';
import { cacheRoot } from '../files/cache-root.ts';
import { makeDirs } from '../files/make-dirs.ts';
import { cachedProbe } from '../probe-cache.ts';
import { ExpectedError } from '../expected-error.ts';

export interface DaprBinaries {
  cli: { path: string; version: string };
  daprd: { path: string; version: string };
  /** Where they came from: built from Go modules, the installed Dapr, release archives, a folder. */
  source: 'built' | 'installed' | 'release' | 'dir';
}

export class ProvisionError extends ExpectedError {
  override name = 'ProvisionError';
}

export type Progress = (line: string) => void;

/** What the harness builds: the CLI, daprd, and the two control-plane services some samples need. */
type TargetKind = 'cli' | 'runtime' | 'placement' | 'scheduler';

interface Target {
  kind: TargetKind;
  label: string;
  modulePath: string;
  pkg: string;
  bin: string;
  tags: string[];
  ldflags: (v: string) => string[];
  /** The arguments that show the built binary runs (placement and scheduler have no --version). */
  probe?: string[];
}

// daprd's version flags, shared by every binary built from github.com/dapr/dapr.
const runtimeLdflags = (v: string) => [`-X github.com/dapr/dapr/pkg/buildinfo.version=${v}`, `-X github.com/dapr/kit/logger.DaprVersion=${v}`];

const TARGETS: Record<TargetKind, Target> = {
  cli: {
    kind: 'cli',
    label: 'dapr CLI',
    modulePath: 'github.com/dapr/cli',
    pkg: 'github.com/dapr/cli',
    bin: 'dapr',
    tags: [],
    ldflags: (v) => [`-X main.version=${v}`, '-X main.apiVersion=1.0'],
  },
  runtime: {
    kind: 'runtime',
    label: 'daprd',
    modulePath: 'github.com/dapr/dapr',
    pkg: 'github.com/dapr/dapr/cmd/daprd',
    bin: 'daprd',
    // allcomponents is what releases ship; without a components tag daprd panics at start.
    tags: ['allcomponents'],
    ldflags: runtimeLdflags,
  },
  // Same module and version as daprd, so the build module, its replaces and most of the build
  // cache are shared with daprd's; neither needs a components tag.
  placement: {
    kind: 'placement', label: 'placement', modulePath: 'github.com/dapr/dapr', pkg: 'github.com/dapr/dapr/cmd/placement', bin: 'placement', tags: [], ldflags: runtimeLdflags, probe: ['--help'],
  },
  scheduler: {
    kind: 'scheduler', label: 'scheduler', modulePath: 'github.com/dapr/dapr', pkg: 'github.com/dapr/dapr/cmd/scheduler', bin: 'scheduler', tags: [], ldflags: runtimeLdflags, probe: ['--help'],
  },
};


export function binaryPath(kind: TargetKind, version: string): string {
  return path.join(cacheRoot(), 'dapr', kind, version, TARGETS[kind].bin);
}

async function goVersion(): Promise<string> {
  const r = await execa('go', ['env', 'GOVERSION'], { reject: false });
  if (r.failed) throw new ProvisionError('go is not on PATH: install Go 1.26 or newer to build the Dapr CLI and daprd');
  return r.stdout.trim().replace(/^go/, '');
}

interface ModuleInfo { goMod: string; dir: string }

async function downloadModule(modulePath: string, version: string, cwd: string): Promise<ModuleInfo> {
  const r = await execa('go', ['mod', 'download', '-json', `${modulePath}@v${version}`], { cwd, reject: false, env: { GOFLAGS: '-mod=mod' } });
  let info: { Error?: string; GoMod?: string; Dir?: string };
  try {
    info = JSON.parse(r.stdout);
  } catch {
    throw new ProvisionError(`could not download ${modulePath}@v${version}: ${(r.stderr || r.stdout).split('\n')[0]}`);
  }
  if (info.Error || !info.GoMod || !info.Dir) {
    const why = info.Error?.includes('403') ? 'the Go module proxy refuses it (not served here)' : (info.Error ?? 'no module files');
    throw new ProvisionError(`cannot get ${modulePath}@v${version}: ${why}; pin another version in harness/dapr/pins.ts (or set PARITY_DAPR_CLI_VERSION / PARITY_DAPR_RUNTIME_VERSION)`);
  }
  return { goMod: await fs.readFile(info.GoMod, 'utf8'), dir: info.Dir };
}


/** The one-line refusal when the local Go cannot build a module that needs `needs`. Pure. */
export function goTooOld(have: string, needs: string, what: string): string | undefined {
  return compareVersions(have, needs) < 0
    ? `Go ${have} is too old to build ${what} (its go.mod needs go ${needs}): install Go ${needs} or newer`
    : undefined;
}

/** Builds one binary into the cache (temp folder, then rename: a half build never counts). */
async function build(target: Target, version: string, progress: Progress): Promise<string> {
  const finalDir = path.dirname(binaryPath(target.kind, version));
  const finalBin = binaryPath(target.kind, version);
  if (existsSync(finalBin)) return finalBin;

  const have = await goVersion();
  await makeDirs(path.dirname(finalDir));
  const work = await fs.mkdtemp(path.join(path.dirname(finalDir), `.build-${version}-`));
  const logFile = path.join(cacheRoot(), 'dapr', 'logs', `${target.bin}-${version}.log`);
  await makeDirs(path.dirname(logFile));
  try {
    progress(`[dapr] building ${target.label} ${version} from ${target.modulePath} (first time only; log: ${logFile})`);
    const upstream = await downloadModule(target.modulePath, version, work);
    const needs = goDirective(upstream.goMod) ?? '1.21';
    const tooOld = goTooOld(have, needs, `${target.label} ${version}`);
    if (tooOld) throw new ProvisionError(tooOld);
    await fs.writeFile(path.join(work, 'go.mod'), buildModuleGoMod({
      name: `parity.local/build-${target.bin}`,
      goVersion: needs,
      modulePath: target.modulePath,
      version,
      extraRequires: EXTRA_REQUIRES[target.kind === 'cli' ? 'cli' : 'runtime']?.[version],
      replaces: replaceDirectives(upstream.goMod),
    }));
    await fs.copyFile(path.join(upstream.dir, 'go.sum'), path.join(work, 'go.sum'));
    await fs.chmod(path.join(work, 'go.sum'), 0o644);

    // Listing the package graph first downloads the modules (counted as progress) and gives the
    // build a denominator, so the progress line can say how far along it is.
    const total = await countPackages(target, work, progress);

    const out = path.join(work, 'out');
    const args = ['build', '-mod=mod', '-v', '-trimpath', `-ldflags=${target.ldflags(version).join(' ')}`, '-o', path.join(out, target.bin)];
    if (target.tags.length) args.push('-tags', target.tags.join(','));
    args.push(target.pkg);

    const log = createWriteStream(logFile);
    let downloaded = 0;
    let compiled = 0;
    const started = Date.now();
    const child = execa('go', args, { cwd: work, env: { CGO_ENABLED: '0', GOFLAGS: '-mod=mod' }, reject: false, all: true, buffer: false });
    child.all?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('go: downloading ')) downloaded++;
        else if (line && !line.startsWith('#') && !line.includes(' ')) compiled++;
      }
    });
    const ticker = setInterval(() => {
      const pct = total ? ` of ~${total} (${Math.min(99, Math.round((compiled / total) * 100))}%)` : '';
      progress(`[dapr] ${target.label} ${version}: ${formatDuration(Date.now() - started)}, compiled ${compiled} packages${pct}${downloaded ? `, ${downloaded} more modules downloaded` : ''}`);
    }, 20_000);
    const result = await child.finally(() => clearInterval(ticker));
    await new Promise((resolve) => log.end(resolve));
    if (result.exitCode !== 0) {
      const tail = (await fs.readFile(logFile, 'utf8')).trim().split('\n').filter((l) => !l.startsWith('go: downloading')).slice(-5).join('\n  ');
      throw new ProvisionError(`building ${target.label} ${version} failed (exit ${result.exitCode}); full log: ${logFile}\n  ${tail}`);
    }
    await checkRuns(path.join(out, target.bin), target.label, target.probe);
    try {
      await fs.rename(out, finalDir);
    } catch (err) {
      // Another harness run finished the same build first: its binary is as good as ours.
      if (!existsSync(finalBin)) throw err;
    }
    progress(`[dapr] built ${target.label} ${version} in ${formatDuration(Date.now() - started)} → ${finalBin}`);
    return finalBin;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** How many packages the build compiles (undefined if go list fails; the build then says why). */
async function countPackages(target: Target, cwd: string, progress: Progress): Promise<number | undefined> {
  const args = ['list', '-mod=mod', '-deps'];
  if (target.tags.length) args.push('-tags', target.tags.join(','));
  args.push(target.pkg);
  const started = Date.now();
  let downloaded = 0;
  const child = execa('go', args, { cwd, env: { CGO_ENABLED: '0', GOFLAGS: '-mod=mod' }, reject: false });
  child.stderr?.on('data', (c: Buffer) => { downloaded += c.toString().split('\n').filter((l) => l.startsWith('go: downloading ')).length; });
  const ticker = setInterval(() => progress(`[dapr] ${target.label}: ${formatDuration(Date.now() - started)}, downloading modules (${downloaded} so far)`), 20_000);
  const r = await child.finally(() => clearInterval(ticker));
  if (r.exitCode !== 0) return undefined;
  const own = String(r.stdout).split('\n').filter(Boolean).length;
  progress(`[dapr] ${target.label}: ${downloaded} modules downloaded in ${formatDuration(Date.now() - started)}; compiling ${own} packages`);
  return own;
}

async function checkRuns(bin: string, label: string, probe: string[] = ['--version']): Promise<string> {
  const help = probe.includes('--help');
  // Cached on the binary: an unchanged, executable binary ran before (see probe-cache.ts).
  const out = await cachedProbe(bin, help ? 'help' : 'version', async () => {
    const r = await execa(bin, probe, { reject: false, timeout: 20_000, all: true });
    // pflag's --help exits 2: a binary that runs is one that printed its flags.
    const ran = help ? /--port\b/.test(String(r.all)) : !r.failed;
    if (!ran) throw new ProvisionError(`${label} at ${bin} does not run (${(r.shortMessage ?? '').split('\n')[0]})`);
    return help ? 'runs' : r.stdout.trim();
  });
  return out ?? '';
}

/** `dapr --version` prints "CLI version: X" and "Runtime version: Y"; daprd prints "X". */
export function parseCliVersion(text: string): string | undefined {
  return /CLI version:\s*(\S+)/.exec(text)?.[1];
}

async function installed(progress: Progress): Promise<DaprBinaries> {
  const which = await execa('sh', ['-c', 'command -v dapr'], { reject: false });
  if (which.exitCode !== 0) throw new ProvisionError('--use-installed-dapr: no dapr CLI on PATH');
  const cliPath = which.stdout.trim();
  const home = process.env.DAPR_RUNTIME_PATH ? path.join(process.env.DAPR_RUNTIME_PATH, '.dapr') : path.join(os.homedir(), '.dapr');
  const daprdPath = path.join(home, 'bin', 'daprd');
  if (!existsSync(daprdPath)) throw new ProvisionError(`--use-installed-dapr: no daprd at ${daprdPath} (run dapr init, or drop the flag to build one)`);
  const cliVersion = parseCliVersion(await checkRuns(cliPath, 'dapr CLI')) ?? 'unknown';
  const daprdVersion = (await checkRuns(daprdPath, 'daprd')).split('\n')[0]!.trim();
  progress(`[dapr] using installed dapr CLI ${cliVersion} (${cliPath}) and daprd ${daprdVersion} (${daprdPath})`);
  return { cli: { path: cliPath, version: cliVersion }, daprd: { path: daprdPath, version: daprdVersion }, source: 'installed' };
}

/** The binaries to run with: cached builds (building what is missing) or the installed Dapr. */
export async function ensureDapr(opts: {
  versions: { cli: string; runtime: string };
  useInstalled?: boolean;
  progress?: Progress;
}): Promise<DaprBinaries> {
  const progress = opts.progress ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (opts.useInstalled) return installed(progress);
  // Sequential on purpose: two Go builds at once on 2 cores only slow each other down.
  const cli = await build(TARGETS.cli, opts.versions.cli, progress);
  const daprd = await build(TARGETS.runtime, opts.versions.runtime, progress);
  return {
    cli: { path: cli, version: opts.versions.cli },
    daprd: { path: daprd, version: opts.versions.runtime },
    source: 'built',
  };
}

/** placement and scheduler of daprd's version, built once into the cache (only when a sample needs them). */
export async function ensureControlPlane(version: string, progress: Progress): Promise<{ placement: string; scheduler: string }> {
  // One after the other, as ensureDapr: the second reuses the first's compiled packages.
  const placement = await build(TARGETS.placement, version, progress);
  const scheduler = await build(TARGETS.scheduler, version, progress);
  return { placement, scheduler };
}

/** Finds the cached binaries without building; undefined when either is missing. */
export function findCached(versions: { cli: string; runtime: string }): DaprBinaries | undefined {
  const cli = binaryPath('cli', versions.cli);
  const daprd = binaryPath('runtime', versions.runtime);
  if (!existsSync(cli) || !existsSync(daprd)) return undefined;
  return { cli: { path: cli, version: versions.cli }, daprd: { path: daprd, version: versions.runtime }, source: 'built' };
}
