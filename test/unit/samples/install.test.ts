// Runs real shell install steps in a temp sample folder: the cache decision is the behaviour.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import type { SampleSpec } from '../../../harness/model.ts';
import { installSample, readInstallKey } from '../../../harness/samples/install.ts';

cleanTempDirsAfterAll();

function sample(run: string, inputs = ['deps.txt'], outputs: string[] = []): SampleSpec {
  const dir = tempDir('parity-install-');
  writeFileSync(path.join(dir, 'deps.txt'), 'a==1\n');
  return {
    id: 'python/http', language: 'python', variant: 'http', dir, appId: 'x', toolchains: ['python3'],
    install: [{ run, inputs, outputs }], pathPrepend: [], run: 'true', golden: path.join(dir, 'g.txt'), timeoutMs: 1000,
    source: path.join(dir, 'app.py'), env: {}, filters: [], redactions: [],
  };
}

const opts = (s: SampleSpec, versions = ['python3@3.11.7']) => ({ logDir: path.join(s.dir, 'logs'), toolchainVersions: versions });
const count = (s: SampleSpec) => (existsSync(path.join(s.dir, 'count')) ? readFileSync(path.join(s.dir, 'count'), 'utf8').length : 0);

describe('installSample', () => {
  it('runs a step once, then skips it while its inputs are unchanged', async () => {
    const s = sample('printf x >> count');
    expect(await installSample(s, opts(s))).toMatchObject({ ok: true, ran: 1, skipped: 0 });
    expect(await installSample(s, opts(s))).toMatchObject({ ok: true, ran: 0, skipped: 1 });
    expect(count(s)).toBe(1);
    expect(readFileSync(path.join(s.dir, 'logs', 'install.log'), 'utf8')).toContain('skipped: inputs unchanged');
  });

  it('runs again when an input file, the toolchain version or the command changes', async () => {
    const s = sample('printf x >> count');
    await installSample(s, opts(s));
    writeFileSync(path.join(s.dir, 'deps.txt'), 'a==2\n');
    await installSample(s, opts(s));
    await installSample(s, opts(s, ['python3@3.12.0']));
    expect(count(s)).toBe(3);
    const k1 = await readInstallKey(s.dir, s.install[0]!, ['v1']);
    expect(await readInstallKey(s.dir, { ...s.install[0]!, run: 'other' }, ['v1'])).not.toBe(k1);
  });

  it('takes an input folder as every file under it, less what builds write', async () => {
    const s = sample('true', ['src']);
    mkdirSync(path.join(s.dir, 'src', 'main'), { recursive: true });
    writeFileSync(path.join(s.dir, 'src', 'main', 'A.java'), 'class A {}');
    const key = () => readInstallKey(s.dir, s.install[0]!, ['v1']);
    const k1 = await key();
    mkdirSync(path.join(s.dir, 'src', 'target'));
    writeFileSync(path.join(s.dir, 'src', 'target', 'A.class'), 'bytes');
    expect(await key()).toBe(k1);
    writeFileSync(path.join(s.dir, 'src', 'main', 'A.java'), 'class A { int x; }');
    expect(await key()).not.toBe(k1);
  });

  it('runs again when what the step produced is gone', async () => {
    const s = sample('printf x >> count && mkdir -p out', ['deps.txt'], ['out']);
    await installSample(s, opts(s));
    rmSync(path.join(s.dir, 'out'), { recursive: true });
    expect(await installSample(s, opts(s))).toMatchObject({ ran: 1 });
    expect(count(s)).toBe(2);
  });

  it('reports a failing step with its command, exit code and log tail, and does not stamp it', async () => {
    const s = sample('printf x >> count; echo resolving deps; echo "no such package: nope" >&2; exit 3');
    const r = await installSample(s, opts(s));
    expect(r).toMatchObject({ ok: false, ran: 0, skipped: 0 });
    expect(r.error).toContain('install step "printf x >> count; echo resolving deps;');
    expect(r.error).toContain('(exit 3)');
    expect(r.error).toContain('no such package: nope');
    // A failed step is never stamped: the next install runs it again (and fails again), not skips it.
    const again = await installSample(s, opts(s));
    expect(again).toMatchObject({ ok: false, ran: 0, skipped: 0 });
    expect(again.error).toContain('(exit 3)');
    expect(count(s)).toBe(2);
  });
});
