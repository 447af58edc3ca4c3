// A command line's `--flag value` and `--flag=value` pairs as a map, for asserting on the flags a
// harness module builds for a service.
export function flags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.split('=', 2) as [string, string | undefined];
    if (inline !== undefined) out[name] = inline;
    else out[name] = args[++i]!;
  }
  return out;
}
