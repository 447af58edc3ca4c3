// Every regular expression in harness/ is checked for super-linear backtracking with recheck (an
// automaton analysis that also builds the attack string). The regexes are collected from the
// source, so a new one is covered without being listed here; one built at run time must be named
// below with the instances it can take, or this test fails until it is.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { check, type Diagnostics } from 'recheck';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../harness/model.ts';
import { pathRedactions, VOLATILE_REDACTIONS } from '../../harness/output/redactions.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';
import { apiTokenRedaction } from '../../harness/security/api-token.ts';
import { scanRegexes } from '../helpers/regex-sites.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scan = scanRegexes(ROOT);

/**
 * Regexes built at run time, keyed by `file: expression as written`, with what they are built
 * from. Editing one of these expressions changes its key, so it is looked at again.
 */
const DYNAMIC: Record<string, { why: string; instances: () => RegExp[] }> = {
  "harness/docs/checks/prose.ts: new RegExp(`(?:^|[/\\\\s])(${LANGUAGES.join('|')})/(sdk|http)\\\\b`, 'g')": {
    why: 'an alternation of the fixed language names',
    instances: () => [new RegExp(`(?:^|[/\\s])(${LANGUAGES.join('|')})/(sdk|http)\\b`, 'g')],
  },
  'harness/docs/checks/prose.ts: new RegExp(`\\\\b${span.text}\\\\b`)': {
    why: 'span.text has passed CONSTANT (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/), so it is a plain word',
    instances: () => [/\bDAPR_SECRET_STORE\b/, /\bA_1\b/],
  },
  "harness/output/redactions.ts: new RegExp(escapeRegExp(p), 'g')": {
    why: 'a path with every metacharacter escaped: a literal',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a home path holding every metacharacter, `${}` among them
    instances: () => pathRedactions({ home: '/root/.*+?^${}()|[]\\x', tmp: '/tmp/a(b)*' }).map((r) => r.pattern),
  },
  'harness/dapr/loopback-flags.ts: new RegExp(`(^|\\\\s)${f}\\\\s`, \'m\')': {
    why: 'f is one of two fixed flag names',
    instances: () => ['--metrics-listen-address', '--dapr-internal-grpc-listen-address'].map((f) => new RegExp(`(^|\\s)${f}\\s`, 'm')),
  },
  "harness/security/api-token.ts: new RegExp(escapeRegExp(token), 'g')": {
    why: 'the API token with every metacharacter escaped: a literal',
    instances: () => [apiTokenRedaction('a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o').pattern],
  },
  // A manifest's own patterns are its author's code, like a sample's; this project's are checked.
  'harness/samples/manifest-error.ts: new RegExp(source, flags)': {
    why: "a sample's redact patterns from samples.yaml",
    instances: () => loadManifest(ROOT).samples.flatMap((s) => s.redactions.map((r) => r.pattern)),
  },
  'harness/output/filters.ts: new RegExp(source)': {
    why: "a sample's ignore patterns from samples.yaml",
    instances: () => loadManifest(ROOT).samples.flatMap((s) => s.filters.filter((f) => f.name.startsWith('ignore[')).map((f) => f.pattern)),
  },
};

/**
 * Regexes not checked here, each for a stated reason, keyed by the regex exactly: an edit to one
 * brings it back under the check. Keep this short; a new entry needs the same care as the regex.
 */
const SKIPPED: Record<string, string> = {
  '/address already in use|bind: address|listen tcp [^ ]*: bind|could not listen on any endpoint|Port \\d+ is not available/i':
    'proved linear by the automaton checker (case-sensitive form), but building it takes recheck about 30 s',
  '/, (?=[^=,\\s][^=,]*=)/': 'look-ahead, which recheck cannot model; linear: each look-ahead stops at the next "," or "="',
  '/ (?=[A-Z]\\w*:)/': 'look-ahead, which recheck cannot model; linear: each look-ahead stops at the first non-word character',
};

async function verdict(source: string, flags: string, timeout = 120_000): Promise<string> {
  // The automaton checker only: its verdict is a proof, where the fuzzer's varies from run to run
  // (it once called the linear infra.ts pattern quadratic). A regex it cannot model (a back
  // reference, a lookaround) comes out "unknown" and fails here until it is rewritten or reviewed.
  // A budget, not a target: the slowest automaton takes ~30 s on an idle 2-core machine and more
  // than that under load, where a timeout would read as "unknown" and fail the test.
  const d: Diagnostics = await check(source, flags, { timeout, checker: 'automaton' });
  if (d.status === 'safe') return 'safe';
  if (d.status === 'vulnerable') return `vulnerable: ${d.complexity.summary}, attack ${d.attack.pattern.slice(0, 80)}`;
  return `unknown: ${JSON.stringify(d.error)}`;
}

/** recheck has no sticky flag: a sticky regex matches only at lastIndex, as if anchored there. */
function asChecked(re: { source: string; flags: string }): { source: string; flags: string } {
  const sticky = re.flags.includes('y') && !re.flags.includes('m');
  return { source: sticky ? `^(?:${re.source})` : re.source, flags: re.flags.replace(/[gy]/g, '') };
}

// recheck starts its checker as a child (`recheck agent`) and never stops it; the run's teardown
// would count it as a process left behind.
afterAll(() => {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('recheck')) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already
    }
  }
});

describe('ReDoS: every regex in harness/', () => {
  it('finds the regexes (the scan itself works)', () => {
    expect(scan.constant.length).toBeGreaterThan(50);
    const texts = scan.constant.map((r) => `${r.file}: ${r.text}`);
    expect(texts.some((t) => t.startsWith('harness/output/dapr-lines.ts: /^== APP ==(?: (.*))?$/s'))).toBe(true);
    expect(texts.some((t) => t.startsWith('harness/output/redactions.ts: /\\b\\d+(?:\\.\\d+)?(?:ns|µs|us|ms|s)\\b/g'))).toBe(true);
  });

  it('accounts for every regex built at run time', () => {
    const found = scan.dynamic.map((d) => `${d.file}: ${d.text}`).sort();
    expect(found).toEqual(Object.keys(DYNAMIC).sort());
  });

  it('skips only regexes that are still there', () => {
    const present = new Set(scan.constant.map((r) => `/${r.source}/${r.flags}`));
    expect(Object.keys(SKIPPED).filter((k) => !present.has(k))).toEqual([]);
  });

  it('has no regex with super-linear backtracking', async () => {
    const all = new Map<string, string[]>();
    const add = (re: { source: string; flags: string }, where: string) => {
      const key = `/${re.source}/${re.flags}`;
      all.set(key, [...(all.get(key) ?? []), where]);
    };
    for (const r of scan.constant) add(r, `${r.file}:${r.line}`);
    for (const r of VOLATILE_REDACTIONS) add(r.pattern, `VOLATILE_REDACTIONS ${r.name}`);
    for (const [site, d] of Object.entries(DYNAMIC)) for (const re of d.instances()) add(re, site);
    const bad: string[] = [];
    const queue = [...all].filter(([key]) => !(key in SKIPPED));
    // Two at a time: recheck's agent runs checks in parallel, and the machine has two cores.
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, where] = next;
        const slash = key.lastIndexOf('/');
        const re = asChecked({ source: key.slice(1, slash), flags: key.slice(slash + 1) });
        // The automaton of a long case-insensitive alternation takes recheck about 30 s to build, so
        // such a regex is judged on its case-sensitive form. That misses only an ambiguity that
        // case folding itself creates, like (a|A)*: none of the harness's has letters in two cases.
        const v = await verdict(re.source, re.flags.replace('i', ''));
        if (/^unknown: .*timeout/i.test(v)) timedOut.push([key, where, re]);
        else if (v !== 'safe') bad.push(`${key} (${where.join(', ')}): ${v}`);
      }
    };
    const timedOut: [string, string[], { source: string; flags: string }][] = [];
    await Promise.all([worker(), worker()]);
    // A build that ran out of time on a loaded machine is no verdict: each gets one more try,
    // alone and with a longer budget, and fails only if that too gives no proof.
    for (const [key, where, re] of timedOut) {
      const v = await verdict(re.source, re.flags.replace('i', ''), 300_000);
      if (v !== 'safe') bad.push(`${key} (${where.join(', ')}): ${v}`);
    }
    expect(bad).toEqual([]);
  }, 1_200_000);
});
