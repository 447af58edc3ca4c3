// Cross-language parity: every sample that ran must print what the secrets file holds. Pure.
import type { RunReport, SampleResult } from '../model.ts';
import { expectedSecret, sameMap } from './parse-secret.ts';

/** The key every sample reads from the secret store. */
export const SECRET_KEY = 'secret';

/** What parity reads of a sample, whatever its status (a skipped one printed nothing). */
type ParityInput = Pick<SampleResult, 'id' | 'status' | 'secretsFile'> & { output?: string; parsedSecret?: Record<string, string>; parityError?: string };

/**
 * One line per disagreement. Checked on every sample that produced output, whatever its golden
 * said, and never "ok" over nothing: a run where no sample could be checked fails parity. A
 * sample whose `secretsFile` is among `perFile` (contents by the same label) is compared with
 * that file; the others with `secrets`, the tree's.
 */
export function checkParity(results: readonly ParityInput[], secrets: unknown, perFile: Record<string, unknown> = {}): RunReport['parity'] {
  const want = expectedSecret(secrets, SECRET_KEY);
  const expected = want ?? {};
  const problems: string[] = [];
  if (!want) problems.push(`secrets file has no key "${SECRET_KEY}"`);
  let checked = 0;
  for (const r of results) {
    if (r.output === undefined) continue;
    checked++;
    const own = r.secretsFile !== undefined && r.secretsFile in perFile;
    const mine = own ? expectedSecret(perFile[r.secretsFile!], SECRET_KEY) : want;
    const holder = own ? r.secretsFile! : 'the secrets file';
    if (!r.parsedSecret) problems.push(`${r.id}: ${r.parityError ?? 'printed no parsable secret'}`);
    else if (!mine) problems.push(`${r.id}: ${holder} has no key "${SECRET_KEY}"`);
    else if (!sameMap(r.parsedSecret, mine)) problems.push(`${r.id}: returned ${JSON.stringify(r.parsedSecret)}, ${holder} holds ${JSON.stringify(mine)}`);
  }
  const runnable = results.filter((r) => r.status !== 'skipped').length;
  if (runnable > 0 && checked === 0) problems.push('no sample produced output to compare');
  return { ok: problems.length === 0, expected, problems, checked };
}

/** The sentence the console and summary.md both print about parity. */
export function paritySentence(parity: RunReport['parity']): string {
  return parity.ok
    ? `ok, ${parity.checked} sample(s) returned ${JSON.stringify(parity.expected)}, as the secrets file holds`
    : 'FAILED';
}
