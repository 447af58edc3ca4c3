// junit.xml: one testcase per sample. A flaky sample is a pass with a <flakyFailure>-style note
// in system-out and a property, so CI shows it as passed-but-flaky rather than silently green.
import type { RunReport, SampleResult } from '../model.ts';
import { byBlock, counts } from './matrix.ts';

export function xmlEscape(s: string): string {
  return s
    // XML 1.0 forbids most control characters even escaped; apps can print anything.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function testcase(s: SampleResult): string {
  const open = `    <testcase classname="parity.${xmlEscape(s.language)}" name="${xmlEscape(s.id)}" time="${(s.durationMs / 1000).toFixed(3)}">`;
  const props = `      <properties><property name="status" value="${s.status}"/><property name="attempts" value="${s.attempts}"/></properties>`;
  const body: string[] = [props];
  if (s.status === 'failed') {
    body.push(`      <failure message="${xmlEscape(s.reason ?? 'failed')}">${xmlEscape([s.reason, s.diff, s.logFile && `log: ${s.logFile}`].filter(Boolean).join('\n\n'))}</failure>`);
  } else if (s.status === 'skipped') {
    body.push(`      <skipped message="${xmlEscape(s.reason ?? 'skipped')}"/>`);
  } else if (s.status === 'flaky') {
    body.push(`      <system-out>${xmlEscape(`FLAKY: passed after ${s.attempts} attempts. ${s.reason ?? ''}`)}</system-out>`);
  } else if (s.status === 'adapted') {
    body.push(`      <system-out>${xmlEscape(`ADAPTED: ${s.reason}`)}</system-out>`);
  }
  return [open, ...body, '    </testcase>'].join('\n');
}

function suite(report: RunReport, samples: readonly SampleResult[], dapr: RunReport['dapr'], parity: RunReport['parity'], durationMs: number, block?: string): { xml: string; tests: number; failures: number; skipped: number } {
  const c = counts(samples);
  const name = block ? `parity of ${block}` : 'cross-language parity';
  const parityCase = parity.ok
    ? `    <testcase classname="parity" name="${xmlEscape(name)}" time="0"/>`
    : `    <testcase classname="parity" name="${xmlEscape(name)}" time="0">\n      <failure message="parity failed">${xmlEscape(parity.problems.join('\n'))}</failure>\n    </testcase>`;
  const failures = c.failed + (parity.ok ? 0 : 1);
  const tests = samples.length + 1;
  const xml = [
    `  <testsuite name="${xmlEscape(block ?? 'secrets-management')} (dapr cli ${xmlEscape(dapr.cli)}, runtime ${xmlEscape(dapr.runtime)})" tests="${tests}" failures="${failures}" skipped="${c.skipped}" time="${(durationMs / 1000).toFixed(3)}" timestamp="${report.startedAt}">`,
    ...samples.map(testcase),
    parityCase,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests, failures, skipped: c.skipped };
}

/** One suite per Dapr version pair (one in an ordinary run); in a tree of building blocks, one per block. */
export function renderJunit(report: RunReport): string {
  const blocks = byBlock(report.samples);
  const suites = report.matrix && report.matrix.length > 1
    ? report.matrix.map((m) => suite(report, report.samples.filter((s) => s.dapr?.cli === m.dapr.cli && s.dapr?.runtime === m.dapr.runtime), m.dapr, m.parity, m.durationMs))
    : blocks.some((g) => g.block)
      ? blocks.map((g) => {
        const bp = report.blocks?.find((b) => b.block === g.block);
        const parity = g.block ? { ok: bp?.ok ?? true, expected: {}, problems: bp?.problems ?? [], checked: bp?.checked ?? 0 } : report.parity;
        return suite(report, g.results, report.dapr, parity, g.results.reduce((a, r) => a + r.durationMs, 0), g.block);
      })
      : [suite(report, report.samples, report.dapr, report.parity, report.durationMs)];
  const sum = (k: 'tests' | 'failures' | 'skipped') => suites.reduce((a, x) => a + x[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dapr-quickstart-parity" tests="${sum('tests')}" failures="${sum('failures')}" skipped="${sum('skipped')}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...suites.map((x) => x.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
