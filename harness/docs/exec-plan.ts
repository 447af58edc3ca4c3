// What `--exec` runs for each language tab: the page's install commands in order, then its
// `dapr run`. Pure. `cd` and `git clone` are left out (the sample folder stands in for them), and
// so are other `dapr` commands (`dapr init` would touch the user's ~/.dapr; the harness brings
// its own isolated Dapr home).
import path from 'node:path';
import type { Language } from '../model.ts';
import { componentsFolder } from '../samples/components.ts';
import { roleOf, targetOf } from './targets.ts';
import type { DocPage } from './parse.ts';
import { isDaprRun, isSetupOnly, joinWords, parseDaprRun, shellCommands } from './shell.ts';
import { withoutTrailingSlashes, type SampleFiles, type Workspace } from './workspace.ts';

export type ExecStep =
  | { kind: 'install'; line: number; command: string }
  | {
    kind: 'dapr-run';
    line: number;
    /** The page's dapr run as written, for messages. */
    written: string;
    appId: string;
    /** The app command after `--`, re-quoted for the runner. */
    appCommand: string;
    /** Page flags not passed on: the harness sets the resources folder (the sample's), ports and Dapr home itself. */
    replaced: string[];
  };

export interface ExecPlan {
  language: Language;
  sample: SampleFiles;
  /** Line of the tab, for findings about the tab as a whole. */
  line: number;
  steps: ExecStep[];
}

const RESOURCES = new Set(['resources-path', 'components-path']);
const sameDir = (a: string, b: string) => withoutTrailingSlashes(a) === withoutTrailingSlashes(b);

export function planExec(page: DocPage, ws: Workspace, languages?: readonly Language[]): ExecPlan[] {
  const plans = new Map<string, ExecPlan>();
  for (const g of page.groups) {
    for (const tab of g.tabs) {
      for (const block of tab.blocks) {
        const { language, sample } = targetOf(block, ws);
        if (!language || !sample || (languages && !languages.includes(language))) continue;
        const key = `${tab.group}/${tab.index}/${sample.spec.id}`;
        let plan = plans.get(key);
        if (!plan) {
          plan = { language, sample, line: tab.line, steps: [] };
          plans.set(key, plan);
        }
        if (roleOf(block) !== 'shell') continue;
        const commands = shellCommands(block);
        for (const cmd of commands) {
          // A line of plain commands (`npm ci && npm run build`) runs as written, in one shell, so
          // its `&&`, `||` and `;` keep their meaning; a line that mixes in `cd` or `dapr` is split.
          const sameLine = commands.filter((c) => c.line === cmd.line);
          const plain = sameLine.every((c) => !isSetupOnly(c.words) && c.words[0] !== 'dapr');
          if (plain && sameLine.length > 1) {
            if (sameLine[0] === cmd) plan.steps.push({ kind: 'install', line: cmd.line, command: cmd.lineText });
            continue;
          }
          if (isSetupOnly(cmd.words)) continue;
          if (isDaprRun(cmd.words)) {
            const run = parseDaprRun(cmd.words);
            plan.steps.push({
              kind: 'dapr-run',
              line: cmd.line,
              written: cmd.text,
              appId: run.flags.find((f) => f.name === 'app-id')?.value ?? sample.spec.appId,
              appCommand: joinWords(run.appArgv),
              replaced: run.flags
                .filter((f) => f.name !== 'app-id' && !(RESOURCES.has(f.name) && f.value !== undefined && sameDir(path.resolve(sample.spec.dir, f.value), componentsFolder(sample.spec, ws.manifest))))
                .map((f) => f.written),
            });
          } else if (cmd.words[0] === 'dapr') {
          } else {
            plan.steps.push({ kind: 'install', line: cmd.line, command: cmd.text });
          }
        }
      }
    }
  }
  return [...plans.values()].filter((p) => p.steps.length > 0);
}
