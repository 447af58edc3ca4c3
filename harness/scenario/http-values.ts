// The pure parts of a request step: named values put into a request (`${instanceId}`, a sidecar's
// port), a JSON field read out of a response, and whether a polled response is the one awaited.
// No I/O: http-step.ts sends the requests.
import { isCliLine } from '../output/dapr-lines.ts';

/** Values by name: the ones captured by earlier steps, and `daprHttpPort:<appId>` / `appPort:<appId>` of the apps started. */
export type StepValues = Record<string, string>;

const PLACEHOLDER = /\$\{([A-Za-z_][\w.-]*(?::[\w.-]+)?)\}/g;

/** `text` with every `${name}` replaced by its value; the names no value has are listed, and left as written. */
export function substitute(text: string, values: StepValues): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (Object.hasOwn(values, name)) return values[name]!;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: out, missing };
}

export type FieldRead = { ok: true; value: string } | { ok: false; why: string };

/**
 * The field at a dotted path (`instanceID`, `properties.status`, `items.0.id`) of a JSON text, as
 * a string (a string as it is, anything else as JSON). A text that is not JSON has no field.
 */
export function jsonField(body: string, fieldPath: string): FieldRead {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, why: `the response is not JSON: ${shorten(body)}` };
  }
  for (const key of fieldPath.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      return { ok: false, why: `the response has no field ${fieldPath}: ${shorten(body)}` };
    }
    value = (value as Record<string, unknown>)[key];
  }
  return { ok: true, value: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** The JSON a `dapr invoke` printed: its output less the CLI's own status lines. */
export function cliResponseBody(output: string): string {
  return output.split('\n').filter((l) => l.trim() && !isCliLine(l)).join('\n').trim();
}

/** What one response of a request step says. `status` is absent when nothing answered (`error` says why). */
export interface StepResponse {
  status?: number;
  body: string;
  error?: string;
}

export interface PollUntil {
  field: string;
  equals: string;
}

export type PollDecision =
  | { kind: 'done' }
  | { kind: 'again'; saw: string }
  | { kind: 'give-up'; saw: string };

/** A status the step accepts: the one it names, else any 2xx. */
export function statusOk(status: number | undefined, wanted?: number): boolean {
  if (status === undefined) return false;
  return wanted !== undefined ? status === wanted : status >= 200 && status < 300;
}

/**
 * After one response of a polled step: done when the status is accepted and the field equals the
 * value; otherwise again until the cap, then give up with what was last seen (a workflow that is
 * still RUNNING, a 404 before the instance exists, nothing listening yet).
 */
export function pollDecision(r: StepResponse, until: PollUntil, o: { elapsedMs: number; capMs: number; status?: number }): PollDecision {
  let saw: string;
  if (r.error !== undefined) saw = r.error;
  else if (!statusOk(r.status, o.status)) saw = `HTTP ${r.status}: ${shorten(r.body)}`;
  else {
    const f = jsonField(r.body, until.field);
    if (f.ok && f.value === until.equals) return { kind: 'done' };
    saw = f.ok ? `${until.field} = ${f.value}` : f.why;
  }
  return o.elapsedMs >= o.capMs ? { kind: 'give-up', saw } : { kind: 'again', saw };
}

/** A response body as a one-line report shows it. */
export function shorten(text: string, max = 200): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one || '(empty)';
}

/** The app a `dapr invoke` / `dapr publish` addresses (`--app-id`, `-a`, `--publish-app-id`). */
export function daprTargetApp(args: string): string | undefined {
  return /(?:^|\s)(?:--app-id|-a|--publish-app-id)[=\s]+["']?([\w.-]+)/.exec(args)?.[1];
}

/**
 * The loopback ports that must listen before a request goes out: the URL's own, and the app port
 * of the app it reaches through a sidecar (the sidecar listens before its app does, and answers
 * 500 for an app still starting): the app of `/v1.0/invoke/<id>/`, the app whose sidecar the URL
 * names, the app a `dapr invoke` addresses. Ports not known (an app the scenario did not start) are left out.
 */
export function portsToAwait(request: { kind: 'http'; url: string } | { kind: 'dapr'; args: string }, values: StepValues): { host: string; port: number }[] {
  const out: { host: string; port: number }[] = [];
  const add = (host: string, port: string | undefined) => {
    const n = Number(port);
    if (port && Number.isInteger(n) && n > 0 && !out.some((o) => o.host === host && o.port === n)) out.push({ host, port: n });
  };
  const apps: string[] = [];
  if (request.kind === 'http') {
    const u = new URL(request.url);
    const host = u.hostname === 'localhost' ? '127.0.0.1' : u.hostname.replace(/^\[|\]$/g, '');
    add(host, u.port || (u.protocol === 'https:' ? '443' : '80'));
    const invoked = /^\/v1\.0\/invoke\/([^/]+)\/method\//.exec(u.pathname)?.[1];
    if (invoked) apps.push(decodeURIComponent(invoked));
    for (const [k, v] of Object.entries(values)) if (k.startsWith('daprHttpPort:') && v === u.port) apps.push(k.slice('daprHttpPort:'.length));
  } else {
    const app = daprTargetApp(request.args);
    if (app) {
      add('127.0.0.1', values[`daprHttpPort:${app}`]);
      apps.push(app);
    }
  }
  for (const app of apps) add('127.0.0.1', values[`appPort:${app}`]);
  return out;
}
