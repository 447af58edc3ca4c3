import { describe, expect, it } from 'vitest';
import { installKey, installStepUpToDate, type InstallKeyInputs } from '../../../harness/samples/install-key.ts';

const bytes = (s: string) => Buffer.from(s);
const key = (run: string, toolchainVersions: string[], files: [string, string | undefined][]) =>
  installKey({ run, toolchainVersions, files: new Map(files.map(([n, c]) => [n, c === undefined ? undefined : bytes(c)])) });

describe('installKey', () => {
  const base: InstallKeyInputs = {
    run: 'pip install -r b.txt',
    toolchainVersions: ['Python 3.11.2', 'pip 23'],
    files: new Map([['b.txt', bytes('dapr==1.14\n')], ['gone.txt', undefined], ['a.txt', bytes('')]]),
  };

  it('is the same key as stamps already written hold (so no sample reinstalls after an upgrade)', () => {
    expect(installKey(base)).toBe('b0bafd4d4f58457ea5ab1a92332af2c86f823307fe4516b297107e2e093ff853');
  });

  it('does not depend on the order of the inputs', () => {
    const reversed = new Map([...base.files].reverse());
    expect(installKey({ ...base, files: reversed })).toBe(installKey(base));
  });

  it('changes with the command, a version, an input\'s name or content', () => {
    const k = installKey(base);
    expect(installKey({ ...base, run: 'pip install -r a.txt' })).not.toBe(k);
    expect(installKey({ ...base, toolchainVersions: ['Python 3.11.3', 'pip 23'] })).not.toBe(k);
    expect(key(base.run, [...base.toolchainVersions], [['b.txt', 'dapr==1.15\n'], ['gone.txt', undefined], ['a.txt', '']])).not.toBe(k);
    expect(key(base.run, [...base.toolchainVersions], [['c.txt', 'dapr==1.14\n'], ['gone.txt', undefined], ['a.txt', '']])).not.toBe(k);
  });

  it('tells a missing input from an empty one', () => {
    expect(key('x', [], [['a', undefined]])).not.toBe(key('x', [], [['a', '']]));
  });

  it('never runs two fields together into the same bytes', () => {
    // command | versions
    expect(key('ab', [], [])).not.toBe(key('a', ['b'], []));
    // versions | first name
    expect(key('r', ['a'], [['b', 'c']])).not.toBe(key('r', [], [['ab', 'c']]));
    // one version list and another
    expect(key('r', ['a', 'b'], [])).not.toBe(key('r', ['ab'], []));
    // name | content
    expect(key('r', [], [['a', 'bc']])).not.toBe(key('r', [], [['ab', 'c']]));
    // one file's content | the next file's name
    expect(key('r', [], [['a', 'x'], ['b', 'y']])).not.toBe(key('r', [], [['a', 'xb\0y']]));
  });
});

describe('installStepUpToDate', () => {
  it('skips only when the outputs are there and the stamp is the key', () => {
    expect(installStepUpToDate({ stamp: 'k', key: 'k', outputsThere: true })).toBe(true);
    expect(installStepUpToDate({ stamp: 'k', key: 'k', outputsThere: false })).toBe(false);
    expect(installStepUpToDate({ stamp: 'old', key: 'k', outputsThere: true })).toBe(false);
    expect(installStepUpToDate({ stamp: undefined, key: 'k', outputsThere: true })).toBe(false);
  });
});
