import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { daprConfigYaml, onlyKeyScopes, withPrivateNameResolution } from '../../../harness/dapr/config.ts';

describe('withPrivateNameResolution', () => {
  it('keeps the Configuration and adds sqlite name resolution on the given file', () => {
    const doc = YAML.parse(withPrivateNameResolution(daprConfigYaml({ secretScopes: onlyKeyScopes(['s'], 'k') }), '/x/names.db'));
    expect(doc.metadata.name).toBe('daprConfig');
    expect(doc.spec.secrets.scopes[0]).toMatchObject({ storeName: 's', allowedSecrets: ['k'] });
    expect(doc.spec.nameResolution).toEqual({ component: 'sqlite', configuration: { connectionString: '/x/names.db' } });
  });
  it('makes a Configuration of an empty text', () => {
    expect(YAML.parse(withPrivateNameResolution('', '/n.db')).spec.nameResolution.component).toBe('sqlite');
  });
});
