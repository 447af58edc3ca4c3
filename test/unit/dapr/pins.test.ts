import { afterEach, describe, expect, it } from 'vitest';
import { PINS, resolveVersions, resolveVersionsWithOrigin } from '../../../harness/dapr/pins.ts';

const ENV = ['PARITY_DAPR_CLI_VERSION', 'PARITY_DAPR_RUNTIME_VERSION'];
afterEach(() => { for (const k of ENV) delete process.env[k]; });

describe('the pins, one pair per source', () => {
  it('gives the current release to the release source (and auto), and the newest that builds here to a build', () => {
    expect(PINS).toEqual({ release: { cli: '1.18.0', runtime: '1.18.3' }, build: { cli: '1.16.5', runtime: '1.18.2' } });
    expect(resolveVersions()).toEqual(PINS.release);
    expect(resolveVersions({}, 'release')).toEqual(PINS.release);
    expect(resolveVersions({}, 'build')).toEqual(PINS.build);
  });
  it('lets a flag, then the environment, override either version for every source, saying which', () => {
    process.env.PARITY_DAPR_RUNTIME_VERSION = 'v1.18.1';
    expect(resolveVersionsWithOrigin({ cli: 'v1.17.0' }, 'build')).toEqual({
      versions: { cli: '1.17.0', runtime: '1.18.1' },
      origin: { cli: '--dapr-cli', runtime: 'PARITY_DAPR_RUNTIME_VERSION' },
    });
    expect(resolveVersionsWithOrigin({ runtime: '1.18.2' }, 'release')).toEqual({
      versions: { cli: '1.18.0', runtime: '1.18.2' },
      origin: { cli: 'the release pin', runtime: '--dapr-runtime' },
    });
  });
});
