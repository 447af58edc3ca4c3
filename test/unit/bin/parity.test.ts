// `parity` starts from the ahead-of-time build when it is current, from the sources through tsx
// otherwise; both must be the same program. Real `node` processes, no Dapr needed: each child
// gets an empty home and cache, so what it says does not depend on what this machine provisioned.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..', '..');
const entry = path.join(root, 'harness', 'bin', 'parity.cjs');
const empty = mkdtempSync(path.join(os.tmpdir(), 'parity-entry-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));
const isolated = { HOME: empty, PARITY_CACHE_DIR: path.join(empty, 'cache'), XDG_CACHE_HOME: undefined, PARITY_DAPR_FROM: undefined };
const parity = (args: string[], env: Record<string, string> = {}) =>
  execa('node', [entry, ...args], { cwd: root, reject: false, env: { ...isolated, ...env, NO_COLOR: '1' } });

const newestSource = (dir: string): number => Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) =>
  e.isDirectory() ? newestSource(path.join(dir, e.name)) : e.name.endsWith('.ts') ? statSync(path.join(dir, e.name)).mtimeMs : 0));

beforeAll(async () => {
  // `npm ci` builds dist/ through `prepare`; a checkout edited since then gets a fresh one here
  // (only then: other tests may be starting `parity` from dist/ right now).
  const meta = path.join(root, 'dist', 'meta.json');
  if (!existsSync(meta) || statSync(meta).mtimeMs < newestSource(path.join(root, 'harness'))) {
    await execa('node', [path.join(root, 'scripts', 'build.mjs')], { cwd: root });
  }
}, 60_000);

describe('the parity entry point', () => {
  it('the build is one CommonJS file, and each command leaves a V8 code cache the next start uses', async () => {
    expect(existsSync(path.join(root, 'dist', 'cli.cjs'))).toBe(true);
    const cache = path.join(root, 'dist', 'v8-cache', 'help.bin');
    const first = await parity(['--help']);
    expect(first.exitCode).toBe(0);
    expect(statSync(cache).size).toBeGreaterThan(10_000);
    // A cache V8 accepts is left as it is; one it refuses (here: not a cache at all) is rewritten.
    const accepted = statSync(cache).mtimeMs;
    expect((await parity(['--help'])).stdout).toBe(first.stdout);
    expect(statSync(cache).mtimeMs).toBe(accepted);
    writeFileSync(cache, 'not a code cache');
    const refused = await parity(['--help']);
    expect(refused.exitCode).toBe(0);
    expect(refused.stdout).toBe(first.stdout);
    expect(statSync(cache).size).toBeGreaterThan(10_000);
  });

  it('prints the same help from the build and from the sources', async () => {
    const built = await parity(['--help']);
    const sources = await parity(['--help'], { PARITY_NO_DIST: '1' });
    expect(built.exitCode).toBe(0);
    expect(built.stdout).toContain('Usage: parity');
    expect(built.stdout).toBe(sources.stdout);
  });

  it('rejects a bad flag value with one line and exit 2, from the build too', async () => {
    const r = await parity(['run', '--concurrency', '0', 'no-such-sample']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(['0', 'false', 'no', ''])('PARITY_USE_INSTALLED_DAPR=%j means off, and 1 means on', async (off) => {
    const [offRun, onRun] = await Promise.all([
      parity(['doctor', 'go/http'], { PARITY_USE_INSTALLED_DAPR: off, PATH: process.env.PATH ?? '' }),
      parity(['doctor', 'go/http'], { PARITY_USE_INSTALLED_DAPR: '1', PATH: process.env.PATH ?? '' }),
    ]);
    expect(offRun.stdout + offRun.stderr).not.toContain('--use-installed-dapr');
    // Off: the release pins are looked for in the (empty) cache, as by default.
    expect(offRun.stdout).toMatch(/^dapr {7}not cached yet: a run downloads CLI \d+\.\d+\.\d+ \/ daprd \d+\.\d+\.\d+ \(the release pins/m);
    // On: the installed Dapr is asked for, whether or not this machine has one.
    expect(onRun.stdout + onRun.stderr).toMatch(/installed|--use-installed-dapr/);
  });
});
