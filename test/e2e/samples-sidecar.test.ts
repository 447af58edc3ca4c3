// The repository's samples really ask the sidecar, in every language this machine can run: a
// sample that printed a hard-coded secret, sent no token or ignored the store's scopes would
// pass samples.test.ts, so each run here changes what the sidecar holds or allows and expects
// every sample to follow. Real `dapr run`, real daprd, the samples as they are.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, RunReport } from '../../harness/model.ts';
import type { ReadSample } from '../helpers/parity-child.ts';
import { SECRET_KEY } from '../../harness/parity/check.ts';
import { runSamples } from '../../harness/runner.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';
import { newApiToken } from '../../harness/security/api-token.ts';
import type { SecretScope } from '../../harness/dapr/config.ts';
import { realDapr } from '../helpers/dapr.ts';
import { ranHere } from '../helpers/machine.ts';

const manifest = loadManifest(path.join(import.meta.dirname, '..', '..'));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'parity-e2e-sidecar-'));
// Letters only, so that no redaction rule (ids, hex, times) can touch it; no source holds it.
const ROTATED = `Rotated${randomBytes(9).toString('base64').replace(/[^A-Za-z]/g, '')}Passkey`;

/** A components folder whose store reads `secrets` (written beside it), and the manifest that uses it. */
function withSecrets(name: string, secrets: Record<string, string>): Manifest {
  const dir = path.join(scratch, name);
  mkdirSync(path.join(dir, 'components'), { recursive: true });
  const file = path.join(dir, 'secrets.json');
  writeFileSync(file, JSON.stringify(secrets));
  writeFileSync(path.join(dir, 'components', 'store.yaml'), [
    'apiVersion: dapr.io/v1alpha1', 'kind: Component', 'metadata:', '  name: localsecretstore', 'spec:',
    '  type: secretstores.local.file', '  version: v1', '  metadata:', '    - name: secretsFile', `      value: ${file}`, '',
  ].join('\n'));
  return { ...manifest, components: path.join(dir, 'components'), secrets: file };
}

async function run(name: string, m: Manifest, extra: { apiToken?: string; secretScopes?: SecretScope[] } = {}): Promise<RunReport> {
  return runSamples({
    manifest: m, samples: m.samples, dapr: await realDapr(), reportDir: path.join(scratch, `report-${name}`),
    mode: 'verify', strict: false, concurrency: 2, retries: 2, log: () => {}, ...extra,
  });
}

const runs: Record<'rotated' | 'denied' | 'wrongToken' | 'missingKey', RunReport> = {} as never;

beforeAll(async () => {
  // One after the other: each is a full run of the samples.
  runs.rotated = await run('rotated', withSecrets('rotated', { [SECRET_KEY]: ROTATED }));
  runs.denied = await run('denied', manifest, { secretScopes: [{ storeName: 'localsecretstore', defaultAccess: 'deny', allowedSecrets: ['not-the-samples-key'] }] });
  // daprd requires this run's token; every app is started with another one.
  const wrong = { ...manifest, samples: manifest.samples.map((s) => ({ ...s, run: `env DAPR_API_TOKEN=not-the-token ${s.run}` })) };
  runs.wrongToken = await run('wrong-token', wrong, { apiToken: newApiToken() });
  runs.missingKey = await run('missing-key', withSecrets('missing-key', { 'some-other-key': 'x' }));
}, 45 * 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each failed, and what the app printed (the reason quotes only its last line, cut short) says why. */
function failedWith(ran: ReadSample[], pattern: RegExp): void {
  for (const s of ran) {
    expect(s.status, `${s.id}: ${s.reason}`).toBe('failed');
    expect(`${s.reason}\n${s.output ?? ''}`, s.id).toMatch(pattern);
  }
}

describe('every sample that runs here reads the sidecar, not its own copy', () => {
  it('another value in the store: each prints that value, so each misses its golden and parity agrees on the new value', () => {
    const ran = ranHere(expect, runs.rotated);
    for (const s of ran) {
      expect(s.parsedSecret, `${s.id}: ${s.reason}\n${s.output}`).toEqual({ [SECRET_KEY]: ROTATED });
      expect(s.status, s.id).toBe('failed');
      expect(s.diff, s.id).toContain(`+${s.output!.trimEnd()}`);
    }
    expect(runs.rotated.parity).toEqual({ ok: true, expected: { [SECRET_KEY]: ROTATED }, problems: [], checked: ran.length });
  });

  it('the store scoped to another key: each fails, quoting the sidecar\'s refusal (HTTP 403 or gRPC PermissionDenied)', () => {
    failedWith(ranHere(expect, runs.denied), /403|access denied by policy|PermissionDenied|PERMISSION_DENIED/);
  });

  it('a wrong API token: each fails, quoting the sidecar\'s refusal (HTTP 401 or gRPC Unauthenticated)', () => {
    // The JavaScript SDK checks the sidecar before its first call and, refused, says only that
    // the sidecar "could not be started": its own words for the same 401.
    failedWith(ranHere(expect, runs.wrongToken), /401|invalid api token|Unauthenticated|DAPR_SIDECAR_COULD_NOT_BE_STARTED/i);
  });

  it('the key missing from the store: each app exits non-zero and says what the sidecar answered', () => {
    failedWith(ranHere(expect, runs.missingKey), /^dapr run exited 1; the app printed: [\s\S]*(?:not found|500|ERR_SECRET_GET)/i);
  });
});
