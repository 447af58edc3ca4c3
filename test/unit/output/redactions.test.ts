// Which forms each redaction rule must rewrite and which it must leave alone, one rule at a time
// (the rules run in order, so each is also checked alone: a later rule cannot hide a miss).
import { describe, expect, it } from 'vitest';
import { applyRedactions } from '../../../harness/output/normalize.ts';
import { pathRedactions, VOLATILE_REDACTIONS, type Redaction } from '../../../harness/output/redactions.ts';

const rule = (name: string): Redaction => {
  const r = VOLATILE_REDACTIONS.find((x) => x.name === name);
  if (!r) throw new Error(`no rule ${name}`);
  return r;
};

const cases: Record<string, [input: string, want: string][]> = {
  timestamp: [
    ['at 2026-11-29T05:11:04Z.', 'at [TIMESTAMP].'],
    ['at 2026-11-29 05:11:04 done', 'at [TIMESTAMP] done'],
    ['2026-11-29T05:11:04.000885851Z', '[TIMESTAMP]'],
    ['2026-11-29 05:11:04,123 INFO', '[TIMESTAMP] INFO'],
    ['2026-11-29T05:11:04+02:00|', '[TIMESTAMP]|'],
    ['2026-11-29T05:11:04-0700|', '[TIMESTAMP]|'],
    ['2026-11-29T05:11:04.5+0100|', '[TIMESTAMP]|'],
    ['a 2026-11-29T05:11:04Z b 2027-01-02T03:04:05Z', 'a [TIMESTAMP] b [TIMESTAMP]'],
    // Go's time.Time, zone and monotonic clock included
    ['before: 2026-12-07 18:32:16.817787864 +0000 UTC m=+0.003111610', 'before: [TIMESTAMP]'],
    ['2026-12-07 18:32:16.8 -0700 MST!', '[TIMESTAMP]!'],
    ['2026-12-07 18:32:16 +0000 utc', '[TIMESTAMP] +0000 utc'],
    // not timestamps: glued to a word, a date alone, a time alone, another separator
    ['id12026-11-29T05:11:04Z', 'id12026-11-29T05:11:04Z'],
    ['on 2026-11-29 only', 'on 2026-11-29 only'],
    ['at 05:11:04', 'at 05:11:04'],
    ['2026-11-29_05:11:04', '2026-11-29_05:11:04'],
    ['26-11-29T05:11:04', '26-11-29T05:11:04'],
    ['2026-1-29T05:11:04', '2026-1-29T05:11:04'],
    ['2026-11-29T5:11:04', '2026-11-29T5:11:04'],
  ],
  'slash-timestamp': [
    ['2026/12/07 18:32:36 HTTP server error', '[TIMESTAMP] HTTP server error'],
    ['2026/12/07 18:32:36.123456 x', '[TIMESTAMP] x'],
    // not a time: a date alone, dashes, glued to a word
    ['2026/12/07 only', '2026/12/07 only'],
    ['v2026/12/07 18:32:36', 'v2026/12/07 18:32:36'],
  ],
  'clf-timestamp': [
    ['127.0.0.1 - - [04/Sep/2023 11:15:19] "POST /orders HTTP/1.1" 200 -', '127.0.0.1 - - [TIMESTAMP] "POST /orders HTTP/1.1" 200 -'],
    ['[10/Oct/2000:13:55:36 -0700] GET', '[TIMESTAMP] GET'],
    // not a time: no brackets, a lower-case month, a day of one digit, a list index
    ['04/Sep/2023 11:15:19', '04/Sep/2023 11:15:19'],
    ['[04/sep/2023 11:15:19]', '[04/sep/2023 11:15:19]'],
    ['[4/Sep/2023 11:15:19]', '[4/Sep/2023 11:15:19]'],
    ['items[0]', 'items[0]'],
  ],
  uuid: [
    ['Subscription ID is 0f8fad5b-d9cb-469f-a165-70867728950e', 'Subscription ID is [UUID]'],
    ['id=0F8FAD5B-D9CB-469F-A165-70867728950E.', 'id=[UUID].'],
    // not a UUID: a group short, a group long, glued to a word
    ['0f8fad5b-d9cb-469f-a165-70867728950', '0f8fad5b-d9cb-469f-a165-70867728950'],
    ['0f8fad5b-d9cb-469f-a165-70867728950ee', '0f8fad5b-d9cb-469f-a165-70867728950ee'],
    ['x0f8fad5b-d9cb-469f-a165-70867728950e', 'x0f8fad5b-d9cb-469f-a165-70867728950e'],
    // without its dashes (a workflow instance id)
    ['Order 15ea5b966f5246d3ab07e24bcb9430b5 has completed!', 'Order [UUID] has completed!'],
    // not one: 31 or 33 hex digits, no digit at all
    ['15ea5b966f5246d3ab07e24bcb9430b', '15ea5b966f5246d3ab07e24bcb9430b'],
    ['15ea5b966f5246d3ab07e24bcb9430b51', '15ea5b966f5246d3ab07e24bcb9430b51'],
    ['abcdefabcdefabcdefabcdefabcdefab', 'abcdefabcdefabcdefabcdefabcdefab'],
  ],
  'spring-pid-thread': [
    ['[TIMESTAMP]  INFO 29655 --- [nio-8080-exec-5] c.s.C : Subscriber received: 1', '[TIMESTAMP]  INFO [PID] --- [THREAD] c.s.C : Subscriber received: 1'],
    ['x ERROR 1 --- [           main] y', 'x ERROR [PID] --- [THREAD] y'],
    // not Spring's: no level before it, no thread after it
    ['pid 12 --- [main]', 'pid 12 --- [main]'],
    ['INFO 12 --- main', 'INFO 12 --- main'],
  ],
  duration: [
    ['took 1.5s', 'took [DURATION]'],
    ['took 250ms.', 'took [DURATION].'],
    ['3ns 7µs 8us 12s', '[DURATION] [DURATION] [DURATION] [DURATION]'],
    ['took 1.25s', 'took [DURATION]'],
    ['(15ms)', '([DURATION])'],
    // not durations: glued to a word, a longer unit word, a bare number, minutes
    ['abc5s', 'abc5s'],
    ['5sec', '5sec'],
    ['5 s', '5 s'],
    ['42', '42'],
    ['5m', '5m'],
  ],
  pid: [
    ['pid 42', 'pid [PID]'],
    ['PID: 42', 'PID: [PID]'],
    ['appPID: 21572 ok', 'appPID: [PID] ok'],
    ['pid:42', 'pid:[PID]'],
    ['PID:   42', 'PID:   [PID]'],
    ['pid42', 'pid[PID]'],
    // not pids: inside a word, a number glued to letters, another separator, another case
    ['rapid 5', 'rapid 5'],
    ['pid 42abc', 'pid 42abc'],
    ['pid=42', 'pid=42'],
    ['Pid 42', 'Pid 42'],
  ],
  'server-process': [
    ['INFO:     Started server process [10592]', 'INFO:     Started server process [[PID]]'],
    // not one: another word before it, no brackets
    ['worker process [10592]', 'worker process [10592]'],
    ['server process 10592', 'server process 10592'],
  ],
  port: [
    ['http://localhost:3500/v1.0', 'http://localhost:[PORT]/v1.0'],
    ['127.0.0.1:50001', '127.0.0.1:[PORT]'],
    ['http://[::1]:8080/', 'http://[::1]:[PORT]/'],
    ['listening on 0.0.0.0:80', 'listening on 0.0.0.0:[PORT]'],
    ['localhost:65535 localhost:10', 'localhost:[PORT] localhost:[PORT]'],
    // not ports: one digit, six digits, a longer host name, another address
    ['localhost:1', 'localhost:1'],
    ['localhost:123456', 'localhost:123456'],
    ['mylocalhost:3500', 'mylocalhost:3500'],
    ['1127.0.0.1:3500', '1127.0.0.1:3500'],
    ['10.0.0.0:3500', '10.0.0.0:3500'],
    ['example.com:3500', 'example.com:3500'],
  ],
  'port-word': [
    ['HTTP Port: 3500.', 'HTTP Port: [PORT].'],
    ['grpc port 50001', 'grpc port [PORT]'],
    ['Port:   3500', 'Port:   [PORT]'],
    ['port 65535', 'port [PORT]'],
    // not ports: no space, one digit, six digits, inside a word, a plural
    ['Port:3500', 'Port:3500'],
    ['port 1', 'port 1'],
    ['port 123456', 'port 123456'],
    ['Report 3500', 'Report 3500'],
    ['ports 3500', 'ports 3500'],
  ],
};

describe('each volatile rule, alone', () => {
  for (const [name, table] of Object.entries(cases)) {
    it.each(table)(`${name}: %j → %j`, (input, want) => expect(applyRedactions(input, [rule(name)])).toBe(want));
  }

  it('covers every rule the list holds, in the order timestamps before durations', () => {
    expect(VOLATILE_REDACTIONS.map((r) => r.name)).toEqual(Object.keys(cases));
  });

  it('runs timestamps before durations, so a timestamp is one placeholder', () => {
    expect(applyRedactions('at 2026-11-29T05:11:04.5Z', VOLATILE_REDACTIONS)).toBe('at [TIMESTAMP]');
  });
});

describe('pathRedactions', () => {
  it('names each rule after its path and upper-cases the placeholder', () => {
    const rules = pathRedactions({ root: '/work/main' });
    expect(rules.map((r) => [r.name, r.replacement])).toEqual([['path:root', '[ROOT]']]);
  });

  it('redacts the longest path first when one contains another', () => {
    const rules = pathRedactions({ home: '/work', root: '/work/main' });
    expect(rules.map((r) => r.name)).toEqual(['path:root', 'path:home']);
    expect(applyRedactions('/work/main/a and /work/b', rules)).toBe('[ROOT]/a and [HOME]/b');
  });

  it('matches regex characters in a path literally, every occurrence', () => {
    const rules = pathRedactions({ tmp: '/tmp/a.b+(c)[d]{1}|e*?^$\\' });
    expect(applyRedactions('/tmp/a.b+(c)[d]{1}|e*?^$\\/x /tmp/a.b+(c)[d]{1}|e*?^$\\', rules)).toBe('[TMP]/x [TMP]');
    expect(applyRedactions('/tmp/aXb+(c)[d]{1}|e*?^$\\', rules)).toBe('/tmp/aXb+(c)[d]{1}|e*?^$\\');
  });

  it('keeps two-character paths and drops empty or one-character ones', () => {
    expect(pathRedactions({ a: '', b: '/', c: undefined, d: '/x' }).map((r) => r.name)).toEqual(['path:d']);
  });
});
