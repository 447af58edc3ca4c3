// Each fixture page carries one kind of drift against the fixture tree; the findings are asserted
// exactly (id, severity, language, line), so a check that starts reporting more, less or
// elsewhere fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../../harness/docs/checks/index.ts';
import { sortFindings, type Finding } from '../../../../harness/docs/findings.ts';
import { parsePage } from '../../../../harness/docs/parse.ts';
import { loadWorkspace } from '../../../../harness/docs/workspace.ts';
import { loadManifest } from '../../../../harness/samples/manifest.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/docs');
const ws = loadWorkspace(loadManifest(path.join(FIXTURES, 'tree')));

function findings(page: string): Finding[] {
  // Page order: by line, then id.
  return sortFindings(runChecks(parsePage(readFileSync(path.join(FIXTURES, page), 'utf8')), ws)).sort((a, b) => a.line - b.line || a.id.localeCompare(b.id));
}

function brief(page: string): [string, string, string | null, number][] {
  return findings(page).map((f) => [f.id, f.severity, f.language, f.line]);
}

describe('docs checks on fixture pages', () => {
  it('finds nothing on the clean page', () => {
    expect(findings('clean.md')).toEqual([]);
  });

  it('excerpt-mismatch: reports the first excerpt line not in the source', () => {
    expect(brief('excerpt-drift.md')).toEqual([['excerpt-mismatch', 'error', 'python', 29]]);
    expect(findings('excerpt-drift.md')[0]!.message).toContain(`"STORE = 'otherstore'" is not in samples/python/sdk/app.py`);
  });

  it('component-mismatch: names the differing path and points at its line', () => {
    expect(brief('component-drift.md')).toEqual([['component-mismatch', 'error', 'python', 46]]);
    const [f] = findings('component-drift.md');
    expect(f!.message).toBe('spec.metadata[0].value is "secrets.json" on the page but "../../../secrets.json" in components/store.yaml');
    expect(f!.fix).toBe('copy components/store.yaml into this block');
  });

  it('secrets-mismatch: compares the secrets.json block as data', () => {
    expect(brief('secrets-drift.md')).toEqual([['secrets-mismatch', 'error', 'python', 52]]);
    expect(findings('secrets-drift.md')[0]!.message).toBe('secret is "YourPasskeyHere" on the page but "s3cr3t" in secrets.json');
  });

  it('output-prefix-drift: a page that only adds "== APP == " gets a warning', () => {
    expect(brief('output-prefix.md')).toEqual([
      ['output-prefix-drift', 'warning', 'python', 58],
      ['output-prefix-drift', 'warning', 'javascript', 82],
    ]);
  });

  it('output-content-drift: a logging prefix, extra lines and another language\'s output are errors', () => {
    expect(brief('output-content.md')).toEqual([
      ['output-content-drift', 'error', 'python', 58],
      ['output-content-drift', 'error', 'javascript', 82],
      ['output-content-drift', 'error', 'go', 108],
    ]);
    const [py, js, go] = findings('output-content.md');
    expect(py!.message).toContain('logging prefix "INFO:root:"');
    expect(js!.message).toContain('line(s) the sample does not print: "> fixture start"');
    expect(go!.message).toContain('what javascript/sdk prints');
  });

  it('deprecated-flag, app-id-mismatch and resources-path-missing on dapr run', () => {
    expect(brief('run-flags.md')).toEqual([
      ['deprecated-flag', 'warning', 'python', 22],
      ['app-id-mismatch', 'error', 'javascript', 69],
      ['resources-path-missing', 'error', 'go', 92],
    ]);
    expect(findings('run-flags.md')[0]!.fix).toBe('use --resources-path instead of --components-path');
  });

  it('run-command-mismatch is an error, a launcher-only difference a warning', () => {
    expect(brief('run-command.md')).toEqual([
      ['run-command-detail', 'warning', 'python', 22],
      ['run-command-mismatch', 'error', 'javascript', 69],
      ['run-command-mismatch', 'error', 'go', 92],
    ]);
    expect(findings('run-command.md')[2]!.message).toContain('`go run` with no package or .go file fails');
  });

  it('install-file-missing: install commands must read files the sample has', () => {
    expect(brief('install-missing.md')).toEqual([
      ['install-file-missing', 'error', 'python', 16],
      ['install-file-missing', 'error', 'javascript', 68],
    ]);
  });

  it('a block under an HTTP heading is compared with the http variant (none here)', () => {
    expect(brief('http-variant.md')).toEqual([['no-sample', 'warning', 'python', 63]]);
  });

  it('links and names in the prose that belong to another language', () => {
    expect(brief('prose-drift.md')).toEqual([
      ['link-text-wrong-language', 'warning', 'python', 49],
      ['link-wrong-language', 'warning', 'python', 49],
      ['prose-unknown-name', 'warning', 'python', 49],
    ]);
  });

  it('golden-missing: a sample with no golden yet is a warning, not a pass or an error', () => {
    expect(brief('golden-missing.md')).toEqual([['golden-missing', 'warning', 'java', 16]]);
  });

  it('golden-missing still reports the "== APP == " prefix, which is wrong whatever the golden says', () => {
    const text = readFileSync(path.join(FIXTURES, 'golden-missing.md'), 'utf8').replace('```text\nFetched', '```text\n== APP == Fetched');
    const got = runChecks(parsePage(text), ws).map((f) => [f.id, f.severity, f.language, f.line]);
    expect(got).toEqual([['golden-missing', 'warning', 'java', 16], ['output-prefix-drift', 'warning', 'java', 17]]);
  });
});

describe('docs checks on badly formed pages', () => {
  it('no-tabs', () => expect(brief('no-tabs.md')).toEqual([['no-tabs', 'error', null, 1]]));
  it('an unclosed codetab keeps the tabs after it labelled', () => {
    expect(brief('unbalanced.md')).toEqual([['unbalanced-shortcode', 'error', null, 7]]);
  });
  it('unknown-shortcode', () => expect(brief('unknown-shortcode.md')).toEqual([['unknown-shortcode', 'warning', null, 9]]));
  it('unknown-tab-label', () => expect(brief('unknown-label.md')).toEqual([['unknown-tab-label', 'warning', null, 15]]));
  it('tab-without-code', () => expect(brief('tab-no-code.md')).toEqual([['tab-without-code', 'warning', 'python', 15]]));
  it('code-without-language', () => expect(brief('no-lang.md')).toEqual([['code-without-language', 'warning', 'go', 11]]));
  it('tab-count-mismatch', () => expect(brief('tab-count.md')).toEqual([['tab-count-mismatch', 'error', null, 5]]));
  it('front-matter-invalid', () => expect(brief('front-matter.md')).toEqual([['front-matter-invalid', 'error', null, 2]]));

  it('odd markdown gives findings, never an exception', () => {
    const ids = (text: string) => [...new Set(runChecks(parsePage(text), ws).map((f) => f.id))].sort();
    const cases: [string, string[]][] = [
      ['{{< tabs', ['malformed-shortcode', 'no-front-matter', 'no-tabs']],
      ['{{% codetab %}}\n```bash\ndapr run\n```', ['codetab-outside-tabs', 'no-front-matter', 'no-tabs', 'unbalanced-shortcode']],
      ['{{< /tabs >}}', ['no-front-matter', 'no-tabs', 'unbalanced-shortcode']],
      ['```\nunclosed fence', ['code-without-language', 'no-front-matter', 'no-tabs']],
      ['{{< tabs "Go" >}}\n{{< tabs "Python" >}}\n{{% codetab %}}\n```python\nx\n```\n{{% /codetab %}}\n{{< /tabs >}}\n{{< /tabs >}}', ['excerpt-mismatch', 'no-front-matter', 'no-run-command', 'tab-count-mismatch']],
      ['---\n---\n', ['front-matter-no-title', 'no-tabs']],
      ['{{< tabs "Go" >}}{{% codetab %}}{{% /codetab %}}{{< /tabs >}}', ['no-front-matter', 'tab-without-code']],
      ['`{{< tabs "Go" >}}` in inline code only', ['no-front-matter', 'no-tabs']],
      ['{{< button text="a >> b" >}} {{< ref "x" >}} {{</* tabs */>}}', ['no-front-matter', 'no-tabs']],
      ['{{< tabs "Go" >}}\n{{% codetab %}}\n```bash\ndapr run -- \n```\n```yaml\nkind: Component\n: : bad\n```\n```json\n{ bad\n```\n{{% /codetab %}}\n{{< /tabs >}}', ['app-id-missing', 'no-front-matter', 'resources-path-missing', 'run-command-mismatch', 'yaml-invalid']],
    ];
    for (const [text, want] of cases) expect(ids(text), JSON.stringify(text)).toEqual(want);
  });
});

describe('the output check applies the run\'s line filters and redactions', () => {
  const clean = readFileSync(path.join(FIXTURES, 'clean.md'), 'utf8');
  const withJsOutput = (block: string) => clean.replace('```\nFetched Secret: {"secret":"s3cr3t"}\n```', `\`\`\`\n${block}\n\`\`\``);
  const check = (page: string) => runChecks(parsePage(page), ws).map((f) => [f.id, f.severity, f.language] as const);

  it('npm\'s lifecycle lines, which the run drops from the golden, are an info finding, not drift', () => {
    const page = withJsOutput('> order-processor@1.0.0 start\n> node index.js\n\nFetched Secret: {"secret":"s3cr3t"}');
    expect(page).not.toBe(clean);
    const found = check(page);
    expect(found).toEqual([['output-lines-filtered', 'info', 'javascript']]);
    const f = runChecks(parsePage(page), ws)[0]!;
    expect(f.message).toContain('npm-lifecycle');
    expect(f.line).toBe(82);
  });

  it('a timestamp the run redacts matches the golden\'s placeholder', () => {
    const tree = loadManifest(path.join(FIXTURES, 'tree'));
    const golden = 'at [TIMESTAMP]: Fetched Secret: {"secret":"s3cr3t"}\n';
    const wsTs = { ...ws, manifest: tree, samples: ws.samples.map((s) => (s.spec.id === 'javascript/sdk' ? { ...s, golden } : s)) };
    const page = withJsOutput('at 2024-05-01T10:00:00Z: Fetched Secret: {"secret":"s3cr3t"}');
    expect(runChecks(parsePage(page), wsTs)).toEqual([]);
  });

  it('a line no filter drops is still content drift', () => {
    expect(check(withJsOutput('> fixture start\nFetched Secret: {"secret":"s3cr3t"}'))).toEqual([['output-content-drift', 'error', 'javascript']]);
  });
});
