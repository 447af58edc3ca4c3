// Splits a manifest command like a POSIX shell would split words, without running a shell:
// `dapr run` takes the app's argv after `--`, exactly as a person's shell would hand it over.
import { parse } from 'shell-quote';
import { ExpectedError } from '../expected-error.ts';

export class CommandError extends ExpectedError {
  override name = 'CommandError';
}

export function splitCommand(command: string): string[] {
  const words = parse(command, (name) => `$${name}`);
  return words.map((w) => {
    if (typeof w === 'string') return w;
    throw new CommandError(`command "${command}" uses shell syntax (${JSON.stringify(w)}); wrap it as sh -c '…' to use a shell`);
  });
}
