// Keeps every error the command line prints to one line: commander's own ("error: unknown
// option '--x'\n(Did you mean --y?)") and a message that quotes text with newlines in it.

/** Pure: `text` as one line ending in a newline; commander's "error: " becomes "parity: ". */
export function oneLineError(text: string): string {
  const joined = text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
  return `${joined.replace(/^error: /, 'parity: ')}\n`;
}
