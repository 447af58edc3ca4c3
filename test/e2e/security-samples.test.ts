// The repository's own samples in the security modes, under the real `dapr run` and daprd: every
// runnable sample passes with the sidecar requiring an API token (the SDKs read DAPR_API_TOKEN,
// the HTTP samples send `dapr-api-token`), and with its secret store scoped to the one key the
// samples read. The token of the run must appear in no log or report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/model.ts';
import { SECRET_KEY } from '../../harness/parity/check.ts';
import { runSamples } from '../../harness/runner.ts';
import { newApiToken } from '../../harness/security/api-token.ts';
import { securitySettings } from '../../harness/security/options.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';
import { realDapr } from '../helpers/dapr.ts';
import { ranHere } from '../helpers/machine.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

const root = path.join(import.meta.dirname, '..', '..');
const manifest = loadManifest(root);

const token = newApiToken();
const scopes = securitySettings(manifest, { apiToken: false, scoped: true }, SECRET_KEY).secretScopes;
let tokenRun: { report: RunReport; dir: string };
let scopedRun: { report: RunReport; dir: string };

async function run(extra: { apiToken?: string; secretScopes?: typeof scopes }): Promise<{ report: RunReport; dir: string }> {
  const dir = tempDir('parity-e2e-security-');
  const report = await runSamples({
    manifest, samples: manifest.samples, dapr: await realDapr(), reportDir: dir,
    mode: 'verify', strict: false, concurrency: 2, retries: 2, log: () => {}, ...extra,
  });
  return { report, dir };
}

beforeAll(async () => {
  // One after the other: each is a full run of the samples.
  tokenRun = await run({ apiToken: token });
  scopedRun = await run({ secretScopes: scopes });
}, 45 * 60_000);

function describeRun(r: RunReport): string {
  return r.samples.filter((s) => s.status === 'failed').map((s) => `${s.id}: ${s.reason}\n${s.diff ?? ''}\nlog: ${s.logFile}`).join('\n');
}

/** Every sample this machine can run passed (or passed after a retry), and all agree on the secret. */
function expectEveryRunnablePassed(report: RunReport): void {
  const ran = ranHere(expect, report);
  for (const s of ran) expect(s.status, describeRun(report)).toMatch(/^(passed|flaky)$/);
  expect(report.parity.problems).toEqual([]);
  expect(report.parity.checked).toBe(ran.length);
}

describe('API token mode (every sidecar requires DAPR_API_TOKEN)', () => {
  it('every runnable sample passes and agrees on the secret', () => {
    expectEveryRunnablePassed(tokenRun.report);
  });

  it('daprd really required the token (it says so in each raw log)', () => {
    for (const s of ranHere(expect, tokenRun.report)) {
      expect(readFileSync(s.logFile!, 'utf8'), s.id).toContain('Enabled token authentication on HTTP server');
    }
  });

  it('the token is in no file the run wrote', () => {
    const files = readdirSync(tokenRun.dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(tokenRun.dir, f)).filter((f) => statSync(f).isFile());
    expect(files.length).toBeGreaterThan(ranHere(expect, tokenRun.report).length);
    for (const f of files) expect(readFileSync(f, 'utf8').includes(token), f).toBe(false);
    expect(JSON.stringify(tokenRun.report).includes(token)).toBe(false);
  });
});

describe('scoped run (each secret store serves only the key the samples read)', () => {
  it('scopes every secret store of components/ to that key', () => {
    expect(scopes).toEqual([{ storeName: 'localsecretstore', defaultAccess: 'deny', allowedSecrets: [SECRET_KEY] }]);
  });

  it('every runnable sample still reads the allowed key', () => {
    expectEveryRunnablePassed(scopedRun.report);
  });
});
