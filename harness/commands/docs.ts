// `parity docs PAGE.md [--json] [--exec]`: checks a Hugo quickstart page against the samples,
// their goldens, the component and the secrets file, and with --exec runs the page's commands on
// the real sidecar. Exit 0 clean, 1 when any finding is an error, 2 when the page (or the
// manifest) cannot be read at all. Thin edge: reading, printing; the checks are pure.
import type { DaprBinaries } from '../dapr/provision.ts';
import type { Language } from '../model.ts';
import { ExpectedError } from '../expected-error.ts';
import { loadManifest } from '../samples/manifest.ts';
import { SECRET_KEY } from '../parity/check.ts';
import { securitySettings } from '../security/options.ts';
import { runChecks } from '../docs/checks/index.ts';
import { tabLanguage } from '../docs/targets.ts';
import { formatJson, formatText, makeReport, type Finding } from '../docs/findings.ts';
import { parsePage } from '../docs/parse.ts';
import { readPage } from '../docs/read-page.ts';
import { loadWorkspace } from '../docs/workspace.ts';

export interface DocsOptions {
  json: boolean;
  exec: boolean;
  root: string;
  out?: (s: string) => void;
  /** Where the one-line fatal error goes (default: stderr). */
  err?: (s: string) => void;
  /** With --exec: only run these languages' tabs (default: every tab with a sample). */
  languages?: Language[];
  /** With --exec: progress lines (default: stderr). */
  log?: (line: string) => void;
  /** With --exec: the Dapr binaries the command line resolved (from --dapr-from, versions, …). */
  dapr?: () => Promise<DaprBinaries>;
  /** With --exec: aborted on SIGINT/SIGTERM, ending the sample's processes as `parity run` does. */
  signal?: AbortSignal;
}

const NO_DAPR_GIVEN = () => Promise.reject(new Error('no Dapr binaries were handed to the docs check'));

export async function docsCommand(page: string, opts: DocsOptions): Promise<number> {
  const out = opts.out ?? ((s: string) => void process.stdout.write(s));
  const err = opts.err ?? ((s: string) => void process.stderr.write(s));
  const fail = (what: string) => {
    err(`parity docs: ${what}\n`);
    return 2;
  };
  const read = await readPage(page);
  if (!read.ok) return fail(`${page}: ${read.reason}`);

  let ws: ReturnType<typeof loadWorkspace>;
  try {
    ws = loadWorkspace(loadManifest(opts.root));
  } catch (e) {
    if (e instanceof ExpectedError) return fail(e.message);
    throw e;
  }

  try {
    const doc = parsePage(read.text);
    const findings: Finding[] = runChecks(doc, ws);
    if (opts.exec) {
      const { execPage } = await import('../docs/exec.ts');
      // The manifest's own security settings, as `parity run` without flags would take them.
      const security = securitySettings(ws.manifest, { apiToken: false, scoped: false }, SECRET_KEY);
      findings.push(...(await execPage(doc, ws, { languages: opts.languages, dapr: opts.dapr ?? NO_DAPR_GIVEN, log: opts.log ?? ((l) => void process.stderr.write(`${l}\n`)), signal: opts.signal, ...security })));
    }
    const order = [...new Set(doc.groups.flatMap((g) => g.tabs.map((t) => tabLanguage(t)).filter((l): l is Language => l !== undefined)))];
    const report = makeReport(page, findings, order);
    out(opts.json ? formatJson(report) : formatText(report, `${page} (checked against ${ws.manifest.file})`));
    return report.summary.errors > 0 ? 1 : 0;
  } catch (e) {
    // The user's input or machine is one line; anything else is a bug, for the crash log (as in `run`).
    if (e instanceof ExpectedError) return fail(`${page}: could not be checked: ${e.message}`);
    throw e;
  }
}
