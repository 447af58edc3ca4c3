// Checks the inputs every sample shares before anything is built or started, so that a broken
// components folder or secrets file is one clear line instead of ten identical daprd failures.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Manifest } from './model.ts';
import { componentDocuments, componentFiles } from './samples/components.ts';
import { InputError } from './input-error.ts';

export function checkComponents(dir: string): void {
  if (!existsSync(dir)) throw new InputError(`components folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new InputError(`components path ${dir} is not a folder`);
  const files = componentFiles(dir);
  if (files.length === 0) throw new InputError(`components folder ${dir} holds no component (.yaml) file`);
  for (const file of files) {
    const docs = componentDocuments(readFileSync(file, 'utf8'));
    for (const doc of docs) {
      const err = doc.errors[0];
      if (err) {
        const line = err.linePos?.[0]?.line;
        throw new InputError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${err.message.split('\n')[0]}`);
      }
      const v = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
      if (v && (typeof v.kind !== 'string' || typeof v.metadata?.name !== 'string')) {
        throw new InputError(`${file}: not a Dapr resource (needs kind and metadata.name)`);
      }
    }
  }
}

export function checkSecretsFile(file: string): unknown {
  if (!existsSync(file)) throw new InputError(`secrets file ${file} does not exist`);
  if (!statSync(file).isFile()) throw new InputError(`secrets file ${file} is not a regular file`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    // V8 quotes the offending text, newlines and all: keep the message to one line.
    throw new InputError(`${file}: not valid JSON (${(err as Error).message.replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ' : ws))})`);
  }
}

export function checkInputs(manifest: Manifest): void {
  checkComponents(manifest.components);
  checkSecretsFile(manifest.secrets);
}
