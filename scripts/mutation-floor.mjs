// Fails when any mutated file scores under the floor. Stryker's `thresholds.break` judges only the
// total, so one weak module could hide behind strong ones. Reads Stryker's JSON report.
import { readFileSync } from 'node:fs';

const FLOOR = Number(process.env.MUTATION_FLOOR ?? 90);
const reportFile = process.argv[2] ?? 'reports/mutation/mutation.json';
let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (err) {
  console.error(`mutation-floor: cannot read ${reportFile}: ${err.message}`);
  process.exit(2);
}
const DETECTED = new Set(['Killed', 'Timeout']);
const VALID = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const low = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  const valid = mutants.filter((m) => VALID.has(m.status));
  if (valid.length === 0) continue;
  const score = (100 * valid.filter((m) => DETECTED.has(m.status)).length) / valid.length;
  console.log(`${score.toFixed(2).padStart(6)} %  ${file}`);
  if (score < FLOOR) low.push(file);
}
if (low.length) {
  console.error(`mutation-floor: under ${FLOOR} %: ${low.join(', ')}`);
  process.exit(1);
}
