// Line by line: which side of a `dapr run` capture each kind of line lands on, and the edges of
// every pattern (anchors, optional parts, each alternative), so a loosened pattern shows.
import { describe, expect, it } from 'vitest';
import { isCliLine, isDaprdLine } from '../../../harness/output/dapr-lines.ts';
import { shapeForCli, splitDaprOutput, toLines } from '../../../harness/output/split.ts';

const side = (line: string, shape: 'prefixed' | 'unprefixed' | 'multi-app') => {
  const s = splitDaprOutput(line, shape);
  const sides = (['app', 'cli', 'daprd', 'other'] as const).filter((k) => s[k].length > 0);
  return sides.join('+');
};

describe('isDaprdLine', () => {
  it.each([
    ['time="" level=info msg="m"', true],
    ['time="2026-11-29T05:11:04Z" level=warning msg=x', true],
    ['x time="t" level=info msg="m"', false],
    ['time="t" level= msg="m"', false],
    ['time="t" level=info  msg="m"', false],
    ['time=t level=info msg="m"', false],
    ...['DEBU', 'INFO', 'WARN', 'ERRO', 'FATA', 'PANI'].map((l) => [`${l}[0042] msg`, true] as [string, boolean]),
    ['INFO[0] msg', true],
    ['TRAC[0000] msg', false],
    ['INFO[] msg', false],
    ['INFO[0000]msg', false],
    ['x INFO[0000] msg', false],
    ['{"level":"info","msg":"m","scope":"s"}', true],
    ['{"msg":"m","scope":"s"}', false],
    ['{"level":"info","scope":"s"}', false],
    ['{"level":"info","msg":"m"}', false],
    ['{"level":1,"msg":"m","scope":"s"}', false],
    ['{"level":"info","msg":"m","scope":"s"} tail', false],
    ['null', false],
    ['"level"', false],
    ['[1]', false],
  ])('%j → %s', (line, want) => expect(isDaprdLine(line)).toBe(want));
});

describe('isCliLine', () => {
  it.each([
    ['ℹ️  Starting', true],
    ['ℹ  Starting', true],
    ['✅  Done', true],
    ['❌  Failed', true],
    ['⚠️  Careful', true],
    ['⚠\tCareful', true],
    ['✅Done', false],
    ['x ✅  Done', false],
    ['terminated signal received: shutting down', true],
    ['terminated signal received: shutting down now', false],
    ['x terminated signal received: shutting down', false],
    ['Flag --app-port has been deprecated, use x', true],
    ['Flag --a has been deprecated,', true],
    ['Flag -- has been deprecated,', false],
    ['Flag --a has been deprecated.', false],
    ['x Flag --a has been deprecated,', false],
    ['WARNING: something', true],
    ['WARNING something', false],
    ['x WARNING: something', false],
    ['{"time":"t","status":"success","msg":"m"}', true],
    ['{"time":"t","msg":"m"}', false],
    ['{"time":"t","status":"success"}', false],
    ['{"status":"success","msg":"m"}', false],
    ['{"time":"t","status":"success","msg":"m","scope":"s"}', false],
    ['{"time":"t","status":1,"msg":"m"}', false],
    ['null', false],
  ])('%j → %s', (line, want) => expect(isCliLine(line)).toBe(want));
});

describe('shapeForCli', () => {
  it.each([
    ['1.16.5', 'prefixed'],
    ['v1.16.0', 'prefixed'],
    ['1.17', 'unprefixed'],
    ['1.170.0', 'unprefixed'],
    ['0.17.0', 'prefixed'],
    ['2.0.0', 'unprefixed'],
    ['10.0.0', 'unprefixed'],
    ['x1.17.0', undefined],
    ['1', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %s', (version, want) => expect(shapeForCli(version)).toBe(want));
});

describe('toLines', () => {
  it.each([
    ['', []],
    ['a', ['a']],
    ['a\n', ['a']],
    ['a\n\n', ['a', '']],
    ['\n', ['']],
    ['a\r\nb\rc\n', ['a', 'b', 'c']],
    ['\u001b[31ma\u001b[0m\n', ['a']],
  ])('%j → %j', (text, want) => expect(toLines(text)).toEqual(want));
});

describe('splitDaprOutput, one line at a time', () => {
  it.each([
    // prefixed: only a line that starts with the prefix is the app's
    ['== APP == hi', 'prefixed', 'app'],
    ['== APP ==', 'prefixed', 'app'],
    ['== APP ==x', 'prefixed', 'other'],
    ['x == APP == hi', 'prefixed', 'other'],
    ['== APP - a == hi', 'prefixed', 'other'],
    ['plain', 'prefixed', 'other'],
    ['✅  Done', 'prefixed', 'cli'],
    ['time="t" level=info msg="m"', 'prefixed', 'daprd'],
    // multi-app: only the per-app prefix
    ['== APP - a == hi', 'multi-app', 'app'],
    ['== APP - a ==', 'multi-app', 'app'],
    ['== APP - a ==x', 'multi-app', 'other'],
    ['x == APP - a == hi', 'multi-app', 'other'],
    ['== APP == hi', 'multi-app', 'other'],
    // unprefixed: whatever is neither daprd's nor the CLI's
    ['== APP == hi', 'unprefixed', 'app'],
    ['plain', 'unprefixed', 'app'],
    ['WARNING: x', 'unprefixed', 'cli'],
  ] as const)('%j in a %s run → %s', (line, shape, want) => expect(side(line, shape)).toBe(want));

  it('keeps what follows the prefix, and an empty line for a bare prefix', () => {
    expect(splitDaprOutput('== APP ==  two  spaces\n== APP ==\n', 'prefixed').appById).toEqual({ '': [' two  spaces', ''] });
    expect(splitDaprOutput('== APP - a == b == c\n== APP - a ==\n== APP - bb == d\n', 'multi-app').appById).toEqual({ a: ['b == c', ''], bb: ['d'] });
  });

  it('keeps the whole line, prefix and all, in an unprefixed run, under the id ""', () => {
    expect(splitDaprOutput('== APP == hi\n', 'unprefixed').appById).toEqual({ '': ['== APP == hi'] });
  });

  it('detects the shape from the lines when not told: multi-app wins over prefixed', () => {
    expect(splitDaprOutput('== APP == x\n== APP - a == y\n').shape).toBe('multi-app');
    expect(splitDaprOutput('noise\n== APP == x\n').shape).toBe('prefixed');
    expect(splitDaprOutput('x == APP == y\nx == APP - a == y\n').shape).toBe('unprefixed');
    expect(splitDaprOutput('== APP ==x\n').shape).toBe('unprefixed');
    expect(splitDaprOutput('== APP - a ==x\n').shape).toBe('unprefixed');
  });

  it('keeps the order of the app lines and files each line once', () => {
    const s = splitDaprOutput(['== APP == 1', '✅  a', '== APP == 2', 'time="t" level=info msg=m', 'stray'].join('\n'), 'prefixed');
    expect(s).toEqual({ shape: 'prefixed', app: ['1', '2'], appById: { '': ['1', '2'] }, cli: ['✅  a'], daprd: ['time="t" level=info msg=m'], other: ['stray'] });
  });
});

describe('the CLI\'s plain lines are whole lines', () => {
  it('an app line that only mentions them mid-line stays the app\'s', async () => {
    const { splitDaprOutput } = await import('../../../harness/output/split.ts');
    const s = splitDaprOutput('note: The App process exited with error code: 1\nlog: Error exiting App: x\nThe App process exited with error code: 1\n', 'unprefixed');
    expect(s.app).toEqual(['note: The App process exited with error code: 1', 'log: Error exiting App: x']);
    expect(s.cli).toEqual(['The App process exited with error code: 1']);
  });
});
