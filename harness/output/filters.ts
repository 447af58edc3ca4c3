// Line filters: lines a toolchain prints around the app's own output that a second run does not
// print (module downloads on a cold cache, npm's lifecycle banner, JVM notices). Kept as data,
// beside the redactions and apart from the comparison: a golden must hold only what the app says.
// The raw log keeps every line; the report counts what each filter dropped. Pure.
import { ExpectedError } from '../expected-error.ts';

export interface LineFilter {
  name: string;
  pattern: RegExp;
  /** Drop the line only when it directly follows a line this filter (by name) dropped. */
  after?: string;
}

// Each filter's comment says which toolchain prints the lines it drops, and when.
export const DEFAULT_FILTERS: readonly LineFilter[] = [
  // `go run` on a cold module cache names each module it fetches.
  { name: 'go-download', pattern: /^go: (?:downloading|finding module|extracting) \S/ },
  // `npm start` announces the package and script it runs...
  { name: 'npm-lifecycle', pattern: /^> [^\s@]*@\S+ [\w:.-]+$/ },
  // ...and the command line under that banner.
  { name: 'npm-lifecycle-command', pattern: /^> \S/, after: 'npm-lifecycle' },
  // npm's update notices and warnings come and go with the registry.
  { name: 'npm-notice', pattern: /^npm (?:notice|warn|WARN)\b/ },
  // pip's "a new release is available" notice.
  { name: 'pip-notice', pattern: /^\[notice\] / },
  // Maven names each artifact it fetches on a cold repository.
  { name: 'maven-transfer', pattern: /^(?:\[INFO\] )?(?:Downloading|Downloaded|Progress) (?:from|to) \S+: / },
  // `dotnet run` restores and builds first when it has to.
  { name: 'dotnet-build', pattern: /^\s*(?:Determining projects to restore|All projects are up-to-date for restore|Restored \S|Build succeeded\.|\d+ (?:Warning|Error)\(s\)|Time Elapsed \d)/ },
  // `dotnet run` restores first and prints NuGet's warnings (a dependency resolved to a newer version).
  { name: 'nuget-warning', pattern: /^\S[^:]*\.(?:cs|fs|vb)proj : warning NU\d{4}: / },
  // A Python web server's access log (Flask's werkzeug, uvicorn): one line per request, written to
  // stderr and so interleaved with the app's own lines in no fixed order.
  { name: 'http-access-log', pattern: /^(?:INFO: +)?127\.0\.0\.1(?::\d+)? - (?:- \[[^\]]*\] )?"(?:GET|POST|PUT|DELETE|PATCH|OPTIONS|HEAD) \S+ HTTP\/[\d.]+" \d{3}/ },
  // A Python development server's start banner (Flask's werkzeug): its lines go to stdout and
  // stderr both, so they interleave in no fixed order; none is the app's own.
  { name: 'dev-server-banner', pattern: /^(?: \* (?:Serving Flask app |Debug mode: |Running on |Restarting with |Debugger is active!|Debugger PIN: )|WARNING: This is a development server\. |Press CTRL\+C to quit$)/ },
  // Spring Boot's own log: the framework's loggers (org.springframework, org.apache: `o.s.…`,
  // `o.a.…`, `w.s.c.…`) and its start-up lines under the app's class (with timings and the pid).
  // What the app logs itself stays (a Java sample prints through its logger).
  { name: 'spring-boot-log', pattern: /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})? +(?:TRACE|DEBUG|INFO|WARN|ERROR) \d+ --- \[[^\]]*\] (?:(?:o|w\.s)\.\S+ +: |\S+ +: (?:Starting \S+ v\S+ using Java|No active profile set|Started \S+ in ))/ },
  // The Go SDK says when a configuration subscription's stream ends; an app that exits as its
  // context ends races that goroutine, so the line is printed or not by chance.
  { name: 'go-sdk-subscription-end', pattern: /^dapr configuration subscribe finished\.$/ },
  // The JVM echoes options from the environment.
  { name: 'jvm-options', pattern: /^Picked up (?:JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS):/ },
  // Python's warnings (an SDK's "this API is Alpha"): on stderr, so interleaved with the app's own
  // lines in no fixed order, with the scratch copy's path in them...
  { name: 'python-warning', pattern: /^\S+\.py:\d+: [A-Z]\w*Warning: / },
  // ...and the source line each quotes under it.
  { name: 'python-warning-source', pattern: /^\s+\S/, after: 'python-warning' },
  // The Go workflow SDK's own log (durabletask-go), from its goroutines: where its lines fall among
  // the app's changes from run to run.
  { name: 'durabletask-go-log', pattern: /^(?:DEBUG|INFO|WARN|ERROR): (?:\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}|\[TIMESTAMP\]) / },
  // java.util.logging's records (the Java workflow SDK's worker logs each work item so, from its
  // own threads, and a garbage-collected channel's warning when the collector happens to run): a
  // header with the time, class and method, then the level's line...
  { name: 'java-util-logging', pattern: /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M \S+ \S+$/ },
  { name: 'java-util-logging-record', pattern: /^(?:SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): /, after: 'java-util-logging' },
  // ...and a record's further lines: an indented message line, a stack trace, a blank line.
  { name: 'java-util-logging-record', pattern: /^(?:\s+\S|[\w.$]+(?:Exception|Error|Throwable)\b|Caused by: |$)/, after: 'java-util-logging-record' },
];

export interface FilterResult {
  kept: string[];
  /** Lines dropped, by filter name (only filters that dropped any). */
  dropped: Record<string, number>;
}

/** For each line, the name of the filter that drops it, or undefined when it is kept. */
export function filterHits(lines: readonly string[], filters: readonly LineFilter[]): (string | undefined)[] {
  let previous: string | undefined;
  return lines.map((line) => {
    previous = filters.find((f) => (f.after === undefined || f.after === previous) && f.pattern.test(line))?.name;
    return previous;
  });
}

/** Drops the lines a filter matches; order kept. */
export function filterLines(lines: readonly string[], filters: readonly LineFilter[]): FilterResult {
  const kept: string[] = [];
  const dropped: Record<string, number> = {};
  const hits = filterHits(lines, filters);
  lines.forEach((line, i) => {
    const hit = hits[i];
    if (hit) dropped[hit] = (dropped[hit] ?? 0) + 1;
    else kept.push(line);
  });
  return { kept, dropped };
}

export class FilterError extends ExpectedError {
  override name = 'FilterError';
}

/**
 * The filters a sample runs with: the defaults less those it turns off, plus its own `ignore`
 * patterns. An unknown name or a bad pattern is an error naming it.
 */
export function sampleFilters(opts: { ignore?: readonly string[]; keep?: readonly string[] }): LineFilter[] {
  const known = new Set(DEFAULT_FILTERS.map((f) => f.name));
  const keep = opts.keep ?? [];
  for (const name of keep) {
    if (!known.has(name)) throw new FilterError(`"${name}" is not a line filter (known: ${[...known].join(', ')})`);
  }
  const own = (opts.ignore ?? []).map((source, i): LineFilter => {
    try {
      return { name: `ignore[${i}]`, pattern: new RegExp(source) };
    } catch (err) {
      throw new FilterError(`ignore pattern ${JSON.stringify(source)} is not a regular expression: ${(err as Error).message}`);
    }
  });
  return [...DEFAULT_FILTERS.filter((f) => !keep.includes(f.name)), ...own];
}
