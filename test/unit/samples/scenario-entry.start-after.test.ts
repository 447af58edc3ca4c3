// A recorded start order in a scenario entry (`apps.<id>.after`): what it carries, and the one
// line each mistake gets, naming the sample and the field.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from '../../../harness/samples/manifest.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

function tree(): string {
  const root = tempDir('parity-start-after-manifest-');
  mkdirSync(path.join(root, 'service_invocation', 'java', 'http'), { recursive: true });
  return root;
}
const entry = (apps: Record<string, unknown>, run: unknown = { file: 'dapr.yaml' }) => ({
  id: 'service_invocation/java/http', block: 'service_invocation', language: 'java', variant: 'http', dir: 'service_invocation/java/http',
  steps: [{ run, apps }],
});
const parse = (e: unknown) => parseManifest(JSON.stringify({ samples: [e] }), path.join(tree(), 'samples.yaml'));
function errorOf(e: unknown): string {
  try {
    parse(e);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message.replace(/^[^:]+: /, '');
  }
  throw new Error('no error');
}
const WHY = 'its server takes seconds to listen; the job posts at once';

describe('a start order in the manifest', () => {
  it('carries the apps waited for and why', () => {
    const s = parse(entry({ 'order-processor': { role: 'server' }, checkout: { after: { apps: ['order-processor'], why: WHY } } })).samples[0]!;
    const run = s.scenario!.steps[0]!;
    expect(run.kind === 'run' && run.apps.map((a) => a.after)).toEqual([undefined, { apps: ['order-processor'], why: WHY }]);
  });
  it('refuses, in one line naming the sample and the field: an app not in the step, the app itself, a cycle, a single-app run, no why', () => {
    const field = 'field "steps.0.apps.checkout.after.apps"';
    expect(errorOf(entry({ 'order-processor': {}, checkout: { after: { apps: ['order-procesor'], why: WHY } } })))
      .toBe(`sample "service_invocation/java/http": ${field}: "order-procesor" is not an app of this run step (it lists order-processor, checkout)`);
    expect(errorOf(entry({ checkout: { after: { apps: ['checkout'], why: WHY } } }))).toBe(`sample "service_invocation/java/http": ${field}: "checkout" is the app itself`);
    expect(errorOf(entry({ checkout: { after: { apps: ['o'], why: WHY } }, o: { after: { apps: ['checkout'], why: WHY } } })))
      .toBe(`sample "service_invocation/java/http": ${field}: the apps wait for each other (checkout → o → checkout), so none would start before the cap`);
    expect(errorOf(entry({ checkout: { after: { apps: ['o'], why: WHY } } }, { appId: 'checkout', command: 'java -jar c.jar' })))
      .toBe(`sample "service_invocation/java/http": ${field}: a single-app run starts no other app to wait for`);
    expect(errorOf(entry({ o: {}, checkout: { after: { apps: ['o'] } } }))).toMatch(/^sample "service_invocation\/java\/http": field "steps\.0\.apps\.checkout\.after\.why" is missing$/);
    expect(errorOf(entry({ o: {}, checkout: { after: { apps: [], why: WHY } } }))).toMatch(/after\.apps": lists no app/);
  });
});
