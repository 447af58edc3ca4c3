// The --exec edge without a sidecar: a tab with install commands only. A failing command is
// reported with its exit code and output tail, and a command that rewrites the sample's
// dependency files is reported and undone.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execPage } from '../../../harness/docs/exec.ts';
import { parsePage } from '../../../harness/docs/parse.ts';
import { loadWorkspace } from '../../../harness/docs/workspace.ts';
import { loadManifest } from '../../../harness/samples/manifest.ts';

const tree = mkdtempSync(path.join(os.tmpdir(), 'parity-docs-exec-'));
cpSync(path.resolve(import.meta.dirname, '../../fixtures/docs/tree'), tree, { recursive: true });
afterAll(() => rmSync(tree, { recursive: true, force: true }));

// Never reached: these pages hold no dapr run.
const NO_DAPR = { cli: { path: '/nonexistent/dapr', version: '1.16.5' }, daprd: { path: '/nonexistent/daprd', version: '1.18.2' }, source: 'built' as const };

const page = (commands: string) => parsePage(`---\ntitle: t\n---\n\n{{< tabs "JavaScript" >}}\n\n{{% codetab %}}\n\n\`\`\`bash\ncd somewhere/else\n${commands}\n\`\`\`\n\n{{% /codetab %}}\n\n{{< /tabs >}}\n`);

describe('execPage install steps', () => {
  const ws = loadWorkspace(loadManifest(tree));
  const pkg = path.join(tree, 'samples/javascript/sdk/package.json');

  it('runs in the sample folder, stops at the first failing command and reports its output tail', async () => {
    const findings = await execPage(page('test -f index.js\necho about to fail && echo oops >&2 && exit 3\necho never'), ws, { log: () => {}, dapr: async () => NO_DAPR });
    expect(findings.map((f) => [f.id, f.severity, f.language, f.line])).toEqual([['exec-failed', 'error', 'javascript', 12]]);
    expect(findings[0]!.message).toBe('`echo about to fail && echo oops >&2 && exit 3` exited 3; output ends:\nabout to fail\noops (the tab\'s 1 later command(s) were not run)');
  });

  it('puts back a dependency file a command rewrote, and says so', async () => {
    const before = readFileSync(pkg, 'utf8');
    const findings = await execPage(page(`echo '{}' > package.json`), ws, { log: () => {}, dapr: async () => NO_DAPR });
    expect(findings.map((f) => [f.id, f.severity, f.line])).toEqual([['exec-ok', 'info', 7], ['exec-changed-files', 'warning', 7]]);
    expect(findings[1]!.message).toContain('changed package.json in samples/javascript/sdk');
    expect(readFileSync(pkg, 'utf8')).toBe(before);
  });

  it('says when there is nothing to run', async () => {
    const findings = await execPage(parsePage('# no tabs\n'), ws, { log: () => {}, dapr: async () => NO_DAPR });
    expect(findings.map((f) => f.id)).toEqual(['exec-nothing']);
  });
});
