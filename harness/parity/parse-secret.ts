// Parses the secret map out of a sample's output, whatever its language's idiom, into one
// canonical form ({key: value}), so every language can be compared with secrets.json. Pure.
//   JSON            {"secret":"YourPasskeyHere"}        (JavaScript SDK, every HTTP variant)
//   Python repr     {'secret': 'YourPasskeyHere'}
//   .NET pairs      [secret, YourPasskeyHere]            (string.Join over KeyValuePairs)
//   Java Map        {secret=YourPasskeyHere}
//   bare value      YourPasskeyHere                      (Go SDK prints the value alone)

export type SecretFormat = 'json' | 'python-dict' | 'dotnet-pairs' | 'java-map' | 'bare-value';

export type ParsedSecret =
  | { ok: true; format: SecretFormat; map: Record<string, string> }
  | { ok: false; error: string };

export const SECRET_LINE = /Fetched Secret:\s?(.*)$/;

function parseJson(body: string): Record<string, string> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) {
      return v as Record<string, string>;
    }
  } catch {
    // Not JSON: another format may fit.
  }
  return undefined;
}

/** Python's repr of a dict of str → str: quoted with ' or ", backslash escapes. */
function parsePythonDict(body: string): Record<string, string> | undefined {
  if (!body.startsWith('{') || !body.endsWith('}')) return undefined;
  const s = body.slice(1, -1);
  const out: Record<string, string> = {};
  let i = 0;
  const skipWs = () => { while (s[i] === ' ') i++; };
  const readStr = (): string | undefined => {
    const q = s[i];
    if (q !== "'" && q !== '"') return undefined;
    let v = '';
    for (i++; i < s.length && s[i] !== q; i++) {
      if (s[i] === '\\') {
        i++;
        const c = s[i];
        v += c === 'n' ? '\n' : c === 't' ? '\t' : (c ?? '');
      } else v += s[i];
    }
    if (s[i] !== q) return undefined;
    i++;
    return v;
  };
  skipWs();
  if (i === s.length) return out;
  while (i < s.length) {
    skipWs();
    const k = readStr();
    skipWs();
    if (k === undefined || s[i] !== ':') return undefined;
    i++;
    skipWs();
    const v = readStr();
    if (v === undefined) return undefined;
    out[k] = v;
    skipWs();
    if (i === s.length) break;
    if (s[i] !== ',') return undefined;
    i++;
  }
  return out;
}

function parseDotnetPairs(body: string): Record<string, string> | undefined {
  const pair = /\[([^,\]]*), ([^\]]*)\]/y;
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    pair.lastIndex = i;
    const m = pair.exec(body);
    if (!m) return undefined;
    out[m[1]!] = m[2]!;
    i = pair.lastIndex;
    if (body.startsWith(', ', i)) i += 2;
    else if (i !== body.length) return undefined;
  }
  return Object.keys(out).length ? out : undefined;
}

function parseJavaMap(body: string): Record<string, string> | undefined {
  if (!/^\{.*\}$/.test(body) || !body.includes('=')) return undefined;
  const inner = body.slice(1, -1);
  const out: Record<string, string> = {};
  for (const part of inner.split(', ')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/**
 * Finds the `Fetched Secret:` line in the app's output and parses what follows it. `key` is the
 * secret that was asked for: a bare value (Go SDK) means `{[key]: value}`.
 */
export function parseSecretOutput(output: string, key: string): ParsedSecret {
  const line = output.split('\n').map((l) => SECRET_LINE.exec(l)).find(Boolean);
  if (!line) return { ok: false, error: 'no "Fetched Secret:" line in the output' };
  const body = line[1]!.trim();
  if (!body) return { ok: false, error: '"Fetched Secret:" is followed by nothing' };
  const attempts: [SecretFormat, (b: string) => Record<string, string> | undefined][] = [
    ['json', parseJson],
    ['python-dict', parsePythonDict],
    ['dotnet-pairs', parseDotnetPairs],
    ['java-map', parseJavaMap],
  ];
  for (const [format, parse] of attempts) {
    const map = parse(body);
    if (map) return { ok: true, format, map };
  }
  if (/^[{[]/.test(body)) return { ok: false, error: `cannot parse the secret map in "${body.slice(0, 80)}"` };
  return { ok: true, format: 'bare-value', map: { [key]: body } };
}

/** The map a sample must print for `key`: secrets.json flattened with the store's separator. */
export function expectedSecret(secrets: unknown, key: string, separator = ':'): Record<string, string> | undefined {
  const flat: Record<string, string> = {};
  const walk = (v: unknown, prefix: string) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, prefix ? `${prefix}${separator}${k}` : k);
    } else flat[prefix] = String(v);
  };
  walk(secrets, '');
  return key in flat ? { [key]: flat[key]! } : undefined;
}

export function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}
