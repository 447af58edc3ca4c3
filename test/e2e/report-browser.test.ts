// report.html in a real browser: Debian's Chromium, driven by playwright-core, opens the report of
// a real run (real `dapr run` and daprd) that has a failed sample, follows the matrix to that
// sample's diff, and sees it. Every request the page makes is recorded: none may leave the machine.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { updateRequested } from '../helpers/dapr.ts';
import { faultSuite } from '../helpers/fault-suite.ts';
import { HTTP_SECRET_APP, makeFaultTree, SECRET_LINE } from '../helpers/fault-tree.ts';
import { REPO_ROOT, runParity } from '../helpers/parity-child.ts';

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
const app = { run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } };

faultSuite();

let browser: Browser | undefined;
afterAll(async () => { await browser?.close(); });

describe('report.html in Chromium', () => {
  it('opens offline, links a failed sample to its diff, and shows the diff', async (ctx) => {
    if (missing) {
      // Named, so the skip is counted and says why (.ci/run installs chromium with apt-get).
      console.info(`report.html browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`);
      ctx.skip(`${CHROMIUM} not found: apt-get install chromium`);
    }
    const tree = makeFaultTree({ samples: [
      { ...app, language: 'python', variant: 'sdk' },
      { ...app, language: 'python', variant: 'http' },
      // The golden says another secret: the run fails with a diff.
      { ...app, language: 'javascript', variant: 'http', golden: `${SECRET_LINE.replace('YourPasskeyHere', 'AnOlderPasskey')}\n` },
      { ...app, language: 'go', variant: 'http' },
    ] });
    const reportDir = tree.path('artifacts');
    const run = await runParity(tree.root, [], { reportDir });
    expect(run.code, run.describe()).toBe(1);
    expect(run.report!.samples.find((s) => s.id === 'javascript/http')?.status).toBe('failed');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    // Anything but the report folder's own files is refused, so a stray fetch cannot succeed either.
    const reportUrl = pathToFileURL(path.join(reportDir, 'report.html')).href;
    await page.route('**/*', (route) => (route.request().url().startsWith(pathToFileURL(reportDir).href) ? route.continue() : route.abort()));
    await page.goto(reportUrl);

    await page.locator('#matrix td.st.failed a').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#sample-javascript-http');
    const sample = page.locator('section.sample:target');
    await expect.poll(() => sample.getAttribute('data-status')).toBe('failed');
    const diff = sample.locator('pre.diff');
    expect(await diff.isVisible()).toBe(true);
    expect(await diff.locator('span.del').allInnerTexts()).toEqual(['-Fetched Secret: {"secret":"AnOlderPasskey"}']);
    expect(await diff.locator('span.add').allInnerTexts()).toEqual(['+Fetched Secret: {"secret":"YourPasskeyHere"}']);
    // The raw log link is relative and names a file that is there.
    const log = await sample.locator('a.log').getAttribute('href');
    expect(log).toBe('logs/javascript-http/run.log');
    expect(existsSync(path.join(reportDir, log!))).toBe(true);

    const shot = updateRequested() ? path.join(REPO_ROOT, 'docs', 'report-screenshot.png') : path.join(REPO_ROOT, 'artifacts', 'report-screenshot.png');
    mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  }, 180_000);
});
