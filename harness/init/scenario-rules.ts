// The named rules that turn a README's steps, mapped one by one, into a scenario the harness can
// run as the author meant: each rule is one function, applied in order by applyScenarioRules, and
// says what it changed in the entry's notes. Also what the harness cannot provide yet (skips) and
// the pom edits a Java sample needs (overlays). Pure.
import path from 'node:path';
import type { Overlay, ServiceKind } from '../model.ts';
import type { TreeView } from './infer.ts';
import type { ComponentFacts, DraftStep, ScenarioDraft } from './scenario-draft.ts';

interface RuleContext {
  problem: (line: number, what: string) => void;
}

const lineOf = (s: DraftStep) => s.value.line as number | undefined;

/**
 * Python samples get their own virtualenv, as upstream CI makes one per folder: a first install
 * step makes `.venv`, and `.venv/bin` on PATH makes `pip3` and `python3` the sample's own. A README
 * that makes and activates its own venv keeps it instead.
 */
function ownVirtualenv(d: ScenarioDraft): void {
  if (d.language !== 'python') return;
  const makesOwn = d.steps.some((s) => s.kind === 'install' && /^python3? -m venv\b/.test(String(s.value.install)));
  if (makesOwn) return;
  d.steps.unshift({
    kind: 'install',
    value: { install: 'python3 -m venv .venv', cwd: '.', inputs: [], outputs: ['.venv/bin/python3'], name: 'the sample\'s own virtualenv' },
    comment: 'not in the README: a fresh venv per sample (as upstream CI makes one per folder), so pip3 installs into the sample\'s own',
  });
  d.path.unshift({ dir: '.venv/bin', why: 'the sample\'s own virtualenv (first install step)' });
}

const SUBSCRIBED = /\bsubscri(?:bed|ption)\b/i;
const UNSUBSCRIBED = /\bunsubscri/i;
const STORE_WRITE = /^redis-cli\b.*\s(?:M?SET|HSET)\s/i;

/** The keys a store write sets: `MSET k1 v1 k2 v2`, `SET k v`, `HSET k f v`. */
export function keysWritten(sh: string): string[] {
  const words = sh.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^["']|["']$/g, '')) ?? [];
  const at = words.findIndex((w) => /^(?:M?SET|HSET)$/i.test(w));
  if (at < 0) return [];
  const args = words.slice(at + 1);
  return /^MSET$/i.test(words[at]!) ? args.filter((_, i) => i % 2 === 0) : args.slice(0, 1);
}

/**
 * A configuration-style update: the README runs the app in the foreground, then writes new values
 * into the store, so upstream the update lands after the app has exited and is never seen. Here
 * the run goes to the background and the update waits until the app is subscribed: its line saying
 * so when it prints one, and always the store's own side (redis has a keyspace subscriber for each
 * key written, which the app's line does not prove: daprd subscribes to the store after answering
 * the app). Then the run is ended: the app sees the update while subscribed.
 */
function updateWhileSubscribed(d: ScenarioDraft, x: RuleContext): void {
  for (let i = 0; i < d.steps.length; i++) {
    const run = d.steps[i]!;
    if (run.kind !== 'run' || run.value.background === true) continue;
    let j = i + 1;
    while (j < d.steps.length && d.steps[j]!.kind === 'sh' && STORE_WRITE.test(String(d.steps[j]!.value.sh))) j++;
    if (j === i + 1) continue;
    const apps = run.value.apps as Record<string, { expect?: { lines: string[] } }>;
    const seen = Object.entries(apps).flatMap(([app, a]) => (a.expect?.lines ?? []).filter((l) => SUBSCRIBED.test(l) && !UNSUBSCRIBED.test(l)).map((line) => ({ app, line })))[0];
    const keys = [...new Set(d.steps.slice(i + 1, j).flatMap((s) => keysWritten(String(s.value.sh))))];
    if (!seen && keys.length === 0) {
      x.problem(lineOf(d.steps[i + 1]!) ?? 1, 'the store update after the run cannot be timed: no expected line shows the app subscribed, and no key it writes is known; it runs after the app has exited, as in the README');
      continue;
    }
    run.value.background = true;
    run.comment += '; background: the update below must land while the app is subscribed';
    // One write of several keys notifies each key on its own, in no fixed order.
    for (const a of seen ? [apps[seen.app]!] : Object.values(apps)) (a as { unordered?: boolean }).unordered = true;
    const waits: DraftStep[] = [];
    if (seen) waits.push({ kind: 'wait', value: { wait: { app: seen.app, line: seen.line }, name: 'the app has subscribed' }, comment: 'not in the README: wait for the subscription before the update' });
    if (keys.length) waits.push({ kind: 'wait', value: { wait: { subscribed: keys }, name: 'the store sees the subscription' }, comment: 'not in the README: wait until redis has a subscriber for each key the update writes' });
    const stop: DraftStep = { kind: 'stop', value: { stop: true, name: 'end the run after the update' }, comment: 'not in the README: the background run ends here (once its end conditions hold), after the update' };
    d.steps.splice(j, 0, stop);
    d.steps.splice(i + 1, 0, ...waits);
    for (const s of d.steps.slice(i + 1 + waits.length, j + waits.length)) s.comment += '; moved: the README makes it after the app has exited, where no subscriber sees it';
    d.notes.push(`the store update (line ${lineOf(d.steps[i + 1 + waits.length]!) ?? '?'}) is made while the app is subscribed, not after it exited as the README's order does`);
    i = j + waits.length;
  }
}

/**
 * One run at a time: a background run (mm moves on after a fixed sleep, and the README stops it
 * with `dapr stop` or lets it end) is ended by a stop step before the next run starts, so two runs'
 * apps never share the store or the output at once.
 */
function oneRunAtATime(d: ScenarioDraft): void {
  for (let i = 0; i < d.steps.length; i++) {
    const s = d.steps[i]!;
    if (s.kind !== 'run' || s.value.background !== true) continue;
    for (let j = i + 1; j < d.steps.length; j++) {
      const t = d.steps[j]!;
      if (t.kind === 'stop') break;
      if (t.kind === 'run') {
        d.steps.splice(j, 0, { kind: 'stop', value: { stop: true, name: `end the run of line ${lineOf(s) ?? '?'}` }, comment: 'not in the README: the background run ends (once its end conditions hold) before the next run starts' });
        break;
      }
    }
  }
}

/**
 * A server fed by a cron input binding repeats its work for as long as it runs: its end condition
 * (`until`) is what the README expects of it, so the run ends after the first complete batch and
 * its golden is cut there, whatever the number of batches by then.
 */
export function cutRepeatingServers(d: ScenarioDraft, componentTypes: readonly string[]): void {
  if (!componentTypes.includes('bindings.cron')) return;
  for (const s of d.steps) {
    if (s.kind !== 'run') continue;
    const apps = s.value.apps as Record<string, { role?: string; expect?: unknown; until?: unknown }>;
    const cut = Object.entries(apps).filter(([, a]) => a.role === 'server' && a.expect && !a.until);
    for (const [, a] of cut) a.until = structuredClone(a.expect);
    if (cut.length) s.comment += `; ${cut.map(([id]) => id).join(', ')}: a cron binding repeats its batch, so the run ends once the expected lines are seen and the golden is cut after them (until)`;
  }
}

/**
 * A workflow app's worker may go on serving after its workflow completed (the Java SDK's blocks
 * until it is stopped; mechanical-markdown only ever waits a fixed time): an app of the workflows
 * block with expected lines ends once they are all printed, as a server does, whether or not it
 * then exits by itself. Its SDK's worker logs from its own task while the client part waits on the
 * instance (the JavaScript SDK's interleave differently run to run), so its golden is compared in
 * any order: every line and how often it is printed still count.
 */
function workflowWorkersServe(d: ScenarioDraft): void {
  if (d.block !== 'workflows') return;
  for (const s of d.steps) {
    if (s.kind !== 'run') continue;
    const apps = s.value.apps as Record<string, { role: string; expect?: unknown; unordered?: boolean }>;
    const changed = Object.entries(apps).filter(([, a]) => a.role === 'job' && a.expect).map(([id, a]) => {
      a.role = 'server';
      return id;
    });
    if (changed.length) s.comment += `; ${changed.join(', ')}: a server, ended once its expected lines are printed (a workflow worker may keep serving after its workflow completed)`;
    const concurrent = Object.entries(apps).filter(([, a]) => !a.unordered).map(([id, a]) => {
      a.unordered = true;
      return id;
    });
    if (concurrent.length) s.comment += `; ${concurrent.join(', ')}: compared in any order (the workflow worker logs beside the client waiting on the instance)`;
  }
}

/**
 * A job may repeat (a cron schedule fires every few seconds until the app deletes it), so how often
 * it fired depends on how long the run went: a jobs server's golden is cut after the line that
 * completes its expected lines (`until`), which is also what ends it.
 */
function jobsCutAtExpected(d: ScenarioDraft): void {
  if (d.block !== 'jobs') return;
  for (const s of d.steps) {
    if (s.kind !== 'run') continue;
    const apps = s.value.apps as Record<string, { role: string; expect?: unknown; until?: unknown }>;
    const cut = Object.entries(apps).filter(([, a]) => a.role === 'server' && a.expect && !a.until).map(([id, a]) => {
      a.until = a.expect;
      return id;
    });
    if (cut.length) s.comment += `; ${cut.join(', ')}: golden cut after its expected lines (a repeating job fires as often as the run is long)`;
  }
}

/** The rules, in the order they apply. */
const RULES: ((d: ScenarioDraft, x: RuleContext) => void)[] = [ownVirtualenv, updateWhileSubscribed, oneRunAtATime, workflowWorkersServe, jobsCutAtExpected];

export function applyScenarioRules(d: ScenarioDraft, x: RuleContext): void {
  for (const rule of RULES) rule(d, x);
}

/** io.dapr versions the reachable Maven mirror does not serve, and the one it serves instead. */
const UNSERVED_DAPR = /^1\.17\.0(?:-rc-3)?$/;
const SERVED_DAPR = '1.17.1';
/** Artifacts whose releases stopped before that version: their last one (checked on Maven Central's metadata). */
const LAST_SERVED: Record<string, string> = { 'dapr-sdk-springboot': '1.16.1' };
const servedFor = (artifact: string) => LAST_SERVED[artifact] ?? SERVED_DAPR;

/**
 * A pom edit per pinned io.dapr version the mirror lacks: the exact `<artifactId>…</artifactId>
 * <version>…</version>` text of the dependency (or the property a dependency reads), so the
 * replacement is unique in the file.
 */
export function javaOverlays(d: ScenarioDraft, sampleDir: string, tree: TreeView, problem: (line: number, what: string) => void): Overlay[] {
  const poms = new Set<string>();
  for (const s of d.steps) {
    if (s.kind === 'install' && /^mvn\b/.test(String(s.value.install))) poms.add(path.posix.join(String(s.value.cwd), 'pom.xml'));
  }
  const out: Overlay[] = [];
  for (const pom of poms) {
    const text = tree.read(path.join(sampleDir, pom));
    if (text === undefined) continue;
    const edits: { replace: string; version: string; what: string; to: string }[] = [];
    const dep = /<groupId>io\.dapr<\/groupId>(\s*)<artifactId>([^<]+)<\/artifactId>(\s*)<version>([^<]+)<\/version>/g;
    for (const m of text.matchAll(dep)) {
      const [, , artifact, gap, version] = m;
      // The version element alone when it is unique in the pom (the shortest exact text), else with its artifactId.
      const alone = `<version>${version}</version>`;
      if (UNSERVED_DAPR.test(version!)) edits.push({ replace: text.split(alone).length === 2 ? alone : `<artifactId>${artifact}</artifactId>${gap}<version>${version}</version>`, version: version!, what: `io.dapr:${artifact}`, to: servedFor(artifact!) });
      const prop = /^\$\{([^}]+)\}$/.exec(version!);
      if (prop) {
        // The property's definition, found as text: `<name>value</name>`.
        const open = `<${prop[1]}>`;
        const at = text.indexOf(open);
        const end = at < 0 ? -1 : text.indexOf(`</${prop[1]}>`, at);
        const value = end < 0 ? undefined : text.slice(at + open.length, end);
        if (value !== undefined && !value.includes('<') && UNSERVED_DAPR.test(value)) edits.push({ replace: text.slice(at, end + prop[1]!.length + 3), version: value, what: `io.dapr:${artifact} (property ${prop[1]})`, to: servedFor(artifact!) });
      }
    }
    for (const e of edits) {
      if (text.split(e.replace).length !== 2) {
        problem(1, `${pom}: "${e.replace}" appears more than once; no overlay written for ${e.what}`);
        continue;
      }
      if (out.some((o) => o.file === pom && o.replace === e.replace)) continue;
      out.push({
        file: pom, replace: e.replace, with: e.replace.replace(`>${e.version}<`, `>${e.to}<`),
        reason: `${e.what} ${e.version} is not served by the reachable Maven mirror; ${e.to} is${e.to === SERVED_DAPR ? '' : ' (its last release)'}`,
      });
    }
  }
  return out;
}

/**
 * The Dapr control-plane services a block's samples need, by block: actors and workflows (whose
 * instances are actors, their timers reminders) placement and scheduler; jobs the scheduler.
 */
const CONTROL_PLANE: Record<string, { kinds: ServiceKind[]; why: string }> = {
  actors: { kinds: ['placement', 'scheduler'], why: 'actors: placement places them, the scheduler keeps their reminders' },
  workflows: { kinds: ['placement', 'scheduler'], why: 'workflows run as actors (placement) with scheduler reminders' },
  jobs: { kinds: ['scheduler'], why: 'jobs are scheduled and fired by the scheduler' },
};

export function controlPlaneServices(block: string): { kind: ServiceKind; why: string }[] {
  const need = CONTROL_PLANE[block];
  return need ? need.kinds.map((kind) => ({ kind, why: need.why })) : [];
}

export interface SkipFacts {
  block: string;
  /** Every command of the README, as words. */
  commands: string[][];
  facts: ComponentFacts;
  /** The text of the apps' source files. */
  sources: string[];
}

/** What the harness cannot provide yet, each with the test that says a sample needs it. */
const SKIP_RULES: { reason: string; needs: (f: SkipFacts) => boolean }[] = [
  {
    reason: 'needs an LLM (Ollama)',
    // An LLM is needed when the app names a conversation component that is not the echo one.
    needs: (f) => [...f.facts.conversation].some(([name, type]) => type !== 'conversation.echo' && f.sources.some((t) => t.includes(`"${name}"`) || t.includes(`'${name}'`) || t.includes(`/${name}/`))),
  },
];

export function skipReasons(f: SkipFacts): string[] {
  return SKIP_RULES.filter((r) => r.needs(f)).map((r) => r.reason);
}
