// The one shape every reporter has: the live progress lines, the console summary, report.json,
// junit.xml, summary.md and report.html each implement what they need of it. A command registers its
// reporters once; the runner tells them what happens and never prints itself.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunReport, SampleResult, SampleSpec } from '../model.ts';
import { makeDirs } from '../files/make-dirs.ts';
import { renderConsole } from './console.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { STATUS_MARK } from './status.ts';

export interface Reporter {
  /** The samples about to run (once per Dapr version pair in a run over several). */
  onRunStart?(samples: readonly Pick<SampleSpec, 'id'>[]): void;
  onSampleStart?(sample: Pick<SampleSpec, 'id'>): void;
  onSampleEnd?(result: SampleResult): void;
  /** The whole run's report, once, after any baseline marked it. */
  onRunEnd?(report: RunReport): Promise<void> | void;
}

/** Every reporter told in turn, in the order they were registered. */
export function fanOut(reporters: readonly Reporter[]): Required<Reporter> {
  return {
    onRunStart: (samples) => { for (const r of reporters) r.onRunStart?.(samples); },
    onSampleStart: (sample) => { for (const r of reporters) r.onSampleStart?.(sample); },
    onSampleEnd: (result) => { for (const r of reporters) r.onSampleEnd?.(result); },
    onRunEnd: async (report) => { for (const r of reporters) await r.onRunEnd?.(report); },
  };
}

/** `▶ id  started`, then `✔ id  passed in 1.2s` (and the first line of why, when not passed). */
export function progressReporter(write: (line: string) => void): Reporter {
  let width = 0;
  return {
    onRunStart: (samples) => { width = Math.max(...samples.map((s) => s.id.length)); },
    onSampleStart: (s) => write(`▶ ${s.id.padEnd(width)}  started`),
    onSampleEnd: (r) => write(`${STATUS_MARK[r.status]} ${r.id.padEnd(width)}  ${r.status} in ${(r.durationMs / 1000).toFixed(1)}s${r.status !== 'passed' ? ` — ${r.reason.split('\n')[0]}` : ''}`),
  };
}

/** The summary at the end; `shownDir` is the report folder as the user gave it (a path relative to here reads like another folder). */
export function consoleReporter(write: (text: string) => void, shownDir: string): Reporter {
  return { onRunEnd: (report) => write(renderConsole(report, shownDir)) };
}

/** One file of the report folder, written from the report at the end. */
function fileReporter(dir: string, name: string, render: (report: RunReport) => string): Reporter {
  return {
    onRunEnd: async (report) => {
      await makeDirs(dir);
      await fs.writeFile(path.join(dir, name), render(report));
    },
  };
}

export const jsonReporter = (dir: string): Reporter => fileReporter(dir, 'report.json', (r) => `${JSON.stringify(r, null, 2)}\n`);
export const junitReporter = (dir: string): Reporter => fileReporter(dir, 'junit.xml', renderJunit);
export const markdownReporter = (dir: string): Reporter => fileReporter(dir, 'summary.md', renderMarkdown);
export const htmlReporter = (dir: string): Reporter => fileReporter(dir, 'report.html', (r) => renderHtml(r, dir));

/** What `run` and `merge-reports` report to: the report folder's files, then the console summary. */
export function runReporters(opts: { reportDir: string; shownDir: string; stdout: (text: string) => void; progress?: (line: string) => void }): Reporter[] {
  return [
    ...(opts.progress ? [progressReporter(opts.progress)] : []),
    jsonReporter(opts.reportDir), junitReporter(opts.reportDir), markdownReporter(opts.reportDir), htmlReporter(opts.reportDir),
    consoleReporter(opts.stdout, opts.shownDir),
  ];
}
