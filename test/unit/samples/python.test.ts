// Which Python a sample needs and which interpreter gives it: the choice is pure; the floor is
// found by compiling files with this machine's real interpreters.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePython, firstSyntaxError, meets, pickPython, pythonFloor, pythonFiles, pythonInterpreters, type PythonInterpreter } from '../../../harness/samples/python.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

const py = (version: string, onPath = false): PythonInterpreter => ({ file: `/py/${version}/bin/python3`, version, onPath });

// Quotes reused inside an f-string parse from Python 3.12 on: that case needs a python3 older than
// 3.12 with a 3.12+ beside it (a counted skip elsewhere).
const newer = await pythonInterpreters().then((found) => {
  const current = found.find((p) => p.onPath);
  return Boolean(current && !meets(current.version, '3.12') && found.some((p) => meets(p.version, '3.12')));
});

describe('choosing a Python', () => {
  it('compares versions by their numbers, to the precision of the minimum', () => {
    expect(meets('3.12.1', '3.12')).toBe(true);
    expect(meets('3.11.7', '3.12')).toBe(false);
    expect(meets('3.10.0', '3.9')).toBe(true);
    expect(meets('4.0.0', '3.12')).toBe(true);
  });
  it("keeps PATH's python3 when it meets the minimum, else takes the oldest that does", () => {
    const found = [py('3.13.0'), py('3.11.7', true), py('3.12.1'), py('3.9.18')];
    expect(pickPython(found, '3.9')?.version).toBe('3.11.7');
    expect(pickPython(found, '3.12')?.version).toBe('3.12.1');
    expect(pickPython(found, '3.14')).toBeUndefined();
  });
  it('says what to install when no interpreter here is new enough', async () => {
    const r = await choosePython('3.99', 'app.py:3: bad syntax');
    expect(r.reason).toMatch(/^needs Python 3\.99 or newer \(app\.py:3: bad syntax\); this machine has .*: install Python 3\.99 /);
    expect(r.pathPrepend).toEqual([]);
  });
});

describe("a sample's Python floor", () => {
  function sample(files: Record<string, string>): string {
    const dir = tempDir('parity-python-floor-');
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  }
  it('lists the Python files, generated folders left out', () => {
    const dir = sample({ 'app/main.py': 'x = 1\n', '.venv/lib/site.py': 'x = (\n', 'app/node_modules/a.py': '', 'README.md': '' });
    expect(pythonFiles(dir)).toEqual(['app/main.py']);
  });
  it('names the first file and line an interpreter cannot compile', async () => {
    const dir = sample({ 'a.py': 'print(1)\n', 'b.py': 'x = 1\ny = (\n' });
    const current = (await pythonInterpreters()).find((p) => p.onPath)!;
    expect(await firstSyntaxError(current.file, dir, ['a.py', 'b.py'])).toMatch(/^b\.py:2: /);
    expect(await firstSyntaxError(current.file, dir, ['a.py'])).toBeUndefined();
    expect(await pythonFloor(dir)).toBeUndefined();
  });
  it('is none for code the usual python3 reads', async () => {
    expect(await pythonFloor(sample({ 'app.py': 'import os\nprint(f"{os.sep}")\n' }))).toBeUndefined();
  });
  it.skipIf(!newer)('is the oldest newer interpreter that reads it, with what the usual one could not (needs python3 < 3.12 and a 3.12+ beside it)', async () => {
    const floor = await pythonFloor(sample({ 'svc/app.py': 'd = {"id": 1}\nprint(f"id: {d["id"]}")\n' }));
    expect(floor?.min).toBe('3.12');
    expect(floor?.why).toMatch(/^svc\/app\.py:2: .* under Python 3\.\d+\.\d+$/);
    const chosen = await choosePython(floor!.min, floor!.why);
    expect(chosen.version).toMatch(/^python3@3\.12\./);
    expect(chosen.pathPrepend).toHaveLength(1);
    expect(chosen.note).toContain('instead of PATH\'s python3');
  });
});
