import { ExpectedError } from './expected-error.ts';
/** Bad input from the user (a flag, a file): one line `parity: …`, exit 2. Dependency-free, so the CLI can check flags before loading anything. */
export class InputError extends ExpectedError {
  override name = 'InputError';
}
