// The Gmail side of a test: builds the add-on for a backend URL, runs the
// built Code.js in the Apps Script stand-in (in a worker, see gmail-worker.ts)
// and plays Gmail: opens messages, clicks buttons, fills forms, and hands the
// cards back as data.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildGmailAddon, type GmailBuildResult } from '../../addin-gmail/build.ts';
import type { ButtonData, CardData, FetchRecord, MailboxMessage, ResponseData, WidgetData } from './apps-script-stand-in.ts';
import type { WorkerCommand, WorkerReply, WorkerSetup } from './gmail-worker.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface GmailOptions {
  backendUrl: string;
  signIn?: 'demo' | 'google';
}

export interface UserContext {
  locale?: string;
  timeZone?: { id: string; offset: number };
}

/** What the user types or picks in a form, by field name. */
export type FormInput = string | string[] | { date: string };

export interface GmailStandIn {
  build: GmailBuildResult;
  code: string;
  /** Puts a message in a user's mailbox. */
  deliver(user: string, message: MailboxMessage): Promise<void>;
  /** The user opens a message: the contextual trigger's cards. */
  open(user: string, gmailMessageId: string, context?: UserContext): Promise<CardData[]>;
  compose(user: string, context?: UserContext): Promise<CardData[]>;
  homepage(user: string, context?: UserContext): Promise<CardData[]>;
  /** The user clicks a button of a card shown for a message, with the form's values. */
  click(user: string, button: ButtonData, gmailMessageId: string, form?: Record<string, FormInput>, context?: UserContext): Promise<ResponseData>;
  /** Requests the last call made. */
  lastRequests: FetchRecord[];
  close(): Promise<void>;
}

let workerCode: Promise<string> | null = null;
function bundledWorker(): Promise<string> {
  workerCode ??= build({
    entryPoints: [join(here, 'gmail-worker.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  }).then((result) => result.outputFiles[0]!.text);
  return workerCode;
}

export async function startGmail(options: GmailOptions): Promise<GmailStandIn> {
  const outDir = mkdtempSync(join(tmpdir(), 'gmail-addon-'));
  const built = await buildGmailAddon({ backendUrl: options.backendUrl, signIn: options.signIn ?? 'demo', outDir });
  const code = readFileSync(built.codePath, 'utf8');
  const manifest = JSON.parse(readFileSync(built.manifestPath, 'utf8')) as { urlFetchWhitelist: string[] };
  rmSync(outDir, { recursive: true, force: true });
  const worker = new Worker(await bundledWorker(), { eval: true, workerData: { code, urlFetchWhitelist: manifest.urlFetchWhitelist } satisfies WorkerSetup });
  let nextId = 1;
  const pending = new Map<number, (reply: WorkerReply) => void>();
  worker.on('message', (reply: WorkerReply) => pending.get(reply.id)?.(reply));
  const send = (command: WorkerCommand extends infer C ? (C extends WorkerCommand ? Omit<C, 'id'> : never) : never): Promise<unknown> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, (reply) => {
        pending.delete(id);
        gmail.lastRequests = reply.requests;
        if (reply.ok) resolve(reply.value);
        else reject(new Error(`The add-on threw (Gmail would show an error page): ${reply.error}`));
      });
      worker.postMessage({ ...command, id });
    });
  };

  const common = (context: UserContext = {}, extra: Record<string, unknown> = {}) => ({
    userLocale: context.locale ?? 'en-GB',
    timeZone: { id: context.timeZone?.id ?? 'Europe/Paris', offset: String(context.timeZone?.offset ?? 3_600_000) },
    platform: 'WEB',
    hostApp: 'GMAIL',
    parameters: {},
    formInputs: {},
    ...extra,
  });
  /** The `gmail` part of an event for an open message: its ids and the message access token. */
  const messageContext = async (user: string, gmailMessageId: string) => {
    const accessToken = (await send({ kind: 'access-token', user, gmailMessageId })) as string;
    return { messageId: gmailMessageId, threadId: threadOf.get(`${user}/${gmailMessageId}`) ?? '', accessToken };
  };
  const threadOf = new Map<string, string>();
  const cardsOf = (value: unknown) => (value as Array<{ card: CardData }>).map((v) => v.card);

  const gmail: GmailStandIn = {
    build: built,
    code,
    lastRequests: [],
    async deliver(user, message) {
      threadOf.set(`${user}/${message.gmailMessageId}`, message.gmailThreadId);
      await send({ kind: 'message', user, message });
    },
    async open(user, gmailMessageId, context) {
      const event = { commonEventObject: common(context), gmail: await messageContext(user, gmailMessageId) };
      return cardsOf(await send({ kind: 'call', user, functionName: 'onGmailMessageOpen', event }));
    },
    async compose(user, context) {
      return cardsOf(await send({ kind: 'call', user, functionName: 'onGmailCompose', event: { commonEventObject: common(context) } }));
    },
    async homepage(user, context) {
      return cardsOf(await send({ kind: 'call', user, functionName: 'onHomepage', event: { commonEventObject: common(context) } }));
    },
    async click(user, button, gmailMessageId, form = {}, context) {
      if (!button.action) throw new Error(`The button "${button.text}" has no action`);
      const formInputs = Object.fromEntries(
        Object.entries(form).map(([name, value]) => [
          name,
          typeof value === 'object' && !Array.isArray(value)
            ? { dateInput: { msSinceEpoch: String(Date.parse(`${value.date}T00:00:00Z`)) } }
            : { stringInputs: { value: Array.isArray(value) ? value : [value] } },
        ]),
      );
      const event = {
        commonEventObject: common(context, { parameters: button.action.parameters, formInputs }),
        gmail: await messageContext(user, gmailMessageId),
      };
      const value = (await send({ kind: 'call', user, functionName: button.action.functionName, event })) as { response: ResponseData };
      return value.response;
    },
    async close() {
      await worker.terminate();
    },
  };
  return gmail;
}

// ---- Reading cards the way a user does -------------------------------------------

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every text a card shows, in order (labels, texts, buttons), unescaped. */
export function textsOf(card: CardData): string[] {
  const plain = [card.title, ...(card.subtitle ? [card.subtitle] : [])];
  const ofWidget = (w: WidgetData): string[] => {
    switch (w.kind) {
      case 'paragraph':
        return [w.text];
      case 'decorated':
        return [w.topLabel, w.text, w.bottomLabel, w.button?.text].filter((t): t is string => typeof t === 'string');
      case 'buttons':
        return w.buttons.map((b) => b.text);
      case 'text-input':
      case 'date':
        return [];
      case 'selection':
        return w.items.map((i) => i.text);
    }
  };
  // Headers and input titles are plain text; text widgets are HTML, unescaped here as Gmail shows them.
  const titleOf = (w: WidgetData) => (w.kind === 'text-input' || w.kind === 'date' || w.kind === 'selection' ? [w.title] : []);
  const result = [...plain];
  for (const section of card.sections) {
    if (section.header) result.push(section.header);
    for (const widget of section.widgets) result.push(...titleOf(widget), ...ofWidget(widget).map(unescape));
  }
  return result;
}

/** The card's buttons, in order. */
export function buttonsOf(card: CardData): ButtonData[] {
  return card.sections.flatMap((s) => s.widgets.flatMap((w) => (w.kind === 'buttons' ? w.buttons : w.kind === 'decorated' && w.button ? [w.button] : [])));
}

export function button(card: CardData, text: string): ButtonData {
  const found = buttonsOf(card).find((b) => b.text === text);
  if (!found)
    throw new Error(
      `No button "${text}" on the card "${card.title}": ${buttonsOf(card)
        .map((b) => b.text)
        .join(', ')}`,
    );
  return found;
}

/** What a button asks the add-on to do (its decoded action parameter). */
export function actionOf(b: ButtonData): unknown {
  return b.action ? JSON.parse(b.action.parameters.action ?? 'null') : null;
}

/** A labelled line (DecoratedText) of the card: its text, or undefined. */
export function line(card: CardData, label: string): string | undefined {
  for (const section of card.sections)
    for (const w of section.widgets) if (w.kind === 'decorated' && w.topLabel !== null && unescape(w.topLabel) === label) return unescape(w.text);
  return undefined;
}

/** A section's lines, by its header. */
export function section(card: CardData, header: string) {
  return card.sections.find((s) => s.header === header);
}

/** The card a response shows last (after its navigation). */
export function shownCard(response: ResponseData): CardData | undefined {
  const shown = response.navigation.filter((step) => step.op === 'push' || step.op === 'update');
  const last = shown[shown.length - 1];
  return last && 'card' in last ? last.card : undefined;
}
