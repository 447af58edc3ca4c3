// Every finding `parity docs` can report: its id, severity, what it means and the usual fix. Data,
// imported by the checks (Finding.id is typed as one of these ids) and rendered into
// docs/findings.md by `npm run docs:reference`; a test keeps the two in step.
/** How much a finding matters: errors fail `parity docs`. */
export type Severity = 'error' | 'warning' | 'info';

export interface FindingInfo {
  severity: Severity;
  /** Which part of the checker reports it. */
  area: 'structure' | 'excerpts' | 'data' | 'output' | 'commands' | 'prose' | 'tree' | 'exec';
  meaning: string;
  fix: string;
}

export const FINDING_IDS = {
  'no-front-matter': { severity: 'warning', area: 'structure', meaning: 'the page has no front matter (Hugo takes the title from it)', fix: 'add a --- block with at least a title' },
  'front-matter-invalid': { severity: 'error', area: 'structure', meaning: 'the front matter is not valid YAML', fix: 'fix the YAML between the --- lines' },
  'front-matter-no-title': { severity: 'warning', area: 'structure', meaning: 'the front matter has no title', fix: 'add title: to the front matter' },
  'no-tabs': { severity: 'error', area: 'structure', meaning: 'the page has no language tabs, so nothing can be tied to a sample', fix: 'put each language\'s steps in a {{< tabs >}} block' },
  'malformed-shortcode': { severity: 'error', area: 'structure', meaning: 'a shortcode is not closed or not well formed, so Hugo would render it wrongly', fix: 'close the shortcode with >}} or %}}' },
  'unknown-shortcode': { severity: 'warning', area: 'structure', meaning: 'a shortcode this checker does not know; a typo renders as nothing', fix: 'check the shortcode\'s name' },
  'unbalanced-shortcode': { severity: 'error', area: 'structure', meaning: 'a paired shortcode is opened and never closed, or closed and never opened', fix: 'add the missing opening or closing shortcode' },
  'codetab-outside-tabs': { severity: 'error', area: 'structure', meaning: 'a codetab sits outside any tabs block, so it has no label', fix: 'move it inside a {{< tabs >}} block' },
  'tabs-without-labels': { severity: 'error', area: 'structure', meaning: 'a tabs shortcode lists no labels', fix: 'list the tab labels in order, e.g. {{< tabs "Python" "Go" >}}' },
  'tab-count-mismatch': { severity: 'error', area: 'structure', meaning: 'a tabs block lists a different number of labels than it holds codetabs', fix: 'give every codetab one label, in order' },
  'unknown-tab-label': { severity: 'warning', area: 'structure', meaning: 'a tab label names no language the manifest knows', fix: 'use a language name (Python, JavaScript, .NET, Java, Go)' },
  'tab-without-code': { severity: 'warning', area: 'structure', meaning: 'a language tab holds no code block', fix: 'add the tab\'s commands and code' },
  'code-without-language': { severity: 'warning', area: 'structure', meaning: 'a fenced block has no language, so it can be neither checked nor highlighted', fix: 'add the language after the opening fence (bash, python, text, …)' },
  'no-sample': { severity: 'warning', area: 'structure', meaning: 'a tab (or HTTP block) has no sample in the manifest to compare with', fix: 'add the sample to samples.yaml, or fix the label' },
  'excerpt-mismatch': { severity: 'error', area: 'excerpts', meaning: 'a code excerpt has a line that is not in the sample\'s source, or not in that order', fix: 'copy the excerpt from the sample\'s source again' },
  'excerpt-wrong-language': { severity: 'warning', area: 'excerpts', meaning: 'a code block is in another language than its tab', fix: 'move the block to its language\'s tab' },
  'sample-source-missing': { severity: 'warning', area: 'excerpts', meaning: 'the sample\'s source file named in the manifest does not exist', fix: 'fix source: in samples.yaml' },
  'yaml-invalid': { severity: 'error', area: 'data', meaning: 'a YAML block does not parse', fix: 'fix the YAML' },
  'component-unknown': { severity: 'error', area: 'data', meaning: 'a component block names a component the samples do not have', fix: 'show the component from the components folder' },
  'component-mismatch': { severity: 'error', area: 'data', meaning: 'a component block differs (as data) from the samples\' component file', fix: 'show the component file as it is' },
  'json-invalid': { severity: 'error', area: 'data', meaning: 'a JSON block does not parse', fix: 'fix the JSON' },
  'secrets-unreadable': { severity: 'warning', area: 'data', meaning: 'the secrets file could not be read, so the page\'s copy is not checked', fix: 'fix secrets: in samples.yaml' },
  'secrets-mismatch': { severity: 'error', area: 'data', meaning: 'a secrets block differs (as data) from the secrets file', fix: 'show the secrets file as it is' },
  'golden-missing': { severity: 'warning', area: 'output', meaning: 'the sample has no golden yet, so the page\'s output block is not checked', fix: 'record it with `npx parity run <id> --update`, review, commit' },
  'output-prefix-drift': { severity: 'warning', area: 'output', meaning: 'the output shows (or lacks) the "== APP == " prefix, which only CLI 1.16 and older print', fix: 'drop the prefix from the output block' },
  'output-content-drift': { severity: 'error', area: 'output', meaning: 'the output block shows a line the sample does not print, or a different line', fix: 'show what the sample\'s golden holds' },
  'output-lines-filtered': { severity: 'info', area: 'output', meaning: 'the output block shows lines the run\'s line filters drop (npm\'s lifecycle banner, say); they are left out of the comparison', fix: 'none needed' },
  'output-lines-omitted': { severity: 'info', area: 'output', meaning: 'the output block leaves out lines the sample prints (start-up logs, say); what it shows is in order', fix: 'none needed; show them if a reader needs them' },
  'run-command-mismatch': { severity: 'error', area: 'commands', meaning: 'the app command after `dapr run … --` is not the sample\'s run command', fix: 'use the sample\'s run command from samples.yaml' },
  'run-command-detail': { severity: 'warning', area: 'commands', meaning: 'the app command differs from the sample\'s in a detail only (a launcher name, say)', fix: 'use the sample\'s run command as written' },
  'unknown-flag': { severity: 'warning', area: 'commands', meaning: 'dapr run has no such flag', fix: 'check the flag against `dapr run --help`' },
  'deprecated-flag': { severity: 'warning', area: 'commands', meaning: 'a dapr run flag that the CLI deprecates (e.g. --components-path)', fix: 'use its replacement (e.g. --resources-path)' },
  'removed-flag': { severity: 'error', area: 'commands', meaning: 'a dapr run flag that the CLI no longer accepts', fix: 'use its replacement' },
  'app-id-missing': { severity: 'warning', area: 'commands', meaning: 'dapr run is given no --app-id, so the CLI makes one up', fix: 'add the sample\'s --app-id' },
  'app-id-mismatch': { severity: 'error', area: 'commands', meaning: '--app-id is not the one the sample runs as', fix: 'use the sample\'s app id' },
  'resources-path-missing': { severity: 'error', area: 'commands', meaning: 'dapr run is given no --resources-path, so daprd loads ~/.dapr/components', fix: 'add --resources-path to the samples\' components folder' },
  'resources-path-mismatch': { severity: 'warning', area: 'commands', meaning: '--resources-path does not lead from the sample folder to its components', fix: 'use the path from the sample folder to the components folder' },
  'install-file-missing': { severity: 'error', area: 'commands', meaning: 'an install command reads a file the sample folder does not have', fix: 'use the sample\'s own dependency file' },
  'no-run-command': { severity: 'warning', area: 'commands', meaning: 'a language tab has no dapr run command', fix: 'add the dapr run command' },
  'link-wrong-language': { severity: 'warning', area: 'prose', meaning: 'a link in a tab points at another language\'s sample', fix: 'link to this tab\'s sample' },
  'link-text-wrong-language': { severity: 'warning', area: 'prose', meaning: 'a link\'s text names another language than its tab', fix: 'fix the link text' },
  'prose-unknown-name': { severity: 'warning', area: 'prose', meaning: 'inline code names a store, key or component the samples do not use', fix: 'use the name the samples use' },
  'page-unreadable': { severity: 'error', area: 'structure', meaning: 'the page could not be parsed at all; nothing else on it was checked', fix: 'fix the markdown at the line named' },
  'page-names-no-sample': { severity: 'info', area: 'tree', meaning: 'the page links to no sample folder of the tree, runs no `cd` into one and has no language tabs (an index page)', fix: 'none needed' },
  'tree-link-missing': { severity: 'error', area: 'tree', meaning: 'a link into the quickstarts repository names a file or folder the tree no longer has', fix: 'link to the file that took its place' },
  'tree-link-malformed': { severity: 'warning', area: 'tree', meaning: 'a link into the quickstarts repository names no branch (/tree/<branch>/), so GitHub cannot resolve it', fix: 'insert /tree/master/ after the repository' },
  'cd-path-missing': { severity: 'error', area: 'tree', meaning: 'a `cd` on the page leads to a folder the tree does not have (from where the reader is, the sample or the root)', fix: 'cd into the folder the sample has' },
  'run-file-missing': { severity: 'error', area: 'tree', meaning: '`dapr run -f` is given a run file (or a folder without dapr.yaml) that the tree does not have where the page runs it', fix: 'run it from the folder holding the run file, as the README does' },
  'resources-folder-missing': { severity: 'error', area: 'tree', meaning: '--resources-path leads, from where the page runs it, to a folder the tree does not have', fix: 'point it at the sample\'s components folder' },
  'app-id-unknown': { severity: 'error', area: 'tree', meaning: '--app-id names an app the sample\'s README never starts', fix: 'use the app id the README uses' },
  'command-not-in-readme': { severity: 'warning', area: 'tree', meaning: 'an install or run command of the page is not what the sample\'s README runs, or runs in another folder', fix: 'run what the README runs, where it runs it' },
  'excerpt-not-in-tree': { severity: 'error', area: 'tree', meaning: 'a code excerpt has a line that no source file of the sample holds (in order)', fix: 'copy the excerpt from the sample\'s file again' },
  'quoted-file-missing': { severity: 'warning', area: 'tree', meaning: 'a YAML or JSON block presents a file (by name) that neither the sample nor its building block holds', fix: 'show a file the sample has' },
  'quoted-file-mismatch': { severity: 'error', area: 'tree', meaning: 'a YAML or JSON block differs, as data, from the file of that name in the sample (or its building block)', fix: 'copy the file into the block' },
  'install-not-in-readme': { severity: 'info', area: 'tree', meaning: 'the page runs an install or build step (`dotnet build`, `go build`) that the sample\'s README does without', fix: 'none needed, if a reader needs the step' },
  'output-not-checked': { severity: 'info', area: 'tree', meaning: 'the tab\'s sample has no per-app goldens yet, so its output blocks are not compared', fix: 'record them with `parity run --root TREE <id> --update`' },
  'tab-without-sample': { severity: 'warning', area: 'tree', meaning: 'a language tab has no sample of its language in the tree', fix: 'point the tab at a sample the tree has' },
  'tree-sample-without-tab': { severity: 'info', area: 'tree', meaning: 'the tree has a sample of the page\'s building block in a language the page has no tab for', fix: 'add a tab, or say why there is none' },
  'exec-ok': { severity: 'info', area: 'exec', meaning: '--exec ran the tab\'s commands and its dapr run passed', fix: 'none needed' },
  'exec-failed': { severity: 'error', area: 'exec', meaning: '--exec: a command of the tab failed (its exit code and output tail are quoted)', fix: 'make the command work as typed in the sample folder' },
  'exec-skipped': { severity: 'info', area: 'exec', meaning: '--exec: the tab\'s toolchain is not on this machine, so its commands were not run (skipped, not passed)', fix: 'install the toolchain' },
  'exec-nothing': { severity: 'warning', area: 'exec', meaning: '--exec found no command to run', fix: 'put the install and dapr run commands in bash blocks' },
  'exec-changed-files': { severity: 'warning', area: 'exec', meaning: '--exec: an install command changed the sample\'s dependency files (they were put back)', fix: 'use an install command that leaves them alone (npm ci, not npm install)' },
} as const satisfies Record<string, FindingInfo>;

export type FindingId = keyof typeof FINDING_IDS;

/** The catalogue as a Markdown reference page. Pure. */
export function renderFindingReference(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const areas = [...new Set(Object.values(FINDING_IDS).map((f) => f.area))];
  const lines = [
    '# `parity docs` findings',
    '',
    '<!-- Generated from harness/docs/finding-ids.ts by `npm run docs:reference`; edit that file, not this one. -->',
    '',
    'Each finding has a stable id (CI filters and tests key on it), a severity (an `error` fails the',
    'check with exit 1; a `warning` or `info` does not), the page line it points at, and a one-line fix.',
  ];
  for (const area of areas) {
    lines.push('', `## ${area}`, '', '| id | severity | meaning | typical fix |', '| --- | --- | --- | --- |');
    for (const [id, f] of Object.entries(FINDING_IDS) as [FindingId, FindingInfo][]) {
      if (f.area === area) lines.push(`| \`${id}\` | ${f.severity} | ${cell(f.meaning)} | ${cell(f.fix)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
