// Redaction rules for volatile values, kept as data (in the manner of snapbox/trycmd): the
// comparison never knows about them, and a new rule is one entry here.
import { escapeRegExp } from '../text/regex.ts';

export interface Redaction {
  name: string;
  pattern: RegExp;
  replacement: string;
}

/** Rules for values that change from run to run. Order matters: timestamps before durations. */
export const VOLATILE_REDACTIONS: readonly Redaction[] = [
  // ISO 8601, and Go's time.Time printed whole: `2026-12-07 18:32:16.8177 +0000 UTC m=+0.0031`.
  { name: 'timestamp', pattern: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2}| [+-]\d{4} [A-Z]{2,5}(?: m=[+-]\d+\.\d+)?)?/g, replacement: '[TIMESTAMP]' },
  // Go's log package: `2026/12/07 18:32:36`.
  { name: 'slash-timestamp', pattern: /\b\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?/g, replacement: '[TIMESTAMP]' },
  // The common log format's time (a web server's access log): [04/Sep/2023 11:15:19].
  { name: 'clf-timestamp', pattern: /\[\d{2}\/[A-Z][a-z]{2}\/\d{4}[ :]\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?\]/g, replacement: '[TIMESTAMP]' },
  // A random identifier (a configuration subscription, a workflow instance), with its dashes or
  // without (Python's uuid4().hex, a workflow's instance id): 32 hex digits, one a digit at least.
  { name: 'uuid', pattern: /\b(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=[a-f]{0,31}\d)[0-9a-f]{32})\b/gi, replacement: '[UUID]' },
  // A Spring Boot log line's pid and thread (which of the pool's threads took a request). The
  // thread field is 15 characters wide: bounded, so a line of unclosed brackets is not rescanned.
  { name: 'spring-pid-thread', pattern: /( (?:TRACE|DEBUG|INFO|WARN|ERROR) )\d+ --- \[[^\]\n]{1,15}\]/g, replacement: '$1[PID] --- [THREAD]' },
  { name: 'duration', pattern: /\b\d+(?:\.\d+)?(?:ns|µs|us|ms|s)\b/g, replacement: '[DURATION]' },
  { name: 'pid', pattern: /\b(pid|PID|appPID)(:?\s*)\d+\b/g, replacement: '$1$2[PID]' },
  // uvicorn's start line: `Started server process [10592]`.
  { name: 'server-process', pattern: /\b(server process \[)\d+\]/g, replacement: '$1[PID]]' },
  // \b sits inside the group: before `[::1]` it would demand a word character, so `//[::1]:80` slipped.
  { name: 'port', pattern: /(\blocalhost|\b127\.0\.0\.1|\[::1\]|\b0\.0\.0\.0):\d{2,5}\b/g, replacement: '$1:[PORT]' },
  { name: 'port-word', pattern: /\b([Pp]ort:?\s+)\d{2,5}\b/g, replacement: '$1[PORT]' },
];

/** Rules that turn this machine's absolute paths into placeholders; longest path first. */
export function pathRedactions(paths: Record<string, string | undefined>): Redaction[] {
  return Object.entries(paths)
    .filter((e): e is [string, string] => Boolean(e[1]) && e[1]!.length > 1)
    .sort((a, b) => b[1].length - a[1].length)
    .map(([name, p]) => ({
      name: `path:${name}`,
      pattern: new RegExp(escapeRegExp(p), 'g'),
      replacement: `[${name.toUpperCase()}]`,
    }));
}
