// How long a hook may take, by the slowest thing it can meet on this machine's empty caches, plus
// a margin: a hook that hangs then fails its file in minutes instead of spending CI's budget.
// - A machine with Go whose Dapr source may build (auto or build): the cold build of the CLI and
//   daprd from their Go modules measured 11 min on 2 cores (2 min 47 s + 8 min 04 s, README);
//   20 min leaves ~80 % for a loaded machine.
// - Otherwise the binaries are unpacked from a folder or downloaded (two archives, ~150 MB), and
//   the cold first installs of every sample measured 160 s: 8 min.
import { execFileSync } from 'node:child_process';

export const COLD_BUILD_HOOK_MS = 20 * 60_000;
export const NO_BUILD_HOOK_MS = 8 * 60_000;

/** True when a hook may have to build Dapr from Go modules. */
export function mayBuildDapr(env: NodeJS.ProcessEnv = process.env, goVersion: () => boolean = goOnPath): boolean {
  const from = env.PARITY_DAPR_FROM || 'auto';
  return (from === 'auto' || from === 'build') && goVersion();
}

function goOnPath(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** The hook timeout for this machine (vitest.config.ts sets it for every hook). */
export function hookBudgetMs(env: NodeJS.ProcessEnv = process.env, goVersion?: () => boolean): number {
  return mayBuildDapr(env, goVersion) ? COLD_BUILD_HOOK_MS : NO_BUILD_HOOK_MS;
}
