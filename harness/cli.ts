// `parity`: the command line. Parses arguments (commander) and hands each command to its handler
// in commands/; every expected error becomes one line `parity: …` and a non-zero exit, never a
// stack trace.
import os from 'node:os';
import { Argument, Command, CommanderError, Option } from 'commander';
import { annotate, count, EXISTING_WRITABLE_DIR, OPTIONAL_FILE, validateArguments, wordsOrPath, WRITTEN_DIR } from './cli/arg-spec.ts';
import { oneLineError } from './cli/one-line.ts';
import { reportCrash } from './cli/crash-log.ts';
import { DAPR_PAIRS, SHARD } from './cli/domain-specs.ts';
import type { DaprBinaries } from './dapr/provision.ts';
import type { CommandContext, GlobalOpts } from './commands/context.ts';
import { DAPR_FROM_HELP } from './dapr/from-help.ts';
import { MATRIX_TEST_RUNTIME } from './dapr/pins.ts';
import { ExpectedError } from './expected-error.ts';
import { installSignalTeardown } from './processes/active.ts';
import { LANGUAGES, type Language } from './model.ts';

/** What the commands do, loaded when one runs: `--help` needs none of it (see cli-deps.ts). */
const deps = () => import('./cli-deps.ts');

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Aborted on the first SIGINT/SIGTERM; the exit code then says which signal stopped the run. */
const interruption = { controller: new AbortController(), signal: undefined as NodeJS.Signals | undefined };

/** The Dapr binaries the global options ask for: resolved (built, found) once per process. */
let resolved: Promise<DaprBinaries> | undefined;
function dapr(opts: GlobalOpts): Promise<DaprBinaries> {
  resolved ??= resolveGlobalDapr(opts, log);
  return resolved;
}

/** The binaries the global options (--dapr-from, --use-installed-dapr, --dapr-cli, --dapr-runtime, --dapr-release-url) ask for. */
export async function resolveGlobalDapr(opts: GlobalOpts, progress: (line: string) => void): Promise<DaprBinaries> {
  const { resolveDapr, chooseDaprFrom, resolveVersions } = await deps();
  return resolveDapr({ from: chooseDaprFrom(opts), versions: (source) => resolveVersions({ cli: opts.daprCli, runtime: opts.daprRuntime }, source), releaseUrl: opts.daprReleaseUrl, progress });
}

/** Values of a boolean environment variable that mean off. */
const FALSE_WORDS = /^(?:|0|false|no|off)$/i;

/**
 * The options every command shares (the tree; where the dapr CLI and daprd come from), their
 * environment variables and their checks, on `program`: the benchmark's command line takes them
 * from here too, so `npm run bench -- --dapr-from …` means what it means to `parity run`.
 */
export function withGlobalOptions(program: Command): Command {
  program
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

  return program;
}

/** The global options as a command handler takes them. */
export function globalOptions(program: Command): GlobalOpts {
  return { ...program.opts<GlobalOpts>(), daprFromExplicit: program.getOptionValueSource('daprFrom') === 'cli' };
}

export function buildProgram(result: { code: number }): Command {
  const program = withGlobalOptions(new Command('parity')
    .description('Runs the Dapr quickstart samples under the real dapr CLI and daprd and checks them against golden files and each other.'));
  const globals = (): GlobalOpts => globalOptions(program);
  const context = (): CommandContext => ({ log, dapr: () => dapr(globals()), signal: interruption.controller.signal, interrupted: () => interruption.signal });

  program.command('run')
    .description('run samples (all, or those matching filters: an id like javascript/sdk, a language, or a variant)')
    .argument('[filters...]', 'sample ids, languages or variants (OR\'d)')
    .option('-u, --update', 'write the actual output as the new golden (refused when CI=true)', false)
    .option('--strict', 'count a skipped sample (missing toolchain) as failed', false)
    .addOption(annotate(new Option('--report-dir <dir>', 'where report.json, junit.xml, summary.md, report.html and logs/ go').default('artifacts'), WRITTEN_DIR))
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
    .action(async (filters: string[], opts) => { result.code = await (await import('./commands/run.ts')).runCommand(filters, { ...globals(), ...opts }, context()); });

  program.command('merge-reports')
    .description('merge the report folders of sharded runs into one report (parity checked again over all samples)')
    .argument('<dirs...>', 'report folders (each holding report.json)')
    .addOption(annotate(new Option('--report-dir <dir>', 'where the merged report.json, junit.xml, summary.md and report.html go').default('artifacts'), WRITTEN_DIR))
    .action(async (dirs: string[], opts: { reportDir: string }) => {
      const { mergeReportsCommand } = await import('./commands/merge-reports.ts');
      result.code = await mergeReportsCommand(dirs, { ...opts, root: globals().root });
    });

  program.command('doctor')
    .description('show the Dapr binaries and language toolchains found, and what to do about missing ones')
    .argument('[filters...]', 'only check what these samples need')
    .action(async (filters: string[]) => { result.code = await (await import('./commands/doctor.ts')).doctorCommand(filters, globals()); });

  program.command('provision')
    .description('get (once, cached) the dapr CLI and daprd at the pins of --dapr-from (a download or a build)')
    .option('--for-tests', `also the second runtime the test suite's version matrix uses (${MATRIX_TEST_RUNTIME})`, false)
    .action(async (opts: { forTests: boolean }) => { result.code = await (await import('./commands/provision.ts')).provisionCommand(globals(), opts.forTests, context()); });

  program.command('init')
    .description('write samples.yaml from the mechanical-markdown steps (<!-- STEP -->) of the READMEs under DIR')
    .addArgument(annotate(new Argument('[dir]', 'the tree to describe').default('.'), EXISTING_WRITABLE_DIR))
    .option('--force', 'replace an existing samples.yaml', false)
    .action(async (dir: string, opts: { force: boolean }) => {
      const { initCommand } = await import('./commands/init.ts');
      result.code = await initCommand(dir, { force: opts.force, log });
    });

  program.command('docs')
    .description('check Hugo quickstart pages (files or folders of them) against the samples or a whole quickstarts tree, the goldens and (with --exec) a real run')
    .argument('<pages...>', 'markdown pages, or folders of them')
    .option('--json', 'print findings as JSON', false)
    .option('--markdown', 'print the report as Markdown', false)
    .addOption(annotate(new Option('--report-dir <out-dir>', 'also write docs-report.json, docs-report.md and docs-report.html there'), WRITTEN_DIR))
    .option('--exec', 'also run the page\'s install and run commands on the real sidecar', false)
    .addOption(new Option('--lang <languages...>', 'with --exec: only these languages\' tabs').choices([...LANGUAGES]))
    .action(async (pages: string[], opts: { json: boolean; markdown: boolean; reportDir?: string; exec: boolean; lang?: Language[] }) => {
      const { docsCommand } = await import('./commands/docs.ts');
      if (opts.exec) await (await deps()).startSupervision(log);
      result.code = await docsCommand(pages, { json: opts.json, markdown: opts.markdown, ...(opts.reportDir ? { reportDir: opts.reportDir } : {}), exec: opts.exec, root: globals().root, languages: opts.lang, dapr: () => dapr(globals()), signal: interruption.controller.signal });
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
    // The command is over: what is still in flight must end, not retry or start the next sample.
    interruption.controller.abort();
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

