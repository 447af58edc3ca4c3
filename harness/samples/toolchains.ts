// Which language toolchains this machine has, and what to do about a missing one.
import { execa } from 'execa';
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import stripAnsi from 'strip-ansi';
import { cachedProbe } from '../probe-cache.ts';
import type { Toolchain } from '../model.ts';

export interface ToolchainInfo {
  name: Toolchain;
  version?: string;
  /** What to do when it is missing. */
  hint: string;
}

// A version starts where a run of digits starts (`(?:^|\D)`): left unanchored, the pattern was retried
// from every digit of a long run.
const PROBES: Record<Toolchain, { cmd: string; args: string[]; pick: RegExp; hint: string }> = {
  node: { cmd: 'node', args: ['--version'], pick: /(?:^|\D)v?(\d+\.\d+\.\d+)/, hint: 'install Node.js 20 or newer' },
  python3: { cmd: 'python3', args: ['--version'], pick: /Python (\S+)/, hint: 'install Python 3.9+ with venv (apt-get install python3 python3-venv)' },
  java: { cmd: 'java', args: ['-version'], pick: /version "([^"]+)"/, hint: 'install a JDK 17+ (apt-get install openjdk-17-jdk-headless)' },
  mvn: { cmd: 'mvn', args: ['-v'], pick: /Apache Maven (\S+)/, hint: 'install Apache Maven 3.x (apt-get install maven)' },
  go: { cmd: 'go', args: ['version'], pick: /go(\d+\.\d+(?:\.\d+)?)/, hint: 'install Go 1.26 or newer' },
  dotnet: { cmd: 'dotnet', args: ['--version'], pick: /(?:^|\D)(\d+\.\d+\.\d+\S*)/, hint: 'install the .NET SDK 8 or newer (https://dot.net)' },
  // Not a language: the cryptography samples make their keys with it in a README step.
  openssl: { cmd: 'openssl', args: ['version'], pick: /OpenSSL (\S+)/, hint: 'install OpenSSL (apt-get install openssl)' },
};

/** The file `cmd` runs as from PATH, symlinks resolved; undefined when it is not on PATH. */
export function resolveOnPath(cmd: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, cmd);
    try {
      accessSync(file, constants.X_OK);
      if (!statSync(file).isFile()) continue;
      return realpathSync(file);
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** The toolchain's version; the probe's answer is cached on its binary (see probe-cache.ts). */
export async function probeToolchain(name: Toolchain): Promise<ToolchainInfo> {
  const p = PROBES[name];
  const file = resolveOnPath(p.cmd);
  // Not on PATH: nothing to run (and nothing to cache: installing it must be seen at once).
  if (!file) return { name, hint: p.hint };
  const version = await cachedProbe(file, name, async () => (await runProbe(name)).version);
  return version ? { name, version, hint: p.hint } : { name, hint: p.hint };
}

async function runProbe(name: Toolchain): Promise<ToolchainInfo> {
  const p = PROBES[name];
  const r = await execa(p.cmd, p.args, { reject: false, timeout: 30_000, all: true });
  if (r.failed && r.exitCode === undefined) return { name, hint: p.hint };
  const version = p.pick.exec(stripAnsi(String(r.all ?? '')))?.[1];
  return version && r.exitCode === 0 ? { name, version, hint: p.hint } : { name, hint: p.hint };
}

/** Probes each toolchain once per process (a run asks for the same ones many times). */
const cache = new Map<Toolchain, Promise<ToolchainInfo>>();
export function toolchain(name: Toolchain): Promise<ToolchainInfo> {
  let p = cache.get(name);
  if (!p) {
    p = probeToolchain(name);
    cache.set(name, p);
  }
  return p;
}

export interface ToolchainCheck {
  /** `name@version` of each toolchain found (an install's cache key includes them). */
  versions: string[];
  missing: ToolchainInfo[];
  /** One line naming what is missing and what to do, when anything is. */
  reason?: string;
}

/** Which of a sample's toolchains are here; a missing one means skipped, never passed. */
export async function checkToolchains(names: readonly Toolchain[]): Promise<ToolchainCheck> {
  const tools = await Promise.all(names.map(toolchain));
  const missing = tools.filter((t) => !t.version);
  return {
    versions: tools.filter((t) => t.version).map((t) => `${t.name}@${t.version}`),
    missing,
    reason: missing.length ? `${missing.map((t) => t.name).join(', ')} not found: ${missing.map((t) => t.hint).join('; ')}` : undefined,
  };
}
