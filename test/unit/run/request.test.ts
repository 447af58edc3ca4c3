// `parity run` and `parity docs --exec` must observe a sample the same way: the request each
// builds for the same sample (the page's dapr run being the sample's own command) is the same.
import { mkdirSync, } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DaprBinaries } from '../../../harness/dapr/provision.ts';
import { execRequest, type ExecContext } from '../../../harness/docs/exec.ts';
import type { ExecPlan } from '../../../harness/docs/exec-plan.ts';
import type { Workspace } from '../../../harness/docs/workspace.ts';
import type { Manifest, SampleSpec } from '../../../harness/model.ts';
import { runRequest, type RunOptions } from '../../../harness/runner.ts';
import { loadManifest, parseManifest } from '../../../harness/samples/manifest.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

const dapr = { cli: { path: '/opt/dapr', version: '1.16.5' }, daprd: { path: '/opt/daprd', version: '1.18.2' }, source: 'test' } as unknown as DaprBinaries;

/** A tree whose one sample uses every per-sample field that shapes an observation. */
function ownedTree(): Manifest {
  const root = tempDir('parity-request-');
  mkdirSync(path.join(root, 'samples', 'javascript', 'http', 'components'), { recursive: true });
  const sample = {
    id: 'javascript/http', language: 'javascript', variant: 'http', dir: 'samples/javascript/http', toolchains: ['node'], run: 'npm start',
    source: 'index.js', components: 'samples/javascript/http/components', ignore: ['^debug: '], filtersOff: ['npm-notice'],
    redact: [{ pattern: 'order-\\d+', replacement: 'order-[N]' }], env: { FOO: 'bar' },
  };
  return parseManifest(`components: components\nsecrets: secrets.json\nsamples: ${JSON.stringify([sample])}\n`, path.join(root, 'samples.yaml'));
}

const manifests: [string, Manifest][] = [['the repository', loadManifest(path.join(import.meta.dirname, '..', '..', '..'))], ['a tree with redact, ignore, filtersOff, components', ownedTree()]];

function both(manifest: Manifest, sample: SampleSpec) {
  const signal = new AbortController().signal;
  const log = () => {};
  const golden = 'golden text\n';
  const opts: RunOptions = { manifest, samples: [sample], dapr, reportDir: '/tmp/r', mode: 'verify', strict: false, concurrency: 1, retries: 2, log, signal };
  const run = runRequest(sample, opts, '/home/rt', '/tmp/logs', golden);
  const ws = { manifest, samples: [{ spec: sample, source: '', golden }] } as unknown as Workspace;
  const plan: ExecPlan = { language: sample.language, sample: ws.samples[0]!, line: 1, steps: [] };
  const ctx = { ws, dapr, runtimePath: '/home/rt', logDir: '/tmp/logs', retries: 2, log, signal } as ExecContext;
  const docs = execRequest({ kind: 'dapr-run', line: 1, written: `dapr run -- ${sample.run}`, appId: sample.appId, appCommand: sample.run, replaced: [] }, plan, ctx);
  // Only the label differs: docs progress lines say they are the page's.
  const { label: runLabel, ...r } = run;
  const { label: docsLabel, ...d } = docs;
  return { r, d, runLabel, docsLabel };
}

describe('the observe request', () => {
  for (const [what, manifest] of manifests) {
    for (const sample of manifest.samples) {
      it(`is the same from run and docs --exec for ${sample.id} (${what})`, () => {
        const { r, d, runLabel, docsLabel } = both(manifest, sample);
        expect(d).toEqual(r);
        expect(runLabel).toBe(sample.id);
        expect(docsLabel).toBe(`[docs] ${sample.id}`);
      });
    }
  }

  it('carries the sample\'s own components, filters and redactions', () => {
    const manifest = ownedTree();
    const { r } = both(manifest, manifest.samples[0]!);
    expect(r.resourcesPath).toBe(manifest.samples[0]!.components);
    expect(r.filters!.map((f) => f.name)).toContain('ignore[0]');
    expect(r.filters!.map((f) => f.name)).not.toContain('npm-notice');
    expect(r.redactions!.map((x) => x.name)).toEqual(['redact[0]']);
  });
});
