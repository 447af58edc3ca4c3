// One app under the real `dapr run`, observed: what the CLI, daprd and the app printed, split
// apart, toolchain chatter filtered out, and the app's lines normalized with this machine's paths
// and volatile values redacted.
// The one step both `parity run` and `parity docs --exec` take for an app.
import { DEFAULT_FILTERS, filterLines, type LineFilter } from '../output/filters.ts';
import { normalizeLines, physicalLines } from '../output/normalize.ts';
import type { Redaction } from '../output/redactions.ts';
import { outputRedactions } from '../output/shaping.ts';
import { shapeForCli, splitDaprOutput, type SplitOutput } from '../output/split.ts';
import { runUnderDapr, type DaprRunOutcome, type DaprRunRequest } from './dapr-run.ts';
import { pathWith } from '../processes/shell-step.ts';

/** What `dapr run` takes (dapr-run.ts), with the CLI's version (for the output's shape) and what normalizing needs. */
export interface ObserveRequest extends Omit<DaprRunRequest, 'cli' | 'graceMs'> {
  cli: { path: string; version: string };
  /** Folders put in front of PATH (a virtualenv's bin, say). */
  pathPrepend: readonly string[];
  /** The tree the sample belongs to: its path becomes [ROOT] in the output. */
  root: string;
  /** Line filters (default: the harness's defaults). */
  filters?: readonly LineFilter[];
  /** The sample's own redactions, after the harness's. */
  redactions?: readonly Redaction[];
}

export interface Observation {
  outcome: DaprRunOutcome;
  split: SplitOutput;
  /** The app's lines, filtered and normalized: what a golden holds. */
  output: string;
  /** Lines each filter dropped. */
  filtered: Record<string, number>;
}

export async function observe(req: ObserveRequest): Promise<Observation> {
  const outcome = await runUnderDapr({
    cli: req.cli.path,
    runtimePath: req.runtimePath,
    appId: req.appId,
    resourcesPath: req.resourcesPath,
    command: req.command,
    cwd: req.cwd,
    env: { ...req.env, PATH: pathWith(req.pathPrepend) },
    timeoutMs: req.timeoutMs,
    httpPort: req.httpPort,
    signal: req.signal,
    apiToken: req.apiToken,
  });
  return { outcome, ...readRunOutput(outcome, { cliVersion: req.cli.version, root: req.root, filters: req.filters, redactions: req.redactions }) };
}

/** What a finished `dapr run` printed, as the harness reads it for the CLI version that printed it. Pure. */
export function readRunOutput(
  printed: { stdout: string; stderr: string },
  o: { cliVersion: string; root: string; filters?: readonly LineFilter[]; redactions?: readonly Redaction[] },
): Omit<Observation, 'outcome'> {
  // A prefixed run whose app printed nothing has no `== APP ==` line to detect its shape by.
  // The seam adds no line: a CLI that passes app lines through bare (≥ 1.17) would make an extra
  // blank one between the app's stdout and stderr lines.
  const seam = printed.stdout === '' || printed.stdout.endsWith('\n') ? '' : '\n';
  const split = splitDaprOutput(`${printed.stdout}${seam}${printed.stderr}`, shapeForCli(o.cliVersion));
  const { kept, dropped } = filterLines(physicalLines(split.app).map((l) => l.trimEnd()), o.filters ?? DEFAULT_FILTERS);
  return { split, output: normalizeLines(kept, outputRedactions(o.root, o.redactions)), filtered: dropped };
}
