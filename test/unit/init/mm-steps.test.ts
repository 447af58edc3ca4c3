// The mechanical-markdown step reader: headers, blocks, README lines, and malformed steps.
import { describe, expect, it } from 'vitest';
import { MmStepError, parseMmSteps } from '../../../harness/init/mm-steps.ts';

const README = `# A sample

Some prose.

<!-- STEP
name: Install
-->

\`\`\`bash
cd ./app
pip3 install -r requirements.txt
\`\`\`

\`\`\`python
print("not run: mm.py runs bash and sh blocks only")
\`\`\`

<!-- END_STEP -->

\`\`\`bash
echo "outside any step"
\`\`\`

<!-- STEP
name: Run
expected_stdout_lines:
  - '== APP == Fetched Secret: {''secret'': ''x''}'
expected_stderr_lines:
output_match_mode: substring
match_order: none
background: true
sleep: 5
timeout_seconds: 30
working_dir: ./app
env:
  PORT: 3000
tags: [a, b]
-->

\`\`\`sh
dapr run --app-id app -- python3 app.py
\`\`\`

<!-- END_STEP -->
`;

describe('parseMmSteps', () => {
  it("reads each step's header and its bash/sh blocks, with README lines", () => {
    const steps = parseMmSteps(README);
    expect(steps).toHaveLength(2);
    expect(steps[0]!.line).toBe(5);
    expect(steps[0]!.header).toEqual({
      name: 'Install', expectedStdoutLines: [], expectedStderrLines: [], expectedReturnCode: 0, outputMatchMode: 'exact',
      matchOrder: 'sequential', background: false, sleep: 0, env: {}, tags: [],
    });
    expect(steps[0]!.blocks.map((b) => [b.lang, b.valueLine, b.value])).toEqual([['bash', 10, 'cd ./app\npip3 install -r requirements.txt']]);
    expect(steps[1]!.header).toEqual({
      name: 'Run', expectedStdoutLines: ["== APP == Fetched Secret: {'secret': 'x'}"], expectedStderrLines: [], expectedReturnCode: 0,
      outputMatchMode: 'substring', matchOrder: 'none', background: true, sleep: 5, timeoutSeconds: 30, workingDir: './app',
      env: { PORT: '3000' }, tags: ['a', 'b'],
    });
    expect(steps[1]!.blocks[0]!.value).toBe('dapr run --app-id app -- python3 app.py');
  });

  it('leaves a marker inside a code block alone', () => {
    expect(parseMmSteps('```md\n<!-- STEP\nname: x\n-->\n```\n')).toEqual([]);
  });

  it.each([
    ['an END_STEP with no step', 'text\n\n<!-- END_STEP -->\n', 3, 'no open'],
    ['a step never closed', '<!-- STEP\nname: a\n-->\n', 1, 'has no <!-- END_STEP -->'],
    ['a step inside a step', '<!-- STEP\n-->\n\n<!-- STEP\n-->\n', 4, 'still open'],
    ['a header that is not YAML', '<!-- STEP\nname: [a\n-->\n\n<!-- END_STEP -->\n', 1, 'not valid YAML'],
    ['an unknown match mode', '<!-- STEP\noutput_match_mode: fuzzy\n-->\n\n<!-- END_STEP -->\n', 1, 'exact or substring'],
  ])('names the line of %s', (_name, md, line, message) => {
    let err: unknown;
    try { parseMmSteps(md); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(MmStepError);
    expect((err as MmStepError).line).toBe(line);
    expect((err as Error).message).toContain(message);
  });
});
