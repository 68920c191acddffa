// One backend process's mailbox supervisor, for the kill test: `tsx
// test/imap/connector-process.ts <database url> <rls role or -> <holder>`.
import { randomUUID } from 'node:crypto';
import { DEMO_SECRETS_KEY, secretBox } from '../../backend/src/crypto/secret-box.ts';
import { startMailboxSupervisor } from '../../backend/src/jobs/mailbox-supervisor.ts';
import { openDatabase } from '../../backend/src/store/database.ts';
import { silentLogger, systemClock } from '../../backend/src/use-cases/deps.ts';

const [url, role, holder] = process.argv.slice(2);
if (!url || !role || !holder) throw new Error('usage: connector-process.ts <database url> <rls role or -> <holder>');
const database = await openDatabase({ url, poolSize: 4 });
const deps = { db: database.db, rlsRole: role === '-' ? null : role, clock: systemClock, newId: randomUUID, log: silentLogger };
startMailboxSupervisor(deps, secretBox(DEMO_SECRETS_KEY), { holder, tickMs: 300, leaseMs: 3_000, connector: { recheckMs: 500, batchSize: 50 } });
process.stdout.write('ready\n');
