// The one base of every error that is the user's input or machine, not a bug in the harness: the
// command line prints its message as one line `parity: …` (exit 2), never a stack. A new kind of
// expected error extends this and is handled so by that alone. Dependency-free on purpose.
export class ExpectedError extends Error {
  override name = 'ExpectedError';
}
