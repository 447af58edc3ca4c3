
import { describe, expect, it } from 'vitest';
import { compareRunCommand } from '../../../harness/docs/checks/commands.ts';
import { parsePage } from '../../../harness/docs/parse.ts';
import { parseDaprRun, shellCommands, splitSegments } from '../../../harness/docs/shell.ts';

describe('dapr run and shell commands', () => {
  it('parses flags, short flags, = values and the app command', () => {
    const r = parseDaprRun(['dapr', 'run', '-a', 'app', '--components-path=./c', '-d', 'x', '--enable-api-logging', '--', 'go', 'run', '.']);
    expect(r.flags.map((f) => [f.name, f.written, f.value, f.known])).toEqual([
      ['app-id', '-a', 'app', true], ['components-path', '--components-path', './c', true], ['components-path', '-d', 'x', true], ['enable-api-logging', '--enable-api-logging', undefined, true],
    ]);
    expect(r.appArgv).toEqual(['go', 'run', '.']);
    expect(parseDaprRun(['dapr', 'run', '--app-id', 'a', 'python3', 'app.py']).appArgv).toEqual(['python3', 'app.py']);
    expect(parseDaprRun(['dapr', 'run', '--bogus', 'v', '--', 'x']).flags[0]).toMatchObject({ name: 'bogus', value: 'v', known: false });
  });
  it('splits a block into commands: continuations, prompts, comments and && chains', () => {
    const block = parsePage('```bash\n# comment\n$ cd x && npm install\ndapr run \\\n  --app-id a -- "node" index.js\n```\n').blocks[0]!;
    expect(shellCommands(block).map((c) => [c.line, c.text, c.words])).toEqual([
      [3, 'cd x', ['cd', 'x']],
      [3, 'npm install', ['npm', 'install']],
      [4, 'dapr run  --app-id a -- "node" index.js', ['dapr', 'run', '--app-id', 'a', '--', 'node', 'index.js']],
    ]);
    expect(splitSegments(`echo 'a && b'; ls || true`)).toEqual([`echo 'a && b'`, 'ls', 'true']);
  });
  it('compares app commands: errors for what cannot work, warnings for launcher details', () => {
    const exists = () => false;
    expect(compareRunCommand(['python3', 'app.py'], ['python3', 'app.py'], exists)).toBeUndefined();
    expect(compareRunCommand(['python', 'app.py'], ['python3', 'app.py'], exists)).toMatchObject({ id: 'run-command-detail', severity: 'warning' });
    expect(compareRunCommand(['dotnet', 'run'], ['dotnet', 'run', '--no-build'], exists)).toMatchObject({ severity: 'warning' });
    expect(compareRunCommand(['go', 'run'], ['go', 'run', '.'], exists)).toMatchObject({ id: 'run-command-mismatch', severity: 'error' });
    expect(compareRunCommand(['java', '-jar', 'a.jar'], ['java', '-jar', 'b.jar'], exists)!.message).toContain('`a.jar` does not exist');
    expect(compareRunCommand([], ['npm', 'start'], exists)).toMatchObject({ severity: 'error' });
  });
});
