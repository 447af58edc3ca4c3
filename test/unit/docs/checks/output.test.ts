
import { describe, expect, it } from 'vitest';
import { compareOutput, stripAppPrefix, outputLines } from '../../../../harness/docs/checks/output.ts';

describe('compareOutput', () => {
  const golden = 'Fetched Secret: x\n';
  it('matches after normalization (ANSI, CRLF, trailing blanks, blank edges)', () => {
    expect(compareOutput('\n\u001b[32mFetched Secret: x\u001b[0m   \r\n\n', golden)).toEqual({ kind: 'match' });
  });
  it('calls a prefix-only difference a prefix drift, in either direction', () => {
    expect(compareOutput('== APP == Fetched Secret: x', golden)).toEqual({ kind: 'prefix', pageHasPrefix: true, index: 0 });
    expect(compareOutput('Fetched Secret: x', '== APP == Fetched Secret: x\n')).toEqual({ kind: 'prefix', pageHasPrefix: false, index: 0 });
  });
  it('tells content drifts apart', () => {
    expect(compareOutput('== APP == INFO:root:Fetched Secret: x', golden)).toMatchObject({ kind: 'content', pageHasPrefix: true });
    expect(compareOutput('Fetched Secret:  x', golden)).toMatchObject({ kind: 'content', why: expect.stringContaining('spacing only') });
    expect(compareOutput('Fetched Secret: {"a":1}', golden, [{ id: 'javascript/sdk', golden: 'Fetched Secret: {"a":1}\n' }])).toMatchObject({ why: expect.stringContaining('javascript/sdk') });
    expect(compareOutput('', golden)).toMatchObject({ kind: 'content', why: expect.stringContaining('leaves out') });
  });
  it('strips the multi-app prefix too', () => {
    expect(stripAppPrefix(outputLines('== APP - order-processor == hi')).lines[0]!.text).toBe('hi');
  });
});
