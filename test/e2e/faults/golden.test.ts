// Faults around goldens: an update interrupted mid-write (unit level: a failing fs, and a real
// process SIGKILLed in the middle of writeGoldenAtomic), `--update` never deleting, orphan
// goldens listed, and CI refusing `--update` and failing on a missing golden with the fix named.
import { spawn } from 'node:child_process';
import { promises as fsp, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, it, vi } from 'vitest';
import { orphanGoldens, readGolden, writeGoldenAtomic } from '../../../harness/golden/store.ts';
import { realDapr } from '../../helpers/dapr.ts';
import { expectNothingLeft, expectPassed, sampleResult } from '../../helpers/fault-asserts.ts';
import { CLEAN_GOLDEN, HTTP_SECRET_APP, makeFaultTree, removeFaultTrees } from '../../helpers/fault-tree.ts';
import { pickTestPort } from '../../helpers/leftovers.ts';
import { endParityChildren, REPO_ROOT, runParity } from '../../helpers/parity-child.ts';

const E2E = 120_000;
const OLD = 'Fetched Secret: {"secret":"the old golden"}\n';
const scratch: string[] = [];
const tmpDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'parity-fault-golden-'));
  scratch.push(d);
  return d;
};

afterAll(async () => {
  await endParityChildren();
  removeFaultTrees();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe('writeGoldenAtomic when the update is interrupted', () => {
  afterEach(() => vi.restoreAllMocks());

  function golden() {
    const dir = path.join(tmpDir(), 'expected');
    mkdirSync(dir);
    const file = path.join(dir, 'python-http.txt');
    writeFileSync(file, OLD);
    return { dir, file };
  }

  it('the temp write fails half-way (disk full): the old golden is intact, no temp file is left, the error surfaces', async ({ expect }) => {
    const { dir, file } = golden();
    const real = fsp.writeFile.bind(fsp);
    vi.spyOn(fsp, 'writeFile').mockImplementationOnce(async (target, data) => {
      await real(target as string, String(data).slice(0, 10)); // part of it reached the disk…
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    await expect(writeGoldenAtomic(file, CLEAN_GOLDEN)).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['python-http.txt']);
  });

  it('the rename fails: the old golden is intact and the temp file is removed', async ({ expect }) => {
    const { dir, file } = golden();
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' }));
    await expect(writeGoldenAtomic(file, CLEAN_GOLDEN)).rejects.toThrow(/EXDEV/);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['python-http.txt']);
  });

  it('the writing process is SIGKILLed mid-write: the old golden is intact byte for byte, and the stray temp file counts as no golden', async ({ expect }) => {
    const { dir, file } = golden();
    const content = `Fetched Secret: ${'n'.repeat(1 << 20)}\n`; // what the child writes
    // A real process running the real writeGoldenAtomic, whose temp write stops half-way (as a
    // slow disk would) and reports it; we then kill it with no chance to clean up.
    const script = `
      import { promises as fsp } from 'node:fs';
      import { writeGoldenAtomic } from ${JSON.stringify(path.join(REPO_ROOT, 'harness', 'golden', 'store.ts'))};
      const real = fsp.writeFile.bind(fsp);
      fsp.writeFile = async (target, data) => {
        await real(target, String(data).slice(0, String(data).length >> 1));
        process.stdout.write('MID-WRITE ' + target + '\\n');
        await new Promise(() => setInterval(() => {}, 1000));
      };
      await writeGoldenAtomic(${JSON.stringify(file)}, 'Fetched Secret: ' + 'n'.repeat(1 << 20) + '\\n');
      process.stdout.write('FINISHED\\n');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c; });
    const tmp = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c;
        const m = /MID-WRITE (.*)\n/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`child exited before the write: ${out}${err}`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    expect(out).not.toContain('FINISHED');
    expect(existsSync(tmp)).toBe(true); // the half-written temp file: proof the kill hit mid-update
    expect(statSync(tmp).size).toBe(content.length >> 1);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(await readGolden(file)).toBe(OLD);
    // The leftover is a dot-file next to the golden: not read as a golden, not listed as an orphan.
    expect(path.basename(tmp).startsWith('.')).toBe(true);
    expect(orphanGoldens(dir, [file])).toEqual([]);
  }, 60_000);
});

describe.concurrent('--update, orphans and CI', () => {
  beforeAll(async () => {
    await realDapr();
  });

  const app = { run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } };

  it('--update rewrites a stale golden, never deletes: the orphan golden stays and is listed in report.json and on the console', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [{ ...app, golden: OLD }], files: { 'expected/ruby-sdk.txt': 'Fetched Secret: from a sample that is gone\n', 'expected/notes.md': 'not a golden\n' } });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--update', '--timeout', '30', '--dapr-http-port', String(port)]);
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(0);
    expectPassed(expect, s, r.describe());
    expect(readFileSync(tree.path('expected', 'python-http.txt'), 'utf8')).toBe(CLEAN_GOLDEN);
    expect(readFileSync(tree.path('expected', 'ruby-sdk.txt'), 'utf8')).toBe('Fetched Secret: from a sample that is gone\n');
    expect(readdirSync(tree.path('expected')).sort()).toEqual(['notes.md', 'python-http.txt', 'ruby-sdk.txt']);
    expect(r.report!.orphanGoldens).toEqual(['expected/ruby-sdk.txt']);
    expect(r.stdout).toContain('note: golden expected/ruby-sdk.txt belongs to no sample (not deleted)');
    expect(r.stderr).toContain('python/http: golden expected/python-http.txt updated');
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it('--update refuses output that changes between runs: the old golden stays, the diff and a redaction that would hold it are shown', async ({ expect }) => {
    // The app prints the secret, then a number that differs every run (a request id, say).
    const unstable = { run: 'python3 app.py', files: { 'app.py': `${HTTP_SECRET_APP}import random\nprint('request id %d' % random.randrange(10**9), flush=True)\n` } };
    const tree = makeFaultTree({ samples: [{ ...unstable, golden: OLD }] });
    const r = await runParity(tree.root, ['--update', '--timeout', '30']);
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/^not recorded: the 2 runs printed different output \(the golden is left as it was\)/);
    expect(s.reason).toMatch(/redact: \[\{ pattern: "request id \[\\\\d\.,:\]\+", replacement: "\[VALUE\]" \}\]/);
    expect(s.reason).toMatch(/^-request id \d+$/m);
    expect(s.reason).toMatch(/^\+request id \d+$/m);
    expect(readFileSync(tree.path('expected', 'python-http.txt'), 'utf8')).toBe(OLD);
    await expectNothingLeft(expect, r, []);
  }, E2E);

  it('--update-runs 3: three runs must agree; one that differs only on its third run is not recorded', async ({ expect }) => {
    // The app counts its runs in a file beside it and prints one more line on the third: two
    // runs (the default) would agree and record it.
    const counting = `with open('runs', 'a') as f:\n    f.write('run\\n')\nruns = len(open('runs').read().splitlines())\n${HTTP_SECRET_APP}if runs == 3:\n    print('third run', flush=True)\n`;
    const tree = makeFaultTree({ samples: [{ run: 'python3 app.py', files: { 'app.py': counting }, golden: OLD }] });
    const r = await runParity(tree.root, ['--update', '--update-runs', '3', '--timeout', '30']);
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/^not recorded: the 3 runs printed different output \(the golden is left as it was\)/);
    expect(s.reason).toMatch(/^\+third run$/m);
    expect(readFileSync(tree.path('samples', 'python', 'http', 'runs'), 'utf8').split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(3);
    expect(readFileSync(tree.path('expected', 'python-http.txt'), 'utf8')).toBe(OLD);
    await expectNothingLeft(expect, r, []);
  }, E2E);

  it('orphans are listed on a normal run too, and nothing is written', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [app], files: { 'expected/go-sdk.txt': 'x\n' } });
    const r = await runParity(tree.root, ['--timeout', '30']);
    expect(r.code, r.describe()).toBe(0);
    expect(r.report!.orphanGoldens).toEqual(['expected/go-sdk.txt']);
    expect(readFileSync(tree.path('expected', 'go-sdk.txt'), 'utf8')).toBe('x\n');
    expect(readFileSync(tree.path('expected', 'python-http.txt'), 'utf8')).toBe(CLEAN_GOLDEN);
    await expectNothingLeft(expect, r);
  }, E2E);

  it('CI=true refuses --update: exit 2, one line, the golden untouched, nothing run', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [{ ...app, golden: OLD }] });
    const r = await runParity(tree.root, ['--update', '--timeout', '30'], { env: { CI: 'true' } });
    expect(r.code, r.describe()).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual(['parity: --update is refused when CI=true: goldens are accepted on a developer machine, then committed']);
    expect(readFileSync(tree.path('expected', 'python-http.txt'), 'utf8')).toBe(OLD);
    expect(r.report).toBeUndefined();
    await expectNothingLeft(expect, r);
  }, E2E);

  it('CI=true and a missing golden: failed with a line naming the update command; no golden is created', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [{ ...app, golden: null }] });
    const r = await runParity(tree.root, ['--timeout', '30'], { env: { CI: 'true' } });
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toBe('no golden at expected/python-http.txt: run `npx parity run python/http --update` to create it, read it, then commit it');
    expect(r.stdout).toContain('npx parity run python/http --update');
    expect(existsSync(tree.path('expected', 'python-http.txt'))).toBe(false);
    await expectNothingLeft(expect, r);
  }, E2E);
});
