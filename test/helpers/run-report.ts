// One run's report, with a sample of each status, shared by the reporters' unit tests.
import type { RunReport } from '../../harness/model.ts';

export const report: RunReport = {
  dapr: { cli: '1.16.5', runtime: '1.18.2' },
  startedAt: '2026-11-29T05:00:00.000Z',
  durationMs: 9000,
  samples: [
    { id: 'python/sdk', language: 'python', variant: 'sdk', status: 'passed', durationMs: 1600, attempts: 1, output: "Fetched Secret: {'secret': 'YourPasskeyHere'}\n", filtered: {}, retries: [], parsedSecret: { secret: 'YourPasskeyHere' } },
    { id: 'python/http', language: 'python', variant: 'http', status: 'flaky', durationMs: 4200, attempts: 2, reason: 'passed on attempt 2; earlier: a port was taken', output: "Fetched Secret: {'secret': 'YourPasskeyHere'}\n", filtered: {}, retries: [{ attempt: 1, retryCause: 'a port was taken' }], parsedSecret: { secret: 'YourPasskeyHere' } },
    { id: 'csharp/sdk', language: 'csharp', variant: 'sdk', status: 'skipped', durationMs: 0, attempts: 0, reason: 'dotnet not found: install the .NET 8 SDK' },
    { id: 'go/sdk', language: 'go', variant: 'sdk', status: 'failed', durationMs: 1300, attempts: 1, reason: 'output differs from expected/go-sdk.txt <&>', diff: '-a\n+b', logFile: 'artifacts/logs/go-sdk/run.log' },
  ],
  parity: { ok: true, expected: { secret: 'YourPasskeyHere' }, problems: [], checked: 2 },
  orphanGoldens: ['expected/rust-sdk.txt'],
};
