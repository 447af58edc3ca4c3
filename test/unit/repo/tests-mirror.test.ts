// Unit tests mirror harness/ folder for folder: test/unit/<folder>/<module>[.<aspect>].test.ts
// tests harness/<folder>/<module>.ts, so the test of a module is found by its path alone.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
const UNIT = path.join(ROOT, 'test', 'unit');

/** Test folders that test something other than a harness module, and what they test. */
const OUTSIDE_HARNESS: Record<string, string> = {
  repo: 'the repository itself (its docs and layout)',
  helpers: 'test/helpers',
  global: 'test/global',
  scripts: 'scripts',
};
/** Top-level tests that read the whole harness, not one module. */
const WHOLE_HARNESS = new Set(['parsers.property.test.ts', 'redos.test.ts']);

/** The harness file a unit test's path names, or undefined when it names none. */
function moduleUnderTest(relative: string): string | undefined {
  const [dir = '', ...rest] = relative.split('/');
  if (dir in OUTSIDE_HARNESS || (rest.length === 0 && WHOLE_HARNESS.has(relative))) return undefined;
  // `<module>.<aspect>.test.ts` tests the same module as `<module>.test.ts`.
  const base = relative.replace(/\.test\.ts$/, '').replace(/\.[^/]*$/, '');
  for (const candidate of [`harness/${base}.ts`, `harness/${base}.cjs`]) {
    if (existsSync(path.join(ROOT, candidate))) return candidate;
  }
  return `harness/${base}.ts (missing)`;
}

function unitTests(dir = UNIT, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? unitTests(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.test.ts') ? [`${prefix}${e.name}`] : [],
  );
}

describe('test/unit', () => {
  it('names, for each test file, the harness module it tests', () => {
    const tests = unitTests();
    expect(tests.length).toBeGreaterThan(40);
    expect(tests.map((t) => [t, moduleUnderTest(t)]).filter(([, m]) => m?.endsWith('(missing)'))).toEqual([]);
  });

  it('reads an aspect suffix as the same module, and a wrong folder as missing', () => {
    expect(moduleUnderTest('output/split.lines.test.ts')).toBe('harness/output/split.ts');
    expect(moduleUnderTest('output/dapr-lines.cli-1.18.test.ts')).toBe('harness/output/dapr-lines.ts');
    expect(moduleUnderTest('bin/parity.test.ts')).toBe('harness/bin/parity.cjs');
    expect(moduleUnderTest('golden/split.test.ts')).toBe('harness/golden/split.ts (missing)');
    expect(moduleUnderTest('repo/architecture-doc.test.ts')).toBeUndefined();
  });
});
