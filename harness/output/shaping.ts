// How one sample's app lines are shaped before anything compares them: its line filters, then
// every redaction (this machine's paths, volatile values, the sample's own). `parity run` shapes
// what the app printed with it, and the docs check shapes a page's output block the same way.
import os from 'node:os';
import type { LineFilter } from './filters.ts';
import { pathRedactions, VOLATILE_REDACTIONS, type Redaction } from './redactions.ts';

export interface OutputShaping {
  filters: readonly LineFilter[];
  redactions: readonly Redaction[];
}

/** Every redaction applied to an app's output; built here only. */
export function outputRedactions(root: string, own: readonly Redaction[] = []): Redaction[] {
  return [...pathRedactions({ root, home: os.homedir(), tmp: os.tmpdir() }), ...VOLATILE_REDACTIONS, ...own];
}

/** A sample's shaping, in the tree at `root`. */
export function sampleShaping(sample: { filters: readonly LineFilter[]; redactions: readonly Redaction[] }, root: string): OutputShaping {
  return { filters: sample.filters, redactions: outputRedactions(root, sample.redactions) };
}
