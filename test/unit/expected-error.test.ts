// Every user-facing error is an ExpectedError, so the command line prints it as one line (exit 2)
// by its type alone; a plain `extends Error` in harness/ would be reported as a bug (exit 3).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const HARNESS = path.join(import.meta.dirname, '..', '..', 'harness');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);

describe('expected errors', () => {
  it('every exported error class in harness/ extends ExpectedError', () => {
    const plain = files(HARNESS).filter((f) => !f.endsWith('expected-error.ts')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^export class (\w+) extends Error\b/gm)].map((m) => `${path.relative(HARNESS, f)}: ${m[1]}`));
    expect(plain).toEqual([]);
  });
});
