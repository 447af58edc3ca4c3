// One app of a scenario judged: its README's expected lines are checked against its normalized
// output, normalized the same way, so a volatile value they name still matches.
import { describe, expect, it } from 'vitest';
import type { AppSpec } from '../../../harness/model.ts';
import { VOLATILE_REDACTIONS } from '../../../harness/output/redactions.ts';
import { judgeApp } from '../../../harness/scenario/judge.ts';

const app = (lines: string[]): AppSpec => ({ appId: 'planner', role: 'server', golden: '/t/expected/p.txt', unordered: false, expect: { lines, order: 'none', mode: 'substring' } });
const judge = (spec: AppSpec, printed: string[]) => judgeApp(spec, printed, { step: 1, root: '/t', golden: undefined, mode: 'overwrite', sampleId: 's', filters: [], redactions: VOLATILE_REDACTIONS });

describe('judgeApp', () => {
  it('finds an expected line that names a volatile value, which the output holds redacted', () => {
    const j = judge(app(['Plan for Kite: {"due":"15s"}']), ['Plan for Kite: {"due":"15s"}', 'done']);
    expect(j.output).toBe('Plan for Kite: {"due":"[DURATION]"}\ndone\n');
    expect(j.expectedLines).toEqual({ ok: true });
    expect(j.failure).toBeUndefined();
  });
  it('still fails a line the app did not print', () => {
    const j = judge(app(['Plan for Kite: {"due":"20s"}', 'never printed']), ['Plan for Kite: {"due":"15s"}']);
    expect(j.failure).toBe('planner: expected line "never printed" is not in its output');
  });
});
