// A sample whose language runtime is here but not in the version it targets (a .NET app built for
// net8.0 on a machine with only the .NET 10 runtime) is a sample this machine cannot run, like a
// missing toolchain: skipped with the reason and the fix, never a failure whose reason is the
// launcher's last line (a download URL). Pure: reads what the app printed.

const DOTNET_MISSING = 'You must install or update .NET to run this application.';

/** The one-line reason, or undefined when the output shows no missing runtime. */
export function missingRuntime(appLines: readonly string[]): string | undefined {
  const at = appLines.findIndex((l) => l.trim() === DOTNET_MISSING);
  if (at < 0) return undefined;
  const rest = appLines.slice(at, at + 30);
  const want = rest.map((l) => /^Framework: '([^']+)', version '([^']+)'/.exec(l.trim())).find(Boolean);
  const found = rest.slice(rest.findIndex((l) => l.trim() === 'The following frameworks were found:') + 1)
    .map((l) => {
      // `  10.0.12 at [/usr/share/dotnet/shared/Microsoft.NETCore.App]`: split, not one backtracking regex.
      const [version, at] = l.trim().split(' ');
      return at === 'at' && /^\d+\.\d+\.\d/.test(version ?? '') ? version : undefined;
    }).filter((v): v is string => Boolean(v));
  const what = want ? `${want[1]} ${want[2]}` : 'the .NET runtime the app targets';
  const have = found.length ? ` (this machine has ${found.join(', ')})` : '';
  const major = want?.[2]?.split('.')[0];
  return `${what} is not installed${have}: install the .NET ${major ? `${major}.0 ` : ''}runtime, or set DOTNET_ROLL_FORWARD=Major in the sample's env to run it on a newer one`;
}
