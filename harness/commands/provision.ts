// `parity provision [--for-tests]`: the pinned dapr CLI and daprd, built or found once (cached).
import * as deps from '../cli-deps.ts';
import { MATRIX_TEST_RUNTIME } from '../dapr/pins.ts';
import type { CommandContext, GlobalOpts } from './context.ts';

export async function provisionCommand(o: GlobalOpts, forTests: boolean, ctx: CommandContext): Promise<number> {
  const { resolveDapr, chooseDaprFrom, ProvisionError } = deps;
  const b = await ctx.dapr();
  process.stdout.write(`dapr CLI ${b.cli.version}: ${b.cli.path}\ndaprd ${b.daprd.version}: ${b.daprd.path}\n`);
  if (forTests) {
    // The version-matrix test runs a second runtime beside the pinned one: build it here, with
    // progress, rather than inside a test hook.
    try {
      const m = await resolveDapr({ from: chooseDaprFrom(o), versions: { cli: b.cli.version, runtime: MATRIX_TEST_RUNTIME }, releaseUrl: o.daprReleaseUrl, progress: ctx.log });
      process.stdout.write(`daprd ${m.daprd.version} (for the matrix test): ${m.daprd.path}\n`);
    } catch (err) {
      // A machine without Go (binaries from a folder) has no second runtime: the matrix test says it skipped, and why.
      if (!(err instanceof ProvisionError)) throw err;
      process.stdout.write(`daprd ${MATRIX_TEST_RUNTIME} (for the matrix test): not available here (${err.message}); that test will be reported skipped\n`);
    }
  }
  return 0;
}
