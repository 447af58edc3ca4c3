import { describe, expect, it } from 'vitest';
import { buildModuleGoMod, compareVersions, goDirective, replaceDirectives } from '../../../harness/dapr/gomod.ts';
import { goTooOld, parseCliVersion } from '../../../harness/dapr/provision.ts';

const DAPR_LIKE = `module github.com/dapr/dapr

go 1.26.6

require (
\tgithub.com/x/y v1.0.0
)

replace (
\t// a fork that fixes something
\tdubbo.apache.org/dubbo-go/v3 => dubbo.apache.org/dubbo-go/v3 v3.0.3-0.20230118042253-4f159a2b38f3

\tgopkg.in/a.v1 => github.com/b/a v1.0.5
)

replace github.com/c/d v0.1.0 => github.com/e/d v0.2.0

// replace github.com/dapr/kit => ../kit
`;

describe('go.mod helpers', () => {
  it('reads the go directive', () => {
    expect(goDirective(DAPR_LIKE)).toBe('1.26.6');
    expect(goDirective('module x\n')).toBeUndefined();
  });

  it('collects block and single-line replaces, not commented ones', () => {
    expect(replaceDirectives(DAPR_LIKE)).toEqual([
      'dubbo.apache.org/dubbo-go/v3 => dubbo.apache.org/dubbo-go/v3 v3.0.3-0.20230118042253-4f159a2b38f3',
      'gopkg.in/a.v1 => github.com/b/a v1.0.5',
      'github.com/c/d v0.1.0 => github.com/e/d v0.2.0',
    ]);
  });

  it('writes a build module that requires the target and repeats the replaces', () => {
    const text = buildModuleGoMod({ name: 'b', goVersion: '1.26.6', modulePath: 'github.com/dapr/dapr', version: '1.18.2', extraRequires: ['x/y v1.2.3'], replaces: ['a => b v1'] });
    expect(text).toBe('module b\n\ngo 1.26.6\n\nrequire (\n\tgithub.com/dapr/dapr v1.18.2\n\tx/y v1.2.3\n)\n\nreplace (\n\ta => b v1\n)\n');
  });

  it('compares dotted versions numerically', () => {
    expect(compareVersions('1.26.8', '1.26.6')).toBe(1);
    expect(compareVersions('1.9', '1.26.0')).toBe(-1);
    expect(compareVersions('1.26', '1.26.0')).toBe(0);
  });

  it('reads the CLI version from dapr --version', () => {
    expect(parseCliVersion('CLI version: 1.16.5 \nRuntime version: n/a')).toBe('1.16.5');
  });

  it('refuses a Go too old for the module, in one line that says what to install', () => {
    expect(goTooOld('1.24.2', '1.26.6', 'daprd 1.18.2')).toBe('Go 1.24.2 is too old to build daprd 1.18.2 (its go.mod needs go 1.26.6): install Go 1.26.6 or newer');
    expect(goTooOld('1.26.8', '1.26.6', 'daprd 1.18.2')).toBeUndefined();
  });
});
