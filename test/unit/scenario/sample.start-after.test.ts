// The status of a scenario sample with a recorded start order: adapted (never a plain pass), the
// reason naming the app, the one it waited for and the user's why.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../harness/samples/manifest.ts';
import { adaptations } from '../../../harness/scenario/sample.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

function tree(): string {
  const root = tempDir('parity-start-after-status-');
  mkdirSync(path.join(root, 'service_invocation', 'java', 'http'), { recursive: true });
  return root;
}
const entry = (apps: Record<string, unknown>) => ({
  id: 'service_invocation/java/http', block: 'service_invocation', language: 'java', variant: 'http', dir: 'service_invocation/java/http',
  steps: [{ run: { file: 'dapr.yaml' }, apps }],
});
const parse = (e: unknown) => parseManifest(JSON.stringify({ samples: [e] }), path.join(tree(), 'samples.yaml'));
const WHY = 'its server takes seconds to listen; the job posts at once';

describe('the status of a sample with a start order', () => {
  it('is adapted, with the app, the one it waited for and why; after its overlays when it has some', () => {
    const s = parse(entry({ 'order-processor': { role: 'server' }, checkout: { after: { apps: ['order-processor'], why: WHY } } })).samples[0]!;
    expect(adaptations(s)).toEqual([`checkout started after order-processor's sidecar was ready: ${WHY}`]);
    const withOverlay = { ...s, scenario: { ...s.scenario!, overlays: [{ file: 'pom.xml', replace: 'a', with: 'b', reason: 'mirror' }] } };
    expect(adaptations(withOverlay)).toEqual(['passed with 1 overlay(s): pom.xml (mirror)', `checkout started after order-processor's sidecar was ready: ${WHY}`]);
    const plain = parse(entry({ 'order-processor': { role: 'server' }, checkout: {} })).samples[0]!;
    expect(adaptations(plain)).toEqual([]);
  });
});
