// Runs the built Code.js in the Apps Script stand-in, in a worker thread:
// UrlFetchApp is synchronous in Apps Script, so this thread blocks on each
// request (Atomics.wait) while a helper thread makes it, and the test's own
// thread stays free to serve the backend. Bundled by gmail-harness.ts.
import { MessageChannel, parentPort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { ActionResponseStandIn, CardStandIn, createAppsScriptStandIn, runBundle, type FetchRecord, type MailboxMessage } from './apps-script-stand-in.ts';

export interface WorkerSetup {
  code: string;
  urlFetchWhitelist: string[];
}

export type WorkerCommand =
  | { id: number; kind: 'call'; user: string; functionName: string; event: unknown }
  | { id: number; kind: 'message'; user: string; message: MailboxMessage }
  | { id: number; kind: 'access-token'; user: string; gmailMessageId: string };

export type WorkerReply = { id: number; ok: true; value: unknown; requests: FetchRecord[] } | { id: number; ok: false; error: string; requests: FetchRecord[] };

/** The helper thread: one real HTTP exchange per message, answered on the port, then a wake-up. */
const FETCHER = `
const { workerData } = require('node:worker_threads');
const { signal, port } = workerData;
port.on('message', async (request) => {
  let answer;
  try {
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body ?? undefined, redirect: 'manual', signal: AbortSignal.timeout(60000) });
    answer = { status: response.status, body: await response.text() };
  } catch (error) {
    answer = { error: String((error && error.cause && error.cause.code) || (error && error.message) || error) };
  }
  port.postMessage(answer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

const setup = workerData as WorkerSetup;
const signal = new Int32Array(new SharedArrayBuffer(4));
const channel = new MessageChannel();
const fetcher = new Worker(FETCHER, { eval: true, workerData: { signal, port: channel.port2 }, transferList: [channel.port2] });
fetcher.unref();

const standIn = createAppsScriptStandIn({
  urlFetchWhitelist: setup.urlFetchWhitelist,
  fetchSync(request) {
    Atomics.store(signal, 0, 0);
    channel.port1.postMessage(request);
    if (Atomics.wait(signal, 0, 0, 70_000) === 'timed-out') throw new Error('Timeout: the request took longer than Apps Script waits');
    const answer = receiveMessageOnPort(channel.port1)?.message as { status: number; body: string } | { error: string } | undefined;
    if (!answer) throw new Error('The fetch helper gave no answer');
    if ('error' in answer) throw new Error(`Exception: ${answer.error} (${request.url})`);
    return answer;
  },
});
const functions = runBundle(setup.code, standIn.services);

/** Apps Script hands a card or an action response back to Gmail as JSON; so does this worker. */
function serialise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(serialise);
  if (value instanceof CardStandIn) return { card: value.data };
  if (value instanceof ActionResponseStandIn) return { response: value.data };
  throw new Error(`A trigger returned something Gmail cannot show: ${String(value)}`);
}

parentPort!.on('message', (command: WorkerCommand) => {
  const reply = (body: { ok: true; value: unknown } | { ok: false; error: string }) =>
    parentPort!.postMessage({ id: command.id, ...body, requests: standIn.takeRequests() } as WorkerReply);
  try {
    if (command.kind === 'message') {
      standIn.addMessage(command.user, command.message);
      return reply({ ok: true, value: null });
    }
    if (command.kind === 'access-token') return reply({ ok: true, value: standIn.accessTokenFor(command.user, command.gmailMessageId) });
    const fn = functions[command.functionName];
    if (!fn) return reply({ ok: false, error: `Code.js has no global function ${command.functionName}` });
    standIn.setUser(command.user);
    return reply({ ok: true, value: serialise(fn(command.event)) });
  } catch (error) {
    return reply({ ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
