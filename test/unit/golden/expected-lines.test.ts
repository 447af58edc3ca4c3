import { describe, expect, it } from 'vitest';
import { checkExpectedLines } from '../../../harness/golden/expected-lines.ts';

const out = 'starting\nFetched Secret: {"secret":"YourPasskeyHere"}\nOrder 1 done\nOrder 2 done\n';

describe('checkExpectedLines', () => {
  it('passes when every line is in the output, in order', () => {
    expect(checkExpectedLines(out, { lines: ['Fetched Secret: {"secret":"YourPasskeyHere"}', 'Order 2 done'], order: 'sequential', mode: 'exact' })).toEqual({ ok: true });
  });

  it('names the first missing line', () => {
    expect(checkExpectedLines(out, { lines: ['Order 1 done', 'Order 3 done', 'Order 4 done'], order: 'none', mode: 'exact' })).toEqual({ ok: false, missing: 'Order 3 done' });
  });

  it('exact mode wants the whole line; substring mode a part of one', () => {
    const lines = ['Fetched Secret:'];
    expect(checkExpectedLines(out, { lines, order: 'none', mode: 'exact' }).ok).toBe(false);
    expect(checkExpectedLines(out, { lines, order: 'none', mode: 'substring' }).ok).toBe(true);
  });

  it('sequential order fails a line that only comes earlier; order none does not', () => {
    const lines = ['Order 2 done', 'Order 1 done'];
    expect(checkExpectedLines(out, { lines, order: 'sequential', mode: 'exact' })).toEqual({ ok: false, missing: 'Order 1 done', outOfOrder: true });
    expect(checkExpectedLines(out, { lines, order: 'none', mode: 'exact' })).toEqual({ ok: true });
  });

  it('sequential order looks past an early match to a later one', () => {
    expect(checkExpectedLines('b\na\nb\n', { lines: ['a', 'b'], order: 'sequential', mode: 'exact' }).ok).toBe(true);
  });

  it('one output line satisfies one expected line only', () => {
    expect(checkExpectedLines('x\n', { lines: ['x', 'x'], order: 'none', mode: 'exact' })).toEqual({ ok: false, missing: 'x' });
    expect(checkExpectedLines('x\nx\n', { lines: ['x', 'x'], order: 'sequential', mode: 'exact' }).ok).toBe(true);
  });

  it('drops the CLI\'s == APP == frame from expected lines and output alike', () => {
    const lines = ["== APP == Fetched Secret: {'secret': 'YourPasskeyHere'}"];
    expect(checkExpectedLines("Fetched Secret: {'secret': 'YourPasskeyHere'}\n", { lines, order: 'sequential', mode: 'exact' }).ok).toBe(true);
    expect(checkExpectedLines("== APP - order-processor == Fetched Secret: {'secret': 'YourPasskeyHere'}\n", { lines, order: 'sequential', mode: 'exact' }).ok).toBe(true);
  });

  it('ignores CRLF and trailing white space in the output', () => {
    expect(checkExpectedLines('a  \r\nb\r\n', { lines: ['a', 'b'], order: 'sequential', mode: 'exact' }).ok).toBe(true);
  });

  it('an empty output misses the first line', () => {
    expect(checkExpectedLines('', { lines: ['a'], order: 'sequential', mode: 'exact' })).toEqual({ ok: false, missing: 'a' });
  });
});

describe('checkExpectedLines, edges', () => {
  it('splits on a lone CR too', () => {
    expect(checkExpectedLines('a\rb', { lines: ['a', 'b'], order: 'sequential', mode: 'exact' }).ok).toBe(true);
  });
  it('matches an expected line less its trailing white space, and reports it as written', () => {
    expect(checkExpectedLines('b\n', { lines: ['b  '], order: 'none', mode: 'exact' }).ok).toBe(true);
    expect(checkExpectedLines('b\n', { lines: ['zz  '], order: 'none', mode: 'exact' })).toEqual({ ok: false, missing: 'zz  ' });
  });
  it('a line already used by an earlier expected line is not "out of order", only missing', () => {
    expect(checkExpectedLines('a\nb\n', { lines: ['a', 'a'], order: 'sequential', mode: 'exact' })).toEqual({ ok: false, missing: 'a' });
  });
  it('out of order in substring mode too', () => {
    expect(checkExpectedLines('xa\nyb\n', { lines: ['b', 'a'], order: 'sequential', mode: 'substring' })).toEqual({ ok: false, missing: 'a', outOfOrder: true });
  });
  it('the line right after the previous match counts as after it', () => {
    expect(checkExpectedLines('a\nb\n', { lines: ['a', 'b'], order: 'sequential', mode: 'exact' })).toEqual({ ok: true });
    expect(checkExpectedLines('a\n', { lines: ['a'], order: 'sequential', mode: 'exact' })).toEqual({ ok: true });
  });
});
