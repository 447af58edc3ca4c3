// Which secrets file a sample really reads: daprd resolves a `secretstores.local.file`
// component's `secretsFile` against its working folder, which is the sample's folder. Quickstart
// trees keep a secrets.json per app folder, so parity must compare each sample with that file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { componentsFolder, componentValues } from '../samples/components.ts';

/** The `secretsFile` values of the local-file secret stores among parsed resource documents. Pure. */
export function localSecretsFiles(docs: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const doc of docs) {
    const d = doc as { kind?: unknown; spec?: { type?: unknown; metadata?: unknown } } | null;
    if (d?.kind !== 'Component' || d.spec?.type !== 'secretstores.local.file' || !Array.isArray(d.spec.metadata)) continue;
    const item = (d.spec.metadata as { name?: unknown; value?: unknown }[]).find((m) => m?.name === 'secretsFile');
    if (typeof item?.value === 'string' && item.value) out.push(item.value);
  }
  return out;
}

/** The secrets file the sample's components resolve to from its folder, if it exists; else undefined. */
export function resolvedSecretsFile(componentsDir: string, sampleDir: string): string | undefined {
  for (const rel of localSecretsFiles(componentValues(componentsDir).map((c) => c.value))) {
    const file = path.resolve(sampleDir, rel);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** A secrets file's parsed content; undefined when it cannot be read or is not JSON (parity then says so). */
export function readSecrets(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The content of every secrets file the results were checked against (paths relative to `root`), by that path. */
export function secretsByFile(results: readonly { secretsFile?: string }[], root: string): Record<string, unknown> {
  const files = [...new Set(results.flatMap((r) => (r.secretsFile ? [r.secretsFile] : [])))];
  return Object.fromEntries(files.map((rel) => [rel, readSecrets(path.resolve(root, rel))]));
}

/** The file a sample's parity is checked against: its own `secrets`, else what its component reads, else the tree's. */
export function secretsFileFor(sample: { secrets?: string; components?: string; dir: string }, manifest: { components: string; secrets: string }): string {
  return sample.secrets ?? resolvedSecretsFile(componentsFolder(sample, manifest), sample.dir) ?? manifest.secrets;
}
