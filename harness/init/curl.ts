// A README's `curl` command as the request a scenario's http step sends, and a README's URL with
// the ports the harness chooses put in as placeholders. Pure.

export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type CurlParse = { ok: true; request: CurlRequest; ignored: string[] } | { ok: false; why: string };

/** Flags that change only what curl prints or how it connects here: left out, said. */
const QUIET_FLAGS = new Set(['-s', '--silent', '-S', '--show-error', '-i', '--include', '-v', '--verbose', '-L', '--location', '-f', '--fail', '-sS', '-Ss', '-k', '--insecure', '-w', '--write-out', '-o', '--output', '--no-progress-meter']);
/** Of those, the ones that take a value. */
const QUIET_WITH_VALUE = new Set(['-w', '--write-out', '-o', '--output']);
const DATA_FLAGS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json']);

/** `words` of a `curl` command (as the shell splits them) as one request; a flag it cannot carry over is an error. */
export function parseCurl(words: readonly string[]): CurlParse {
  if (words[0] !== 'curl') return { ok: false, why: 'not a curl command' };
  let method: string | undefined;
  let url: string | undefined;
  const headers: Record<string, string> = {};
  const data: string[] = [];
  const ignored: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const value = () => {
      const v = words[++i];
      if (v === undefined) throw new Error(`${w} without a value`);
      return v;
    };
    try {
      if (w === '-X' || w === '--request') method = value().toUpperCase();
      else if (w === '-H' || w === '--header') {
        const h = value();
        const colon = h.indexOf(':');
        if (colon <= 0) return { ok: false, why: `header "${h}" is not "Name: value"` };
        headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
      } else if (DATA_FLAGS.has(w)) {
        const d = value();
        if (d.startsWith('@')) return { ok: false, why: `${w} ${d} reads a file: not carried over` };
        data.push(d);
        if (w === '--json') {
          headers['Content-Type'] ??= 'application/json';
          headers.Accept ??= 'application/json';
        }
      } else if (w === '--url') url = value();
      else if (QUIET_FLAGS.has(w)) {
        ignored.push(w);
        if (QUIET_WITH_VALUE.has(w)) value();
      } else if (w.startsWith('-')) return { ok: false, why: `curl flag ${w} is not understood` };
      else if (url === undefined) url = w;
      else return { ok: false, why: `a second URL ${w}` };
    } catch (err) {
      return { ok: false, why: (err as Error).message };
    }
  }
  if (!url) return { ok: false, why: 'no URL' };
  if (!/^https?:\/\//.test(url)) url = `http://${url}`;
  // curl sends data as a POST unless told otherwise, and form-encoded unless a header says.
  const body = data.length ? data.join('&') : undefined;
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return { ok: true, request: { method: method ?? (body !== undefined ? 'POST' : 'GET'), url, headers, ...(body !== undefined ? { body } : {}) }, ignored };
}

/**
 * A URL with its port on this machine's loopback replaced by the placeholder of the port the
 * harness chooses for it (`${daprHttpPort:order-processor}`), when the README's port is one the
 * harness does not keep (a `--dapr-http-port` of a single run it left out). A port a run file fixes
 * stays as written. Returns the URL and the placeholder used, if any.
 */
export function placePorts(url: string, chosen: ReadonlyMap<number, string>): { url: string; placeholder?: string } {
  const m = /^(https?:\/\/(?:localhost|127\.0\.0\.1)):(\d+)(\/.*)?$/.exec(url);
  if (!m) return { url };
  const name = chosen.get(Number(m[2]));
  if (!name) return { url };
  const placeholder = `\${${name}}`;
  return { url: `${m[1]}:${placeholder}${m[3] ?? ''}`, placeholder };
}
