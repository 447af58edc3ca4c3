// What the checks compare a page with: the manifest's samples (source text, golden text, which
// files their folders hold), its components and its secrets file. Loaded once by an edge function;
// the checks themselves only read this object, so they stay pure and testable on fixtures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language, Manifest, SampleSpec } from '../model.ts';
import { componentValues } from '../samples/components.ts';

export interface SampleFiles {
  spec: SampleSpec;
  /** Text of the main source file; undefined when it cannot be read. */
  source: string | undefined;
  /** Text of the golden file; undefined when there is none yet. */
  golden: string | undefined;
}

export interface ComponentFile {
  /** Path relative to the manifest root, for messages. */
  rel: string;
  name: string;
  value: unknown;
}

export interface Workspace {
  manifest: Manifest;
  samples: SampleFiles[];
  components: ComponentFile[];
  /** The secrets file's parsed value, or the reason it has none. */
  secrets: { rel: string; value?: unknown; error?: string };
  /** Whether a path (relative to a sample folder, or absolute) exists. */
  exists(sample: SampleSpec, rel: string): boolean;
  /** Lists a sample folder's top-level entries (for messages such as "it holds pom.xml"). */
  list(sample: SampleSpec): string[];
}

export function relToRoot(ws: { manifest: Manifest }, file: string): string {
  return path.relative(ws.manifest.root, file) || '.';
}

/** `p` without its trailing slashes; a loop, since /\/+$/ rescans a run of slashes from each of them. */
export function withoutTrailingSlashes(p: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}

export function sampleFor(ws: Workspace, language: Language, variant: 'sdk' | 'http'): SampleFiles | undefined {
  return ws.samples.find((s) => s.spec.language === language && s.spec.variant === variant);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The tree's components with a name; an unreadable component file simply offers none to compare with. */
function loadComponents(manifest: Manifest): ComponentFile[] {
  return componentValues(manifest.components).flatMap(({ file, value }) => {
    const v = value as { metadata?: { name?: unknown } } | null;
    return v && typeof v.metadata?.name === 'string' ? [{ rel: path.relative(manifest.root, file), name: v.metadata.name, value }] : [];
  });
}

/** Reads everything the checks need from the tree the manifest describes. */
export function loadWorkspace(manifest: Manifest): Workspace {
  const secretsRel = path.relative(manifest.root, manifest.secrets);
  let secrets: Workspace['secrets'];
  const text = readText(manifest.secrets);
  if (text === undefined) secrets = { rel: secretsRel, error: `${secretsRel} cannot be read` };
  else {
    try {
      secrets = { rel: secretsRel, value: JSON.parse(text) as unknown };
    } catch (err) {
      secrets = { rel: secretsRel, error: `${secretsRel} is not valid JSON: ${(err as Error).message}` };
    }
  }
  return {
    manifest,
    samples: manifest.samples.map((spec) => ({ spec, source: readText(spec.source), golden: readText(spec.golden) })),
    components: loadComponents(manifest),
    secrets,
    exists: (sample, rel) => existsSync(path.resolve(sample.dir, rel)),
    list: (sample) => {
      try {
        return readdirSync(sample.dir).filter((f) => !f.startsWith('.')).sort();
      } catch {
        return [];
      }
    },
  };
}
