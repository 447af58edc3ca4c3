// Pure helpers over go.mod text, for the local build modules that compile the Dapr CLI and daprd.

/** The `go` directive of a go.mod (e.g. "1.26.6"), or undefined. */
export function goDirective(goMod: string): string | undefined {
  return /^go\s+(\d+(?:\.\d+){1,2})\s*$/m.exec(goMod)?.[1];
}

/**
 * Every `replace` directive of a go.mod, as go.mod text: both block and single-line forms,
 * comments dropped. `go install` refuses modules with replaces, so the build module repeats them.
 */
export function replaceDirectives(goMod: string): string[] {
  const out: string[] = [];
  // `s`: a CRLF go.mod keeps \r at each line end, where `.` stopped and `$` could not match.
  const lines = goMod.split('\n').map((l) => l.replace(/\/\/.*$/s, '').trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === 'replace (') {
      for (i++; i < lines.length && lines[i] !== ')'; i++) if (lines[i]) out.push(lines[i]!);
    } else if (line.startsWith('replace ')) {
      out.push(line.slice('replace '.length).trim());
    }
  }
  return out.filter((r) => r.includes('=>'));
}

/** A go.mod for a throwaway module that builds `modulePath@version` with the same replaces. */
export function buildModuleGoMod(opts: {
  name: string;
  goVersion: string;
  modulePath: string;
  version: string;
  extraRequires?: string[];
  replaces?: string[];
}): string {
  const requires = [`${opts.modulePath} v${opts.version}`, ...(opts.extraRequires ?? [])];
  const parts = [`module ${opts.name}`, '', `go ${opts.goVersion}`, '', `require (\n${requires.map((r) => `\t${r}`).join('\n')}\n)`];
  if (opts.replaces?.length) parts.push('', `replace (\n${opts.replaces.map((r) => `\t${r}`).join('\n')}\n)`);
  return `${parts.join('\n')}\n`;
}

/** Compares dotted versions ("1.26.8" vs "1.26.6"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
