// The reaper: a small process started with every supervised session, as Testcontainers' Ryuk is
// for containers. Its stdin is a pipe whose only writer is the harness; the kernel closes that
// end when the harness dies, however it dies (SIGKILL and the OOM killer included), and no pid is
// polled that could be reused. At end of file it ends the session's processes, removes its temp
// folders and ledger, and exits: it never outlives the harness by more than that.
// argv: <session id> <ledger file>. Started by supervise.ts through harness/bin/reaper.cjs.
import { reapSession } from './reap.ts';
import { parseSessionId } from './session.ts';

/** SIGTERM first, SIGKILL after this: the whole reap stays well within a few seconds. */
const GRACE_MS = 2000;

const [id, ledger] = process.argv.slice(2);
if (!id || !parseSessionId(id) || !ledger) {
  process.stderr.write('parity reaper: usage: reaper.cjs <session id> <ledger file>\n');
  process.exit(2);
}
let reaping = false;
const reap = () => {
  if (reaping) return;
  reaping = true;
  void reapSession(id, ledger, GRACE_MS).finally(() => process.exit(0));
};
// A terminal's Ctrl-C or hang-up is for the harness, which cleans up itself; the reaper leaves
// only when the pipe says the harness is gone.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.stdin.on('end', reap);
process.stdin.on('close', reap);
process.stdin.on('error', reap);
process.stdin.resume();
