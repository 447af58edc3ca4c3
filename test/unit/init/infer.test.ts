// inferSample on an in-memory tree (a test double of the disk, through TreeView): the rules for
// folders, the app's environment and what is left out, one at a time.
import path from 'node:path';
import { mmStep } from '../../helpers/mm-step.ts';
import { describe, expect, it } from 'vitest';
import { inferSample, type TreeView } from '../../../harness/init/infer.ts';
import { parseMmSteps } from '../../../harness/init/mm-steps.ts';

const ROOT = '/q';
function memoryTree(files: Record<string, string>): TreeView {
  const abs = Object.fromEntries(Object.entries(files).map(([f, t]) => [path.join(ROOT, f), t]));
  const dirs = new Set(Object.keys(abs).flatMap((f) => { const out: string[] = []; for (let d = path.dirname(f); d !== '/'; d = path.dirname(d)) out.push(d); return out; }));
  return {
    isFile: (p) => p in abs,
    isDir: (p) => dirs.has(p),
    list: (dir) => [...new Set([...Object.keys(abs), ...dirs].filter((p) => path.dirname(p) === dir).map((p) => path.basename(p)))],
    read: (p) => abs[p],
  };
}
const step = (header: string, ...blocks: string[]) => `${mmStep(header, ...blocks)}\n`;

function infer(readme: string, files: Record<string, string> = {}) {
  const tree = memoryTree({ 'go/http/README.md': readme, 'go/http/app/main.go': '', 'go/http/app/go.mod': '', ...files });
  return inferSample(ROOT, '/q/go/http/README.md', parseMmSteps(readme), tree);
}

describe('inferSample', () => {
  it('runs an install step in its own folder when it is not the app folder', () => {
    const r = infer(step('name: i', 'go mod download', 'cd app\ngo build -o svc .') + step('name: r', 'cd app && dapr run --app-id x -- ./svc'));
    expect(r.sample!.dir.value).toBe('go/http/app');
    expect(r.sample!.install).toEqual([
      { run: 'cd .. && go mod download', inputs: [], outputs: [], line: 6 },
      { run: 'go build -o svc .', inputs: ['go.mod', 'main.go'], outputs: ['svc'], line: 11 },
    ]);
  });

  it('takes exports and an activated virtualenv before dapr run as the app\'s environment', () => {
    const r = infer(step('name: r\nenv:\n  A: "1"', 'cd app\nexport B=2 C=3\nsource ../.venv/bin/activate\ndapr run --app-id x -- go run .'));
    expect(r.sample!.env!.value).toEqual({ A: '1', B: '2', C: '3' });
    expect(r.sample!.path!.value).toEqual(['../.venv/bin']);
  });

  it('leaves out what is not an install step, and says so with the line', () => {
    const r = infer(step('name: s\nbackground: true', 'dapr run --app-id other -- sleep 1') + step('name: i', 'dapr init') + step('name: r', 'cd app\ndapr run -a x -- go run .'));
    // The background step holds the first dapr run: it is the sample; nothing comes before it.
    expect(r.sample!.run.value).toBe('sleep 1');
    expect(r.problems.map((p) => [p.line, p.what.slice(0, 40)])).toEqual([[28, 'another `dapr run`: only the first one i'], [7, '`dapr run` has no --resources-path: the '], [7, 'no secrets file found (no local-file sec']]);
  });

  it('refuses a multi-app run file, and a dapr run with no app command', () => {
    expect(infer(step('name: r', 'dapr run -f dapr.yaml')).problems[0]!.what).toContain('multi-app run file');
    expect(infer(step('name: r', 'dapr run --app-id x')).problems[0]!.what).toContain('no app command');
  });

  it('names a source file it cannot find as FIXME, and says so', () => {
    const r = inferSample(ROOT, '/q/go/http/README.md', parseMmSteps(step('name: r', 'dapr run --app-id x -- ./svc')), memoryTree({ 'go/http/README.md': '' }));
    expect(r.sample!.source.value).toBe('FIXME');
    expect(r.problems.map((p) => p.what)).toContainEqual(expect.stringContaining('cannot tell the main source file'));
  });
});
