// Runs one request step of a scenario: waits for the port it talks to, sends the HTTP request (or
// runs `dapr invoke` / `dapr publish` with the harness's CLI in the isolated home), repeats it while
// polled, and reads the named values it captures. What is sent and received goes to its log file;
// a failure is one line naming the request and what was seen. The deciding is http-values.ts's.
import type { RequestStep } from '../model.ts';
import { listening } from '../processes/ports.ts';
import { runShellStep } from '../processes/shell-step.ts';
import { checkExpectedLines } from '../golden/expected-lines.ts';
import { cliResponseBody, jsonField, pollDecision, portsToAwait, shorten, statusOk, substitute, type StepResponse, type StepValues } from './http-values.ts';

/** One request's own cap: a request that hangs is an answer too ("no response within"). */
const REQUEST_CAP_MS = 30_000;

export interface RequestContext {
  values: StepValues;
  cli: string;
  runtimePath: string;
  env: Record<string, string>;
  pathPrepend: readonly string[];
  /** Absolute folder of a `dapr` step's cwd. */
  here: (rel: string) => string;
  signal?: AbortSignal;
}

export interface RequestOutcome {
  ok: boolean;
  /** For the step record: what was sent, the answer, the values captured; or why it failed. */
  detail: string;
  /** The values it captured (added to the scenario's). */
  captured: StepValues;
  /** Everything sent and received, for its log file. */
  log: string;
  /** What the request was, as the failure line names it (`POST http://127.0.0.1:5111/start`). */
  what: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runRequestStep(step: RequestStep, c: RequestContext): Promise<RequestOutcome> {
  const started = Date.now();
  const log: string[] = [];
  const fill = (text: string) => substitute(text, c.values);
  // Every placeholder of the request, before anything is sent: a name with no value is a manifest or ordering mistake.
  const r = step.request;
  const texts = r.kind === 'http' ? [r.url, r.body ?? '', ...Object.values(r.headers)] : [r.args];
  const missing = [...new Set(texts.flatMap((t) => fill(t).missing))];
  const what = r.kind === 'http' ? `${r.method} ${fill(r.url).text}` : `dapr ${fill(r.args).text}`;
  const fail = (why: string): RequestOutcome => ({ ok: false, detail: why, captured: {}, log: log.join('\n'), what });
  if (missing.length) return fail(`no value for ${missing.map((m) => `\${${m}}`).join(', ')} (captured by no earlier step, or no app started of that id)`);

  // The ports it talks to must listen first: a server app (and its sidecar) still starting.
  const filled = r.kind === 'http' ? { kind: 'http' as const, url: fill(r.url).text } : { kind: 'dapr' as const, args: fill(r.args).text };
  for (const target of portsToAwait(filled, c.values)) {
    while (!(await listening(target.port, { host: target.host, timeoutMs: 1000 }))) {
      if (c.signal?.aborted) return fail('interrupted');
      if (Date.now() - started >= step.timeoutMs) return fail(`nothing listened on ${target.host}:${target.port} within ${step.timeoutMs / 1000} s`);
      await sleep(200);
    }
  }

  // A dapr step's whole output (its CLI lines too: `dapr publish` prints only those), for `expect`.
  let lastRaw: string | undefined;
  const once = async (): Promise<StepResponse> => {
    if (r.kind === 'http') {
      const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, fill(v).text]));
      const body = r.body !== undefined ? fill(r.body).text : undefined;
      log.push(`> ${what}`, ...Object.entries(headers).map(([k, v]) => `> ${k}: ${v}`), ...(body !== undefined ? [`> ${body}`] : []));
      try {
        const res = await fetch(fill(r.url).text, {
          method: r.method, headers, ...(body !== undefined ? { body } : {}),
          signal: AbortSignal.timeout(Math.min(REQUEST_CAP_MS, Math.max(1000, step.timeoutMs - (Date.now() - started)))),
        });
        const text = await res.text();
        log.push(`< HTTP ${res.status}`, `< ${text}`);
        return { status: res.status, body: text };
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        const why = e.name === 'TimeoutError' ? 'no response in time' : (e.cause?.code ?? e.cause?.message ?? e.message);
        log.push(`< ${why}`);
        return { body: '', error: why };
      }
    }
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const command = `${q(c.cli)} ${fill(r.args).text}`;
    log.push(`$ dapr ${fill(r.args).text}`);
    const out = await runShellStep(command, {
      cwd: c.here(r.cwd), env: { ...c.env, DAPR_RUNTIME_PATH: c.runtimePath }, pathPrepend: c.pathPrepend,
      timeoutMs: Math.min(REQUEST_CAP_MS, Math.max(1000, step.timeoutMs - (Date.now() - started))),
    });
    log.push(out.output);
    if (out.exitCode !== 0) return { body: out.output, error: `exit ${out.exitCode ?? out.signal}: ${shorten(out.output.trim().split('\n').pop() ?? '')}` };
    lastRaw = out.output;
    return { status: 200, body: cliResponseBody(out.output) };
  };

  let res = await once();
  let attempts = 1;
  if (step.until) {
    for (;;) {
      const d = pollDecision(res, step.until, { elapsedMs: Date.now() - started, capMs: step.timeoutMs, ...(step.status !== undefined ? { status: step.status } : {}) });
      if (d.kind === 'done') break;
      if (d.kind === 'give-up') return fail(`${step.until.field} never became ${step.until.equals} in ${attempts} tries over ${Math.round((Date.now() - started) / 1000)} s; last: ${d.saw}`);
      if (c.signal?.aborted) return fail('interrupted');
      await sleep(step.until.everyMs);
      res = await once();
      attempts++;
    }
  } else if (res.error !== undefined) {
    return fail(res.error);
  } else if (!statusOk(res.status, step.status)) {
    return fail(`HTTP ${res.status}${step.status !== undefined ? ` (wanted ${step.status})` : ''}: ${shorten(res.body)}`);
  }

  const captured: StepValues = {};
  for (const [name, field] of Object.entries(step.capture)) {
    const f = jsonField(res.body, field);
    if (!f.ok) return fail(`capture ${name}: ${f.why}`);
    captured[name] = f.value;
  }
  if (step.expect) {
    const v = checkExpectedLines(lastRaw ?? res.body, step.expect);
    if (!v.ok) return fail(`expected "${v.missing}" in the response: ${shorten(res.body)}`);
  }
  const got = res.status !== undefined && r.kind === 'http' ? `HTTP ${res.status}` : 'ok';
  const values = Object.entries(captured).map(([k, v]) => `${k} = ${v}`);
  return {
    ok: true, what, captured, log: log.join('\n'),
    detail: [`${what} → ${got}`, ...(attempts > 1 ? [`${attempts} tries`] : []), ...values].join('; '),
  };
}
