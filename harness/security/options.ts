// What a run's security options come to: from `--api-token` / `--scoped` and the manifest's
// `apiToken` / `secretScopes`, the token to start every sidecar with and the secret scopes to
// write into the isolated home's config.
import { onlyKeyScopes, type SecretScope } from '../dapr/config.ts';
import type { Manifest } from '../model.ts';
import { InputError } from '../input-error.ts';
import { componentValues } from '../samples/components.ts';
import { newApiToken } from './api-token.ts';

export interface SecurityFlags {
  apiToken: boolean;
  scoped: boolean;
}

export interface SecuritySettings {
  /** Fresh for this run; undefined when token mode is off. */
  apiToken?: string;
  secretScopes?: SecretScope[];
}

/** Names of the secret stores (`kind: Component`, `spec.type: secretstores.*`) among parsed documents. Pure. */
export function secretStoresIn(docs: readonly unknown[]): string[] {
  const names = docs.flatMap((d) => {
    const v = d as { kind?: unknown; metadata?: { name?: unknown }; spec?: { type?: unknown } } | null;
    return v?.kind === 'Component' && typeof v.spec?.type === 'string' && v.spec.type.startsWith('secretstores.') && typeof v.metadata?.name === 'string'
      ? [v.metadata.name]
      : [];
  });
  return [...new Set(names)];
}

/** The secret stores the components folder defines (preflight has already checked its YAML). */
export function secretStoreNames(componentsDir: string): string[] {
  return secretStoresIn(componentValues(componentsDir).map((c) => c.value));
}

/**
 * The settings for one run. `--scoped` lets every secret store serve only `key` (the key the
 * samples read), overriding the manifest's own scopes; `makeToken` is injectable for tests.
 */
export function securitySettings(manifest: Manifest, flags: SecurityFlags, key: string, makeToken: () => string = newApiToken): SecuritySettings {
  const apiToken = flags.apiToken || manifest.apiToken ? makeToken() : undefined;
  let secretScopes = manifest.secretScopes;
  if (flags.scoped) {
    // The shared components folder and any sample's own: one config serves every sample of the run.
    const folders = [...new Set([manifest.components, ...manifest.samples.flatMap((s) => (s.components ? [s.components] : []))])];
    const stores = [...new Set(folders.flatMap(secretStoreNames))];
    // Scoping nothing would run unscoped while claiming otherwise.
    if (!stores.length) throw new InputError(`--scoped: components folder ${manifest.components} defines no secret store (spec.type secretstores.*)`);
    secretScopes = onlyKeyScopes(stores, key);
  }
  return { ...(apiToken ? { apiToken } : {}), ...(secretScopes?.length ? { secretScopes } : {}) };
}

/** What the run's console says about its security settings, one line each. Pure. */
export function describeSecurity(s: SecuritySettings): string[] {
  const lines: string[] = [];
  if (s.apiToken) lines.push('API token mode: every sidecar requires this run\'s fresh DAPR_API_TOKEN (redacted from logs and reports)');
  if (s.secretScopes) {
    const scopes = s.secretScopes.map((x) => [
      `${x.storeName}: default ${x.defaultAccess}`,
      ...(x.allowedSecrets ? [`allow [${x.allowedSecrets.join(', ')}]`] : []),
      ...(x.deniedSecrets ? [`deny [${x.deniedSecrets.join(', ')}]`] : []),
    ].join(', '));
    lines.push(`secret scopes: ${scopes.join('; ')}`);
  }
  return lines;
}
