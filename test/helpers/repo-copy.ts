// A copy of the repository's sample tree in a temp folder, without what installs leave behind:
// a test that runs install commands in it (a page's `npm ci` wipes node_modules) cannot pull a
// sample's files from under another test that is running the same sample in the repository.
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..', '..');

/** What an install leaves in a sample folder: copying it would also let the install be skipped. */
const INSTALLED = new Set(['.venv', 'node_modules', 'target', 'bin', 'obj', 'order-processor', '.parity-install.json', '.parity-install.lock', '__pycache__']);

/** Copies the manifest, components, secrets, goldens, samples and docs; returns the copy's root. */
export function copyRepoTree(prefix: string, into = mkdtempSync(path.join(os.tmpdir(), prefix))): string {
  for (const entry of ['samples.yaml', 'components', 'secrets.json', 'expected', 'samples', 'docs']) {
    cpSync(path.join(REPO, entry), path.join(into, entry), { recursive: true, filter: (src) => !INSTALLED.has(path.basename(src)) });
  }
  return into;
}
