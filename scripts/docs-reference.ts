// Writes the reference pages generated from data: docs/findings.md from the finding catalogue.
// `npm run docs:reference`; test/unit/repo/reference-docs.test.ts fails when the page is out of date.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderFindingReference } from '../harness/docs/finding-ids.ts';

const file = path.join(import.meta.dirname, '..', 'docs', 'findings.md');
writeFileSync(file, renderFindingReference());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
