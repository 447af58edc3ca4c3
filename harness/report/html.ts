// report.html: the run as one self-contained page to click through (no network: inline CSS and
// script, a CSP that forbids every fetch). It renders the summary model's sections (summary.ts)
// and then every sample's details, so it says nothing the console and summary.md do not decide.
// Pure: the report folder it is written to is given, for the relative links to the raw logs.
import path from 'node:path';
import { LANGUAGES, VARIANTS, type RunReport, type SampleResult } from '../model.ts';
import { formatDuration } from '../text/format.ts';
import { CHANGE_LABEL } from './baseline.ts';
import { cellText, counts, sampleName } from './matrix.ts';
import { phasesText, queuedText, summarySections, totalsSentence, type SummarySection } from './summary.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for both element content and a quoted attribute. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * The block a result belongs to, when the run's samples are grouped in blocks (several
 * quickstarts in one tree). Read defensively: a report written before blocks existed has none.
 */
export function blockOf(r: SampleResult): string | undefined {
  const b = (r as { block?: unknown }).block;
  return typeof b === 'string' && b !== '' ? b : undefined;
}

/** One anchor per result, unique in the page, readable in a URL. */
export function anchors(samples: readonly SampleResult[]): Map<SampleResult, string> {
  const seen = new Set<string>();
  const out = new Map<SampleResult, string>();
  for (const s of samples) {
    const parts = [blockOf(s), s.id, s.dapr && `${s.dapr.cli}-${s.dapr.runtime}`].filter(Boolean).join('-');
    const base = `sample-${parts.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    out.set(s, id);
  }
  return out;
}

/** A relative href to a file, from the folder the page is in; each segment URL-encoded. */
export function fileHref(file: string, reportDir: string): string {
  const rel = path.relative(path.resolve(reportDir), path.resolve(file));
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}

type Anchors = Map<SampleResult, string>;

const link = (r: SampleResult, a: Anchors, text = sampleName(r)) => `<a href="#${esc(a.get(r)!)}">${esc(text)}</a>`;
const status = (r: SampleResult | undefined, a: Anchors) =>
  r ? `<td class="st ${r.status}">${link(r, a, cellText(r))}${r.change === 'new-failure' ? ' <b class="tag">new</b>' : r.change === 'fixed' ? ' <b class="tag">fixed</b>' : ''}</td>` : '<td class="st none">—</td>';

/** The matrix, one table per block: languages × variants, or samples × Dapr pairs in a version matrix. */
function matrix(report: RunReport, a: Anchors): string {
  const blocks = [...new Set(report.samples.map(blockOf))];
  const pairs = report.matrix && report.matrix.length > 1 ? report.matrix.map((m) => m.dapr) : undefined;
  return blocks.map((block) => {
    const mine = report.samples.filter((s) => blockOf(s) === block);
    const caption = block === undefined ? '' : `<caption>${esc(block)}</caption>`;
    if (pairs) {
      const ids = [...new Set(mine.map((s) => s.id))];
      const head = `<tr><th>sample / dapr cli@runtime</th>${pairs.map((p) => `<th>${esc(`${p.cli}@${p.runtime}`)}</th>`).join('')}</tr>`;
      const rows = ids.map((id) => `<tr><th>${esc(id)}</th>${pairs.map((p) => status(mine.find((s) => s.id === id && s.dapr?.cli === p.cli && s.dapr?.runtime === p.runtime), a)).join('')}</tr>`);
      return `<table class="matrix">${caption}${head}${rows.join('')}</table>`;
    }
    const languages = LANGUAGES.filter((l) => mine.some((s) => s.language === l));
    const head = `<tr><th>language</th>${VARIANTS.map((v) => `<th>${v}</th>`).join('')}</tr>`;
    const rows = languages.map((l) => `<tr><th>${l}</th>${VARIANTS.map((v) => status(mine.find((s) => s.language === l && s.variant === v), a)).join('')}</tr>`);
    return `<table class="matrix">${caption}${head}${rows.join('')}</table>`;
  }).join('\n');
}

function section(s: SummarySection, report: RunReport, a: Anchors): string {
  switch (s.kind) {
    case 'baseline':
      return `<section id="changes"><h2>What changed</h2><p>${esc(s.sentence)}</p>${s.moved.length
        ? `<ul>${s.moved.map((r) => `<li><b>${esc(CHANGE_LABEL[r.change!])}</b>: ${link(r, a)}</li>`).join('')}</ul>`
        : '<p>Nothing changed.</p>'}</section>`;
    case 'attention':
      return `<section id="attention"><h2>Needs attention</h2><ul>${s.samples.map((r) => `<li class="${r.status}">${link(r, a)}: ${esc(r.status)} — ${esc(r.reason.split('\n')[0]!)}</li>`).join('')}</ul></section>`;
    // The model's table is text; the page draws its own from the same cells, with links.
    case 'table':
      // The model has a table per block; the page draws one matrix, grouped by block, at the first.
      if (s.title && s.title !== report.samples.find((r) => r.block)?.block) return '';
      return `<section id="matrix"><h2>Matrix</h2>${matrix(report, a)}</section>`;
    case 'block-parity':
      return `<section class="block-parity ${s.sentence.startsWith('FAILED') ? 'failed' : 'passed'}"><h3>Parity, ${esc(s.block)}</h3><p>${esc(s.sentence)}</p>${s.problems.length || s.accepted.length ? `<ul>${s.problems.map((p) => `<li>${esc(p)}</li>`).join('')}${s.accepted.map((a) => `<li class="accepted">recorded divergence: ${esc(a)}</li>`).join('')}</ul>` : ''}</section>`;
    case 'slowest':
      return `<section id="slowest"><h2>Slowest samples</h2><table class="slowest"><tr><th>sample</th><th>time</th><th>longest phases</th><th>queued on a claim</th></tr>${s.rows.map((r) =>
        `<tr><td>${link(r.sample, a)}</td><td>${esc(formatDuration(r.totalMs))}</td><td>${esc(phasesText(r.top))}</td><td>${esc(queuedText(r.queued))}</td></tr>`).join('')}</table></section>`;
    case 'parity': {
      const pairs = report.matrix && report.matrix.length > 1
        ? `<ul>${report.matrix.map((m) => `<li>${esc(`${m.dapr.cli}@${m.dapr.runtime}`)}: ${m.parity.ok ? 'ok' : 'FAILED'}${m.parity.problems.map((p) => `<br>${esc(p)}`).join('')}</li>`).join('')}</ul>`
        : '';
      return `<section id="parity" class="${report.parity.ok ? 'passed' : 'failed'}"><h2>Parity</h2><p>${esc(s.sentence)}</p>${s.problems.length ? `<ul>${s.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}${pairs}</section>`;
    }
    case 'orphan-goldens': return `<section id="orphans"><h2>Goldens no sample owns</h2><ul>${s.files.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul></section>`;
    case 'filtered': return `<p class="note">${esc(s.sentence)}</p>`;
    case 'totals': return '';
  }
}

function diffBlock(diff: string): string {
  const cls = (l: string) => (l.startsWith('+++') || l.startsWith('---') ? 'file' : l.startsWith('@@') ? 'hunk' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : 'ctx');
  return `<pre class="diff">${diff.split('\n').map((l) => `<span class="${cls(l)}">${esc(l)}</span>`).join('\n')}</pre>`;
}

function details(r: SampleResult, a: Anchors, reportDir: string): string {
  const facts: string[] = [];
  const block = blockOf(r);
  if (block) facts.push(`block ${esc(block)}`);
  if (r.dapr) facts.push(`Dapr CLI ${esc(r.dapr.cli)}, runtime ${esc(r.dapr.runtime)}`);
  facts.push(`${formatDuration(r.durationMs)}`, `${r.attempts} attempt(s)`);
  if (r.change && r.change !== 'unchanged') facts.push(`<b>${esc(CHANGE_LABEL[r.change])}</b>`);
  if (r.secretsFile) facts.push(`secrets <code>${esc(r.secretsFile)}</code>`);
  const parts = [`<h3>${esc(sampleName(r))} <span class="badge ${r.status}">${r.status}</span></h3>`, `<p class="facts">${facts.join(' · ')}</p>`];
  if (r.status !== 'passed') parts.push(`<pre class="reason">${esc(r.reason)}</pre>`);
  const phases = Object.entries(r.phases ?? {});
  if (phases.length) {
    parts.push(`<table class="phases"><tr><th>phase</th>${phases.map(([name]) => `<th>${esc(name)}</th>`).join('')}</tr><tr><th>time</th>${phases.map(([, ms]) => `<td>${esc(formatDuration(ms))}</td>`).join('')}</tr></table>`);
  }
  if (r.status !== 'skipped') {
    for (const retry of r.retries ?? []) if (retry.retryCause) parts.push(`<p>attempt ${retry.attempt} retried: ${esc(retry.retryCause)}</p>`);
    if (r.expectedLines && !r.expectedLines.ok) {
      parts.push(`<p>README's expected lines: ${r.expectedLines.missing ? `missing <code>${esc(r.expectedLines.missing)}</code>` : ''}${r.expectedLines.outOfOrder ? ' (out of order)' : ''}</p>`);
    }
    const filtered = Object.entries(r.filtered ?? {});
    if (filtered.length) parts.push(`<p class="note">line filters dropped: ${esc(filtered.map(([n, c]) => `${n} ×${c}`).join(', '))}</p>`);
  }
  if (r.status === 'failed') {
    if (r.diff) parts.push(`<h4>Diff against the golden</h4>${diffBlock(r.diff)}`);
    if (r.parityError) parts.push(`<p>parity: ${esc(r.parityError)}</p>`);
  }
  if (r.status !== 'skipped' && r.output !== undefined && r.status !== 'failed') {
    parts.push(`<details><summary>output</summary><pre>${esc(r.output)}</pre></details>`);
  } else if (r.status === 'failed' && r.output !== undefined) {
    parts.push(`<details><summary>actual output</summary><pre>${esc(r.output)}</pre></details>`);
  }
  if (r.logFile) parts.push(`<p>raw log (CLI, daprd and app): <a class="log" href="${esc(fileHref(r.logFile, reportDir))}">${esc(fileHref(r.logFile, reportDir))}</a></p>`);
  return `<section class="sample ${r.status}" id="${esc(a.get(r)!)}" data-status="${r.status}">${parts.join('\n')}</section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.8rem}h3{font-size:1rem;margin:0}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.st.passed{background:#dafbe1}.st.failed{background:#ffebe9}.st.flaky{background:#fff8c5}.st.skipped{background:#eaeef2}.st.adapted{background:#ddf4ff}.st a{color:inherit}
.badge{font-size:.8rem;padding:.05rem .45rem;border-radius:1rem;vertical-align:middle}
.badge.passed{background:#1a7f37;color:#fff}.badge.failed{background:#cf222e;color:#fff}.badge.flaky{background:#9a6700;color:#fff}.badge.skipped{background:#6e7781;color:#fff}.badge.adapted{background:#0969da;color:#fff}
.tag{color:#cf222e}
.sample{border:1px solid #d0d7de;border-left-width:6px;border-radius:6px;padding:.7rem 1rem;margin:.8rem 0}
.sample.failed{border-left-color:#cf222e}.sample.flaky{border-left-color:#9a6700}.sample.passed{border-left-color:#1a7f37}.sample.skipped{border-left-color:#6e7781}.sample.adapted{border-left-color:#0969da}
.sample:target{outline:3px solid #0969da}
.facts,.note{color:#57606a}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;white-space:pre-wrap;word-break:break-word}
.diff .add{color:#116329;background:#e6ffec}.diff .del{color:#82071e;background:#ffebe9}.diff .hunk{color:#0550ae}.diff .file{font-weight:600}
.diff span{display:inline-block;min-width:100%}
#parity.failed h2{color:#cf222e}
body.only-attention .sample.passed,body.only-attention .sample.skipped{display:none}
`;

// The one piece of script: hide the samples that need no attention (a checkbox), nothing fetched.
const SCRIPT = `document.getElementById('only-attention').addEventListener('change',function(e){document.body.classList.toggle('only-attention',e.target.checked)});`;

export function renderHtml(report: RunReport, reportDir: string): string {
  const a = anchors(report.samples);
  const dapr = report.matrix && report.matrix.length > 1
    ? `Dapr CLI@runtime ${report.matrix.map((m) => `${m.dapr.cli}@${m.dapr.runtime}`).join(', ')}`
    : `Dapr CLI ${report.dapr.cli}, runtime ${report.dapr.runtime}`;
  const headline = `${dapr} · started ${report.startedAt} · ${formatDuration(report.durationMs)} · ${totalsSentence(counts(report.samples))}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dapr quickstart parity: ${esc(totalsSentence(counts(report.samples)))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Dapr quickstart parity</h1>
<p class="facts">${esc(headline)}</p>
${summarySections(report).map((s) => section(s, report, a)).filter(Boolean).join('\n')}
<section id="samples"><h2>Samples</h2>
<label><input type="checkbox" id="only-attention"> only failed and flaky</label>
${report.samples.map((r) => details(r, a, reportDir)).join('\n')}
</section>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
