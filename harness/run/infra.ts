// Tells infrastructure failures (worth a retry) from real ones (never retried). Pure.
// A golden mismatch, a parity failure, an app error or a broken component is never infrastructure.
import type { SplitOutput } from '../output/split.ts';

export interface RunFacts {
  exitCode: number | undefined;
  timedOut: boolean;
}

// The last alternative is the CLI's own check before it starts daprd: `❌  invalid configuration
// for HTTPPort. Port 3500 is not available` (exit 1, daprd never started).
const PORT_TAKEN = /address already in use|bind: address|listen tcp [^ ]*: bind|could not listen on any endpoint|Port \d+ is not available/i;
const SIDECAR_NOT_READY = /Dapr sidecar is not listening on|Dapr sidecar might not be responding/;

/** The message of daprd's last fatal/error log line, if it logged one. */
export function daprdFatal(split: SplitOutput): string | undefined {
  for (const line of [...split.daprd].reverse()) {
    if (/level=(fatal|error)\b/.test(line) || /"level":"(fatal|error)"/.test(line)) {
      const m = /msg="((?:[^"\\]|\\.)*)"/.exec(line) ?? /"msg":"((?:[^"\\]|\\.)*)"/.exec(line);
      if (m) return m[1]!.replace(/\\"/g, '"');
    }
  }
  return undefined;
}

/** A one-line cause when the failure is the machine's (ports, a slow sidecar), else undefined. */
export function infraCause(outcome: RunFacts, split: SplitOutput): string | undefined {
  if (outcome.exitCode === 0 || outcome.timedOut) return undefined;
  const daprdLines = split.daprd.join('\n');
  const cliPortLine = split.cli.find((l) => PORT_TAKEN.test(l));
  if (PORT_TAKEN.test(daprdLines) || cliPortLine) {
    const detail = daprdFatal(split) ?? cliPortLine?.replace(/^\S+\s+/, '') ?? 'address already in use';
    return `a port was taken between pick and bind (${detail.slice(0, 160)})`;
  }
  const notReady = split.cli.find((l) => SIDECAR_NOT_READY.test(l));
  if (notReady) return `sidecar not ready in time (${notReady.replace(/^\S+\s+/, '')})`;
  return undefined;
}
