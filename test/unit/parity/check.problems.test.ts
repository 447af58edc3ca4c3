import { describe, expect, it } from 'vitest';
import { checkParity } from '../../../harness/parity/check.ts';


describe('checkParity', () => {
  const secrets = { secret: 'YourPasskeyHere' };
  const ran = (id: string, parsed?: Record<string, string>, parityError?: string) => ({
    id, language: 'go' as const, variant: 'sdk' as const, status: 'failed' as const, durationMs: 1, attempts: 1, output: 'x', parsedSecret: parsed, parityError,
  });
  it('passes when every sample that printed returned the secret', () => {
    expect(checkParity([ran('a', { secret: 'YourPasskeyHere' })], secrets)).toMatchObject({ ok: true, checked: 1 });
  });
  it('names the sample that disagrees or printed nothing parsable', () => {
    const p = checkParity([ran('a', { secret: 'other' }), ran('b', undefined, 'no "Fetched Secret:" line in the output')], secrets);
    expect(p.ok).toBe(false);
    expect(p.problems).toEqual([
      'a: returned {"secret":"other"}, the secrets file holds {"secret":"YourPasskeyHere"}',
      'b: no "Fetched Secret:" line in the output',
    ]);
  });
  it('is never ok over nothing', () => {
    expect(checkParity([{ ...ran('a'), output: undefined }], secrets)).toMatchObject({ ok: false, problems: ['no sample produced output to compare'] });
  });
});
