// A sample's components folder: its own `components:`, else the tree's.
import type { Manifest, SampleSpec } from '../model.ts';

export function componentsFolder(sample: Pick<SampleSpec, 'components'>, manifest: Pick<Manifest, 'components'>): string {
  return sample.components ?? manifest.components;
}
