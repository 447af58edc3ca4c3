// Value kinds whose check is a domain parser (kept apart from arg-spec.ts, which knows no domain):
// the hook runs the parser's pure syntax check before any work; lookups (latest, rc) come later.
import { PINS } from '../dapr/pins.ts';
import { MatrixSpecError, parseMatrixSpec } from '../dapr/matrix-spec.ts';
import { InputError } from '../input-error.ts';
import { parseShard } from '../samples/shard.ts';
import type { ValueSpec } from './arg-spec.ts';

/** `--dapr CLI@RUNTIME,…`: parseMatrixSpec's one-line refusal, as it words it. */
export const DAPR_PAIRS: ValueSpec = {
  kind: 'text',
  fullLine: true,
  check: (v) => {
    try {
      parseMatrixSpec(v, PINS.release.cli);
      return undefined;
    } catch (err) {
      if (err instanceof MatrixSpecError) return err.message;
      throw err;
    }
  },
  bad: ['1.16.5@nonsense', '1.16.5@1.18.2@1.17.0', ',', '1.18.2,1.18.2'],
};

/** `--shard i/n`: parseShard's one-line refusal. */
export const SHARD: ValueSpec = {
  kind: 'text',
  fullLine: true,
  check: (v) => {
    try {
      parseShard(v);
      return undefined;
    } catch (err) {
      if (err instanceof InputError) return err.message;
      throw err;
    }
  },
  bad: ['0/2', '3/2', 'half', '1/0'],
};
