// How the harness shows times and the ends of long outputs to a person. Pure.
import stripAnsi from 'strip-ansi';

/** `1.3s` under a minute, `2m47s` from a minute on. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** The last non-blank lines of some output, ANSI and CR dropped, each cut to `width` characters. */
export function tailLines(text: string, lines = 6, width = 200): string {
  const all = stripAnsi(text).replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).filter(Boolean);
  return all.slice(-lines).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l)).join('\n');
}
