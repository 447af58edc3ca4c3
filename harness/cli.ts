// `parity`: the command line. Parses arguments (commander) and hands off; every expected error
// becomes one line `parity: …` and a non-zero exit, never a stack trace.
import os from 'node:os';
import path from 'node:path';
import { Argument, Command, CommanderError, Option } from 'commander';
import { annotate, count, EXISTING_WRITABLE_DIR, OPTIONAL_FILE, validateArguments, wordsOrPath, WRITTEN_DIR } from './cli/arg-spec.ts';
import { oneLineError } from './cli/one-line.ts';
import { reportCrash } from './cli/crash-log.ts';
import { DAPR_PAIRS, SHARD } from './cli/domain-specs.ts';
import type { DaprBinaries } from './dapr/provision.ts';
import { DAPR_FROM_HELP } from './dapr/from-help.ts';
import { MATRIX_TEST_RUNTIME } from './dapr/pins.ts';
import { ExpectedError } from './expected-error.ts';
import { InputError } from './input-error.ts';
import { parseShard, shardSamples } from './samples/shard.ts';
import { installSignalTeardown } from './processes/active.ts';
import { LANGUAGES, TOOLCHAINS, type DaprVersions, type Language, type RunReport, type Toolchain } from './model.ts';

/** What the commands do, loaded when one runs: `--help` needs none of it (see cli-deps.ts). */
const deps = () => import('./cli-deps.ts');

interface GlobalOpts {
  root: string;
  useInstalledDapr: boolean;
  daprFrom?: string;
  /** --dapr-from was typed on the command line (not PARITY_DAPR_FROM, not the default). */
  daprFromExplicit?: boolean;
  daprReleaseUrl?: string;
  daprCli?: string;
  daprRuntime?: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Aborted on the first SIGINT/SIGTERM; the exit code then says which signal stopped the run. */
const interruption = { controller: new AbortController(), signal: undefined as NodeJS.Signals | undefined };

/** The Dapr binaries the global options ask for: resolved (built, found) once per process. */
let resolved: Promise<DaprBinaries> | undefined;
function dapr(opts: GlobalOpts): Promise<DaprBinaries> {
  resolved ??= deps().then(({ resolveDapr, chooseDaprFrom, resolveVersions }) =>
    resolveDapr({ from: chooseDaprFrom(opts), versions: resolveVersions({ cli: opts.daprCli, runtime: opts.daprRuntime }), releaseUrl: opts.daprReleaseUrl, progress: log }));
  return resolved;
}

async function runCommand(filters: string[], o: GlobalOpts & {
  update: boolean; strict: boolean; reportDir: string; concurrency: string; timeout?: string; retries: string; daprHttpPort?: string; updateRuns: string;
  apiToken: boolean; scoped: boolean; baseline?: string; failOn: 'any' | 'new'; dapr?: string; shard?: string;
}): Promise<number> {
  const {
    updateRefusal, loadManifest, selectSamples, checkInputs, securitySettings, SECRET_KEY, loadBaseline, BaselineError, acquireLock,
    announceTreeCommands, describeSecurity, runMatrix, resolveDapr, chooseDaprFrom, runSamples, markChanges, fanOut, runReporters, exitCode, startSupervision,
  } = await deps();
  const refusal = updateRefusal(o.update);
  if (refusal) throw new InputError(refusal);
  const manifest = loadManifest(o.root, { cacheParse: true });
  const selected = selectSamples(manifest.samples, filters);
  const samples = o.shard === undefined ? selected : shardSamples(selected, parseShard(o.shard));
  checkInputs(manifest);
  const security = securitySettings(manifest, { apiToken: o.apiToken, scoped: o.scoped }, SECRET_KEY);
  // The argument spec (cli/arg-spec.ts: count(), and <seconds>, <port> by placeholder) has checked
  // these whole numbers before any command runs.
  const concurrency = Number(o.concurrency);
  const retries = Number(o.retries);
  const updateRuns = Number(o.updateRuns);
  const timeoutMs = o.timeout === undefined ? undefined : Number(o.timeout) * 1000;
  const httpPort = o.daprHttpPort === undefined ? undefined : Number(o.daprHttpPort);
  const reportDir = path.resolve(o.reportDir);
  // A missing or unreadable baseline is said once; the run goes on without it.
  let baseline: RunReport | undefined;
  if (o.baseline !== undefined) {
    try {
      baseline = loadBaseline(o.baseline);
    } catch (err) {
      if (!(err instanceof BaselineError)) throw err;
      log(`parity: ${err.message}`);
    }
  }
  const pairs = o.dapr === undefined ? undefined : await resolvePairs(o.dapr);
  // Before the first child: a reaper for this run, and what dead runs left ended.
  await startSupervision(log);
  const release = await acquireLock(path.join(reportDir, '.lock'), `report folder ${reportDir}`);
  try {
    // Registered once: the progress lines while it runs, the files and the summary at its end.
    // The folder as the user gave it: a path relative to here can read like another folder.
    const reporters = runReporters({ reportDir, shownDir: o.reportDir, stdout: (text) => process.stdout.write(text), progress: log });
    const common = { reporters, manifest, samples, reportDir, mode: o.update ? 'overwrite' as const : 'verify' as const, updateRuns, strict: o.strict, concurrency, timeoutMs, retries, httpPort, log, signal: interruption.controller.signal, ...security };
    const binaries = pairs ? undefined : await dapr(o);
    log(binaries
      ? `dapr CLI ${binaries.cli.version}, daprd ${binaries.daprd.version} (${binaries.source}); ${samples.length} sample(s), concurrency ${concurrency}`
      : `${pairs!.length} Dapr version pair(s): ${pairs!.map((p) => `${p.cli}@${p.runtime}`).join(', ')}; ${samples.length} sample(s) each, concurrency ${concurrency}`);
    // A tree's first run shows the commands it runs; the security modes are said once.
    await announceTreeCommands(manifest, log);
    for (const l of describeSecurity(security)) log(l);
    const ran = binaries
      ? await runSamples({ ...common, dapr: binaries })
      : await runMatrix(pairs!, (versions) => resolveDapr({ from: chooseDaprFrom(o), versions, releaseUrl: o.daprReleaseUrl, progress: log }), common);
    const report = baseline ? markChanges(ran, baseline, o.baseline!) : ran;
    await fanOut(reporters).onRunEnd(report);
    return exitCode(report, { failOn: o.failOn, interrupted: interruption.signal });
  } finally {
    await release();
  }
}

/** `--dapr` pairs, each version made exact (X.Y.x, latest, previous, rc looked up), or one line why not. */
async function resolvePairs(spec: string): Promise<DaprVersions[]> {
  const { parseMatrixSpec, PINNED, resolveVersionSpec } = await deps();
  const out: DaprVersions[] = [];
  for (const pair of parseMatrixSpec(spec, PINNED.cli)) {
    const [cli, runtime] = await Promise.all([resolveVersionSpec('cli', pair.cli), resolveVersionSpec('runtime', pair.runtime)]);
    if (!cli.version || !runtime.version) throw new InputError(`--dapr "${pair.written}": ${cli.why ?? runtime.why}`);
    out.push({ cli: cli.version.replace(/^v/, ''), runtime: runtime.version.replace(/^v/, '') });
  }
  return out;
}


async function doctorCommand(filters: string[], o: GlobalOpts): Promise<number> {
  const { loadManifest, selectSamples, resolveVersions, toolchain, describeDaprSource, chooseDaprFrom } = await deps();
  const manifest = loadManifest(o.root);
  const samples = selectSamples(manifest.samples, filters);
  const versions = resolveVersions({ cli: o.daprCli, runtime: o.daprRuntime });
  const out: string[] = [];
  let ok = true;
  const go = await toolchain('go');
  const daprState = await describeDaprSource({ from: chooseDaprFrom(o), versions, hasGo: !!go.version, goHint: go.hint, releaseUrl: o.daprReleaseUrl });
  ok = daprState.ok;
  out.push(...daprState.lines);
  const needed = [...new Set(samples.flatMap((s) => s.toolchains))] as Toolchain[];
  for (const name of TOOLCHAINS) {
    const t = await toolchain(name);
    const users = samples.filter((s) => s.toolchains.includes(name)).map((s) => s.id);
    const need = needed.includes(name);
    if (t.version) out.push(`${name.padEnd(10)} ${t.version}`);
    else {
      if (need) ok = false;
      out.push(`${name.padEnd(10)} missing — ${t.hint}${users.length ? ` (needed by ${users.join(', ')}; they will be reported skipped)` : ''}`);
    }
  }
  out.push('', ok ? 'everything the selected samples need is here' : 'something the selected samples need is missing (see above)');
  process.stdout.write(`${out.join('\n')}\n`);
  return ok ? 0 : 1;
}

async function provisionCommand(o: GlobalOpts, forTests: boolean): Promise<number> {
  const { resolveDapr, chooseDaprFrom, ProvisionError } = await deps();
  const b = await dapr(o);
  process.stdout.write(`dapr CLI ${b.cli.version}: ${b.cli.path}\ndaprd ${b.daprd.version}: ${b.daprd.path}\n`);
  if (forTests) {
    // The version-matrix test runs a second runtime beside the pinned one: build it here, with
    // progress, rather than inside a test hook.
    try {
      const m = await resolveDapr({ from: chooseDaprFrom(o), versions: { cli: b.cli.version, runtime: MATRIX_TEST_RUNTIME }, releaseUrl: o.daprReleaseUrl, progress: log });
      process.stdout.write(`daprd ${m.daprd.version} (for the matrix test): ${m.daprd.path}\n`);
    } catch (err) {
      // A machine without Go (binaries from a folder) has no second runtime: the matrix test says it skipped, and why.
      if (!(err instanceof ProvisionError)) throw err;
      process.stdout.write(`daprd ${MATRIX_TEST_RUNTIME} (for the matrix test): not available here (${err.message}); that test will be reported skipped\n`);
    }
  }
  return 0;
}

/** Values of a boolean environment variable that mean off. */
const FALSE_WORDS = /^(?:|0|false|no|off)$/i;

export function buildProgram(result: { code: number }): Command {
  const program = new Command('parity')
    .description('Runs the Dapr quickstart samples under the real dapr CLI and daprd and checks them against golden files and each other.')
    .option('--root <dir>', 'tree holding samples.yaml', process.cwd())
    .addOption(new Option('--use-installed-dapr', 'use the dapr CLI on PATH and ~/.dapr/bin/daprd (same as --dapr-from installed)').env('PARITY_USE_INSTALLED_DAPR').default(false))
    .addOption(annotate(new Option('--dapr-from <source>', `where the dapr CLI and daprd come from: ${DAPR_FROM_HELP}`).env('PARITY_DAPR_FROM').default('auto'),
      wordsOrPath(['auto', 'release', 'build', 'installed'], 'dir:', { type: 'dir', access: 'read' })))
    .addOption(new Option('--dapr-release-url <url>', 'release archive base URL, with {repo} and {version} (default: GitHub releases)').env('PARITY_DAPR_RELEASE_URL'))
    .option('--dapr-cli <version>', 'dapr CLI version to use (default: pinned)')
    .option('--dapr-runtime <version>', 'daprd version to use (default: pinned)')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(oneLineError(s)) });

  // Every value of the acting command is checked before its action does anything.
  program.hook('preAction', (_program, action) => {
    // Commander turns a boolean flag on for any value of its variable; PARITY_USE_INSTALLED_DAPR=0
    // (or false, no, empty) must mean off, as it reads.
    if (program.getOptionValueSource('useInstalledDapr') === 'env' && FALSE_WORDS.test(process.env.PARITY_USE_INSTALLED_DAPR ?? '')) {
      program.setOptionValueWithSource('useInstalledDapr', false, 'default');
    }
    // --use-installed-dapr wins over a PARITY_DAPR_FROM from the environment (chooseDaprFrom): a
    // value that will not be used is not the user's mistake to report.
    if (program.opts<GlobalOpts>().useInstalledDapr && program.getOptionValueSource('daprFrom') === 'env') {
      program.setOptionValueWithSource('daprFrom', 'auto', 'default');
    }
    validateArguments(action);
  });

  const globals = (): GlobalOpts => ({ ...program.opts<GlobalOpts>(), daprFromExplicit: program.getOptionValueSource('daprFrom') === 'cli' });

  program.command('run')
    .description('run samples (all, or those matching filters: an id like javascript/sdk, a language, or a variant)')
    .argument('[filters...]', 'sample ids, languages or variants (OR\'d)')
    .option('-u, --update', 'write the actual output as the new golden (refused when CI=true)', false)
    .option('--strict', 'count a skipped sample (missing toolchain) as failed', false)
    .addOption(annotate(new Option('--report-dir <dir>', 'where report.json, junit.xml, summary.md and logs/ go').default('artifacts'), WRITTEN_DIR))
    .addOption(annotate(new Option('--concurrency <n>', 'samples run at once').default(String(os.availableParallelism())), count(1)))
    .option('--timeout <seconds>', 'per-sample timeout, overriding the manifest')
    .option('--dapr-http-port <port>', 'fixed daprd HTTP port for every sample (default: a free one each)')
    .addOption(annotate(new Option('--retries <n>', 'extra attempts for infrastructure failures (a pass after one is reported flaky)').default('2'), count(0)))
    .addOption(annotate(new Option('--shard <i/n>', 'run only shard i of n of the selected samples (CI jobs; join with merge-reports)'), SHARD))
    .addOption(annotate(new Option('--dapr <pairs>', 'run on several Dapr versions: CLI@RUNTIME pairs, comma-separated (1.16.5@1.18.2,1.16.5@1.17.x; also latest, previous, rc)'), DAPR_PAIRS))
    // A missing baseline is said and the run goes on (a first CI run has none); anything else there must be a file.
    .addOption(annotate(new Option('--baseline <report.json>', 'mark each sample new failure / fixed / still failing / unchanged against an earlier report.json'), OPTIONAL_FILE))
    .addOption(new Option('--fail-on <which>', 'exit 1 on any failure, or only on new failures against --baseline').choices(['any', 'new']).default('any'))
    .addOption(annotate(new Option('--update-runs <n>', 'with --update: runs of each sample that must print the same before its golden is written').default('2'), count(1)))
    .option('--api-token', 'start every sidecar with a fresh random DAPR_API_TOKEN (also: apiToken: true in samples.yaml)', false)
    .option('--scoped', 'scope every secret store to the one key the samples read (spec.secrets.scopes, defaultAccess deny)', false)
    .action(async (filters: string[], opts) => { result.code = await runCommand(filters, { ...globals(), ...opts }); });

  program.command('merge-reports')
    .description('merge the report folders of sharded runs into one report (parity checked again over all samples)')
    .argument('<dirs...>', 'report folders (each holding report.json)')
    .addOption(annotate(new Option('--report-dir <dir>', 'where the merged report.json, junit.xml and summary.md go').default('artifacts'), WRITTEN_DIR))
    .action(async (dirs: string[], opts: { reportDir: string }) => {
      const { mergeReportsCommand } = await import('./report/merge-command.ts');
      result.code = await mergeReportsCommand(dirs, { ...opts, root: globals().root });
    });

  program.command('doctor')
    .description('show the Dapr binaries and language toolchains found, and what to do about missing ones')
    .argument('[filters...]', 'only check what these samples need')
    .action(async (filters: string[]) => { result.code = await doctorCommand(filters, globals()); });

  program.command('provision')
    .description('build (once, cached) the pinned dapr CLI and daprd from their Go modules')
    .option('--for-tests', `also the second runtime the test suite's version matrix uses (${MATRIX_TEST_RUNTIME})`, false)
    .action(async (opts: { forTests: boolean }) => { result.code = await provisionCommand(globals(), opts.forTests); });

  program.command('init')
    .description('write samples.yaml from the mechanical-markdown steps (<!-- STEP -->) of the READMEs under DIR')
    .addArgument(annotate(new Argument('[dir]', 'the tree to describe').default('.'), EXISTING_WRITABLE_DIR))
    .option('--force', 'replace an existing samples.yaml', false)
    .action(async (dir: string, opts: { force: boolean }) => {
      const { initCommand } = await import('./init/command.ts');
      result.code = await initCommand(dir, { force: opts.force, log });
    });

  program.command('docs')
    .description('check a Hugo quickstart page against the samples, the goldens and (with --exec) a real run')
    .argument('<page>', 'markdown page')
    .option('--json', 'print findings as JSON', false)
    .option('--exec', 'also run the page\'s install and run commands on the real sidecar', false)
    .addOption(new Option('--lang <languages...>', 'with --exec: only these languages\' tabs').choices([...LANGUAGES]))
    .action(async (page: string, opts: { json: boolean; exec: boolean; lang?: Language[] }) => {
      const { docsCommand } = await import('./docs/docs-command.ts');
      if (opts.exec) await (await deps()).startSupervision(log);
      result.code = await docsCommand(page, { json: opts.json, exec: opts.exec, root: globals().root, languages: opts.lang, dapr: () => dapr(globals()), signal: interruption.controller.signal });
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const uninstall = installSignalTeardown((sig) => {
    interruption.signal = sig;
    interruption.controller.abort();
  }, log);
  const result = { code: 0 };
  try {
    await buildProgram(result).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const { endAllRuns } = await deps();
    await endAllRuns();
    if (err instanceof ExpectedError) {
      process.stderr.write(oneLineError(`parity: ${(err as Error).message}`));
      return 2;
    }
    process.stderr.write(`${reportCrash(err, argv)}\n`);
    return 3;
  } finally {
    uninstall();
  }
}

