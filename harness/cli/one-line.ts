// Keeps every error the command line prints to one line: commander's own ("error: unknown
// option '--x'\n(Did you mean --y?)") and a message that quotes text with newlines in it.

/** Pure: `text` as one line ending in a newline; commander's "error: " becomes "parity: ". */
export function oneLineError(text: string): string {
  const joined = text.trim().split(/\s*\n\s*/).join(' ');
  return joined.replace(/^error: /, 'parity: ') + '\n';
}
