import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitDaprOutput } from '../../../harness/output/split.ts';
import { DEFAULT_FILTERS, filterLines } from '../../../harness/output/filters.ts';
import { missingRuntime } from '../../../harness/samples/missing-runtime.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/dotnet-upstream', name), 'utf8');
const appLines = (name: string) => splitDaprOutput(fixture(name).split('\n').filter((l) => !l.startsWith('# ')).join('\n'), 'prefixed').app;

describe('a missing .NET runtime (recorded on a .NET 10-only machine)', () => {
  it('is a reason with the fix, not the launcher\'s last line', () => {
    expect(missingRuntime(appLines('runtime-8-missing.run.log')))
      .toBe('Microsoft.NETCore.App 8.0.0 is not installed (this machine has 10.0.12): install the .NET 8.0 runtime, or set DOTNET_ROLL_FORWARD=Major in the sample\'s env to run it on a newer one');
  });
  it('is not read into an app that printed no such block', () => {
    expect(missingRuntime(appLines('nu1603.run.log'))).toBeUndefined();
    expect(missingRuntime(['You must install or update .NET to run this application.'])).toBe('the .NET runtime the app targets is not installed: install the .NET runtime, or set DOTNET_ROLL_FORWARD=Major in the sample\'s env to run it on a newer one');
  });
});

describe('dotnet run\'s restore warnings', () => {
  it('never reach a golden: the nuget-warning filter drops them, and only them', () => {
    const lines = appLines('nu1603.run.log');
    const nu = lines.filter((l) => l.includes('warning NU1603'));
    expect(nu.length).toBe(2);
    const { kept, dropped } = filterLines(lines, DEFAULT_FILTERS);
    expect(kept.some((l) => l.includes('NU1603'))).toBe(false);
    expect(dropped['nuget-warning']).toBe(2);
    expect(filterLines(['the app: x.csproj : warning NU1603: y'], DEFAULT_FILTERS).kept).toHaveLength(1);
  });
});
