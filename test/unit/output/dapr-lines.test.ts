// What dapr prints, pinned where a changed pattern would misjudge a line: the frames' anchors, the
// JSON fatal line, the port-taken words and the lines a README may list that are not the app's.
import { describe, expect, it } from 'vitest';
import { APP_FRAMED, appExitLine, daprdExitSeen, isDaprLineInReadme, PORT_TAKEN, unframe } from '../../../harness/output/dapr-lines.ts';

describe('the == APP == frames', () => {
  it('APP_FRAMED holds only a whole framed line', () => {
    expect(APP_FRAMED.exec('== APP == hi')?.[1]).toBe('hi');
    expect(APP_FRAMED.exec('== APP - shop == hi')?.[1]).toBe('hi');
    expect(APP_FRAMED.test('x == APP == hi')).toBe(false);
    expect(APP_FRAMED.test('== APP ==x')).toBe(false);
  });

  it('unframe strips a frame with an empty app id and one with no space after it', () => {
    expect(unframe('== APP -  == x')).toBe('x');
    expect(unframe('== APP ==x')).toBe('x');
    expect(unframe('say == APP == x')).toBe('say == APP == x');
  });
});

describe('daprd gone, from its JSON fatal line', () => {
  it('needs a JSON line, level fatal and a dapr scope', () => {
    expect(daprdExitSeen('{"level":"fatal","msg":"boom","scope":"dapr.runtime"}')).toBe(true);
    expect(daprdExitSeen('x {"level":"fatal","msg":"boom","scope":"dapr.runtime"}')).toBe(false);
    expect(daprdExitSeen('{"level":"info","msg":"ok","scope":"dapr.runtime"}')).toBe(false);
    expect(daprdExitSeen('{"level":"fatal","msg":"boom","scope":"app"}')).toBe(false);
  });
});

describe('a port taken', () => {
  it('reads the listener that could not bind, whatever its address', () => {
    expect(PORT_TAKEN.test('listen tcp 127.0.0.1:50001: bind: permission denied')).toBe(true);
    expect(PORT_TAKEN.test('listen tcp: lookup failed')).toBe(false);
  });
});

describe('lines a README lists that the CLI or daprd prints', () => {
  it('a status line only at the start; a log line only with level= and msg=', () => {
    expect(isDaprLineInReadme('✅  You are done')).toBe(true);
    expect(isDaprLineInReadme('note ✅ done')).toBe(false);
    expect(isDaprLineInReadme('time="t" level=info msg="hi"')).toBe(true);
    expect(isDaprLineInReadme('level=info only')).toBe(false);
    expect(isDaprLineInReadme('msg=only')).toBe(false);
    expect(isDaprLineInReadme('level= msg=x')).toBe(false);
    // The multi-app run's status lines, quoted without their emoji for substring matching.
    expect(isDaprLineInReadme('Started Dapr with app id "checkout"')).toBe(true);
    expect(isDaprLineInReadme('Validating config and starting app "checkout"')).toBe(true);
    expect(isDaprLineInReadme('Writing log files to directory')).toBe(true);
    expect(isDaprLineInReadme('Order started with app id 7')).toBe(false);
  });
});

describe('appExitLine: how an app of a multi-app run ended, from its log file', () => {
  it('reads the CLI\'s success and error lines, with or without their icon', () => {
    expect(appExitLine('Exited App successfully')).toEqual({ ok: true, detail: 'exited successfully' });
    expect(appExitLine('✅  Exited App successfully')).toEqual({ ok: true, detail: 'exited successfully' });
    expect(appExitLine('The App process exited with error code: exit status 1')).toEqual({ ok: false, detail: 'exited with an error (exit status 1)' });
    expect(appExitLine('❌  The App process exited with error code: signal: killed')).toEqual({ ok: false, detail: 'exited with an error (signal: killed)' });
  });
  it('is no other line: an app\'s own words, a line that only contains them', () => {
    for (const line of ['Exited App successfully!', 'the app said: Exited App successfully', 'Exited Dapr successfully', 'x The App process exited with error code: 1', '']) {
      expect(appExitLine(line), line).toBeUndefined();
    }
  });
});
