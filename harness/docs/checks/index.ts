// Every static check, run in turn over one parsed page. Pure.
import type { Finding } from '../findings.ts';
import type { DocPage } from '../parse.ts';
import type { Workspace } from '../workspace.ts';
import { checkCommands } from './commands.ts';
import { checkComponents, checkSecrets } from './data.ts';
import { checkExcerpts } from './excerpt.ts';
import { checkOutputs } from './output.ts';
import { checkIdentifiers, checkLinks } from './prose.ts';
import { checkStructure } from './structure.ts';

export const CHECKS: readonly ((page: DocPage, ws: Workspace) => Finding[])[] = [
  checkStructure,
  checkExcerpts,
  checkComponents,
  checkSecrets,
  checkOutputs,
  checkCommands,
  (page) => checkLinks(page),
  (page) => checkIdentifiers(page),
];

export function runChecks(page: DocPage, ws: Workspace): Finding[] {
  return CHECKS.flatMap((check) => check(page, ws));
}
