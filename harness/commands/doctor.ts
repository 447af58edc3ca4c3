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
  // Services the harness starts for scenarios (redis): said whether or not a selected sample needs one.
  const redis = await deps.redisAvailability();
  const redisUsers = samples.filter((s) => s.scenario?.services.includes('redis')).map((s) => s.id);
  if (redis.version) out.push(`${'redis'.padEnd(10)} ${redis.version} (started per sample on a private port)`);
  else {
    if (redisUsers.length) ok = false;
    out.push(`${'redis'.padEnd(10)} missing — ${redis.missing}${redisUsers.length ? ` (needed by ${redisUsers.length} selected sample(s); they will be reported skipped)` : ''}`);
  }
  out.push('', ok ? 'everything the selected samples need is here' : 'something the selected samples need is missing (see above)');
  process.stdout.write(`${out.join('\n')}\n`);
  return ok ? 0 : 1;
}
