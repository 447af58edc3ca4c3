// The Dapr Configuration written into the isolated home, built from data: empty by default, or
// with secret scopes (spec.secrets.scopes) for a scoped run. Pure.
import YAML from 'yaml';

/** One entry of `spec.secrets.scopes`: which keys of one secret store the app may read. */
export interface SecretScope {
  storeName: string;
  defaultAccess: 'allow' | 'deny';
  allowedSecrets?: string[];
  deniedSecrets?: string[];
}

export interface DaprConfigOptions {
  secretScopes?: readonly SecretScope[];
}

/** The config.yaml text daprd is started with. With no options, the minimal config (`spec: {}`). */
export function daprConfigYaml(opts: DaprConfigOptions = {}): string {
  const spec: Record<string, unknown> = {};
  if (opts.secretScopes?.length) {
    spec.secrets = {
      scopes: opts.secretScopes.map((s) => ({
        storeName: s.storeName,
        defaultAccess: s.defaultAccess,
        ...(s.allowedSecrets ? { allowedSecrets: [...s.allowedSecrets] } : {}),
        ...(s.deniedSecrets ? { deniedSecrets: [...s.deniedSecrets] } : {}),
      })),
    };
  }
  return YAML.stringify({
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Configuration',
    metadata: { name: 'daprConfig' },
    spec,
  });
}

/** Scopes that let every named store serve `key` and nothing else (what `--scoped` asks for). */
export function onlyKeyScopes(storeNames: readonly string[], key: string): SecretScope[] {
  return storeNames.map((storeName) => ({ storeName, defaultAccess: 'deny', allowedSecrets: [key] }));
}

/**
 * A Configuration's text with its name resolution made private: the `sqlite` resolver on one
 * database file per sample. mDNS (the default) answers for every sidecar on the machine, so two
 * samples running at once with the same app id would receive each other's invocations.
 */
export function withPrivateNameResolution(configText: string, databaseFile: string): string {
  const doc = (YAML.parse(configText) ?? {}) as { spec?: Record<string, unknown> } & Record<string, unknown>;
  const spec = doc.spec && typeof doc.spec === 'object' ? doc.spec : {};
  spec.nameResolution = { component: 'sqlite', configuration: { connectionString: databaseFile } };
  return YAML.stringify({ ...doc, spec });
}
