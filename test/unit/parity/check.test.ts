import { describe, expect, it } from 'vitest';
import type { SampleResult } from '../../../harness/model.ts';
import { checkParity, paritySentence } from '../../../harness/parity/check.ts';

const tree = { secret: 'YourPasskeyHere' };
const sample = (id: string, over: Partial<SampleResult> = {}): SampleResult => ({
  id, language: 'go', variant: 'sdk', status: 'passed', durationMs: 1, attempts: 1, output: 'x\n', parsedSecret: { secret: 'YourPasskeyHere' }, ...over,
}) as SampleResult;
const skipped = (id: string): SampleResult => ({ id, language: 'java', variant: 'http', status: 'skipped', durationMs: 0, attempts: 0, reason: 'mvn not found' });

describe('checkParity: the verdict and its problem lines', () => {
  it.each<[string, SampleResult[], unknown, Record<string, unknown>, { ok: boolean; problems: string[]; checked: number }]>([
    ['a secrets file without the key fails even when no sample disagrees',
      [sample('go/sdk', { parsedSecret: { other: 'x' } })], { other: 'x' }, {},
      { ok: false, problems: ['secrets file has no key "secret"', 'go/sdk: the secrets file has no key "secret"'], checked: 1 }],
    ['a sample\'s own file without the key is named',
      [sample('go/http', { secretsFile: 'go/http/secrets.json' })], tree, { 'go/http/secrets.json': { other: 'x' } },
      { ok: false, problems: ['go/http: go/http/secrets.json has no key "secret"'], checked: 1 }],
    ['a sample without a secrets file of its own is compared with the tree\'s, whatever labels perFile has',
      [sample('go/sdk')], tree, { undefined: { secret: 'elsewhere' } },
      { ok: true, problems: [], checked: 1 }],
    ['a sample that printed no map and gave no reason',
      [sample('py/sdk', { parsedSecret: undefined })], tree, {},
      { ok: false, problems: ['py/sdk: printed no parsable secret'], checked: 1 }],
    ['only skipped samples: nothing was runnable, so nothing is missing',
      [skipped('java/http'), skipped('java/sdk')], tree, {},
      { ok: true, problems: [], checked: 0 }],
    ['no samples at all',
      [], tree, {},
      { ok: true, problems: [], checked: 0 }],
    ['a sample that ran but printed nothing, next to skipped ones',
      [skipped('java/http'), sample('go/sdk', { status: 'failed', output: undefined })], tree, {},
      { ok: false, problems: ['no sample produced output to compare'], checked: 0 }],
  ])('%s', (_name, results, secrets, perFile, want) => {
    expect(checkParity(results, secrets, perFile)).toEqual({ ...want, expected: (secrets as { secret?: string }).secret === undefined ? {} : tree });
  });
});

describe('paritySentence', () => {
  it.each([
    [{ ok: true, expected: tree, problems: [], checked: 3 }, 'ok, 3 sample(s) returned {"secret":"YourPasskeyHere"}, as the secrets file holds'],
    [{ ok: false, expected: tree, problems: ['no sample produced output to compare'], checked: 0 }, 'FAILED'],
  ])('%j → %s', (parity, sentence) => {
    expect(paritySentence(parity)).toBe(sentence);
  });
});
