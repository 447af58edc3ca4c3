// The harness's own handling of output the pinned CLI cannot carry end to end (dapr CLI ≤ 1.16
// stalls on a line over 64 KiB; see app.test.ts): a 1 MB line in the CLI ≥ 1.17 shape, where the
// app writes straight through, and the same in the prefixed shape. Pure functions, no processes.
import { describe, expect, it } from 'vitest';
import { normalizeLines } from '../../../harness/output/normalize.ts';
import { splitDaprOutput } from '../../../harness/output/split.ts';
import { parseSecretOutput } from '../../../harness/parity/parse-secret.ts';
import { CLEAN_GOLDEN, SECRET_LINE } from '../../helpers/fault-tree.ts';

const MB = 'm'.repeat(1024 * 1024);
const daprd = 'time="2026-01-01T00:00:00Z" level=info msg="dapr initialized. Status: Running." app_id=a scope=dapr.runtime type=log ver=1.18.2';

describe('a 1 MB line through the splitter and normalizer', () => {
  it('unprefixed (CLI ≥ 1.17): kept whole, ANSI/CRLF cleaned, daprd and CLI lines split off', () => {
    const text = [`ℹ️  Starting Dapr with id a. HTTP Port: 1. gRPC Port: 2`, daprd, `\x1b[32m${MB}\x1b[0m\r`, `${SECRET_LINE}\r`, '✅  Exited App successfully'].join('\n');
    const split = splitDaprOutput(text, 'unprefixed');
    expect(split.daprd).toEqual([daprd]);
    expect(split.cli).toHaveLength(2);
    const out = normalizeLines(split.app);
    expect(out).toBe(`${MB}\n${CLEAN_GOLDEN}`);
    expect(parseSecretOutput(out, 'secret')).toEqual({ ok: true, format: 'json', map: { secret: 'YourPasskeyHere' } });
  });

  it('prefixed (CLI ≤ 1.16): the same line behind "== APP == " is kept whole', () => {
    const split = splitDaprOutput([daprd, `== APP == ${MB}`, `== APP == ${SECRET_LINE}`].join('\n'), 'prefixed');
    expect(normalizeLines(split.app)).toBe(`${MB}\n${CLEAN_GOLDEN}`);
  });

  it('no trailing newline and a lone CR line end normalize to the clean golden', () => {
    expect(normalizeLines(splitDaprOutput(`== APP == ${SECRET_LINE}`, 'prefixed').app)).toBe(CLEAN_GOLDEN);
    expect(normalizeLines([`${SECRET_LINE}\r`])).toBe(CLEAN_GOLDEN);
    expect(normalizeLines([`\x1b[1;31m${SECRET_LINE}\x1b[0m  `, ''])).toBe(CLEAN_GOLDEN);
  });
});
