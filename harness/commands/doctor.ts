// `parity doctor [filters…]`: the Dapr binaries and toolchains found, and what to do about missing ones.
import * as deps from '../cli-deps.ts';
import { TOOLCHAINS, type Toolchain } from '../model.ts';
import type { GlobalOpts } from './context.ts';

export async function doctorCommand(filters: string[], o: GlobalOpts): Promise<number> {
  const { loadManifest, selectSamples, resolveVersionsWithOrigin, toolchain, describeDaprSource, chooseDaprFrom } = deps;
  const manifest = loadManifest(o.root);
  const samples = selectSamples(manifest.samples, filters);
  const out: string[] = [];
  let ok = true;
  const go = await toolchain('go');
  const daprState = await describeDaprSource({ from: chooseDaprFrom(o), versions: (source) => resolveVersionsWithOrigin({ cli: o.daprCli, runtime: o.daprRuntime }, source), hasGo: !!go.version, goHint: go.hint, releaseUrl: o.daprReleaseUrl });
  ok = daprState.ok;
  out.push(...daprState.lines);
  const needed = [...new Set(samples.flatMap((s) => s.toolchains))] as Toolchain[];
  for (const name of TOOLCHAINS) {
    const t = await toolchain(name);
    const users = samples.filter((s) => s.toolchains.includes(name)).map((s) => s.id);
    const need = needed.includes(name);
    if (t.version) out.push(`${name.padEnd(10)} ${t.version}`);
    else {
      if (need) ok = false;
      out.push(`${name.padEnd(10)} missing — ${t.hint}${users.length ? ` (needed by ${users.join(', ')}; they will be reported skipped)` : ''}`);
    }
  }
  // Services the harness starts for scenarios (redis, PostgreSQL): said whether or not a selected sample needs one.
  for (const [kind, label, check] of [['redis', 'redis', deps.redisAvailability], ['postgres', 'postgresql', deps.postgresAvailability]] as const) {
    const a = await check();
    const users = samples.filter((s) => s.scenario?.services.includes(kind)).map((s) => s.id);
    if (a.version) out.push(`${label.padEnd(10)} ${a.version} (started per sample on a private port)`);
    else {
      if (users.length) ok = false;
      out.push(`${label.padEnd(10)} missing — ${a.missing}${users.length ? ` (needed by ${users.length} selected sample(s); they will be reported skipped)` : ''}`);
    }
  }
  out.push('', ok ? 'everything the selected samples need is here' : 'something the selected samples need is missing (see above)');
  process.stdout.write(`${out.join('\n')}\n`);
  return ok ? 0 : 1;
}
