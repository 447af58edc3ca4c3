// `parity doctor [filters…]`: the Dapr binaries and toolchains found, and what to do about missing ones.
import path from 'node:path';
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
  // placement and scheduler (workflows, jobs, actors): daprd's version, from daprd's folder or built with Go on first need.
  const cpUsers = samples.filter((s) => s.scenario?.services.some((k) => k === 'placement' || k === 'scheduler')).length;
  const from = chooseDaprFrom(o);
  let cp: string | undefined;
  let cpMissing: string | undefined;
  if (from.kind === 'dir') {
    const found = deps.controlPlaneBeside(path.join(from.path, 'daprd'), '', '--dapr-from dir:PATH');
    if ('missing' in found) cpMissing = found.missing;
    else cp = `in ${from.path}`;
  } else if (from.kind === 'installed') cp = "taken from the installed Dapr's folder (a sample is skipped when they are not there)";
  else if (go.version) cp = "built from daprd's own github.com/dapr/dapr module when a selected sample needs them (about 2 min the first time; cached)";
  else cpMissing = `no Go to build them at daprd's version (${go.hint}), and --dapr-from is not a folder that holds them`;
  if (cp) out.push(`${'placement, scheduler'.padEnd(10)} ${cp}`);
  else {
    if (cpUsers) ok = false;
    out.push(`${'placement, scheduler'.padEnd(10)} missing — ${cpMissing}${cpUsers ? ` (needed by ${cpUsers} selected sample(s); they will be reported skipped)` : ''}`);
  }
  out.push('', ok ? 'everything the selected samples need is here' : 'something the selected samples need is missing (see above)');
  process.stdout.write(`${out.join('\n')}\n`);
  return ok ? 0 : 1;
}
