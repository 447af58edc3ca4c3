// Writes every report format into the report folder: one result model, one file per format.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunReport } from '../model.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { makeDirs } from '../files/make-dirs.ts';

export async function writeReports(report: RunReport, dir: string): Promise<void> {
  await makeDirs(dir);
  await fs.writeFile(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await fs.writeFile(path.join(dir, 'junit.xml'), renderJunit(report));
  await fs.writeFile(path.join(dir, 'summary.md'), renderMarkdown(report));
}
