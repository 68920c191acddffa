// A worker process for the escalation tests: sweeps until nothing is due.
// CRASH_AFTER=N kills the process (SIGKILL, no cleanup) in the middle of a sweep, at its Nth new id.
import { randomUUID } from 'node:crypto';
import { sweepEscalations } from '../../backend/src/jobs/escalation-worker.ts';
import { openDatabase } from '../../backend/src/store/database.ts';
import { silentLogger } from '../../backend/src/use-cases/deps.ts';

const url = process.env.WORKER_DATABASE_URL!;
const now = new Date(process.env.WORKER_NOW!);
const crashAfter = Number(process.env.CRASH_AFTER ?? 0);
const handle = await openDatabase({ url, poolSize: 4 });
let ids = 0;
const newId = () => {
  ids += 1;
  if (crashAfter > 0 && ids >= crashAfter) process.kill(process.pid, 'SIGKILL');
  return randomUUID();
};
let fired = 0;
for (let n = -1; n !== 0;) {
  n = await sweepEscalations({ db: handle.db, rlsRole: null, clock: { now: () => now }, newId, log: silentLogger });
  fired += n;
}
console.log(JSON.stringify({ fired }));
await handle.close();
