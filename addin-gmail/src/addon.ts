// What the add-on does for each trigger and button: reads the event, makes
// its backend calls and answers with a card or a card update and a
// notification. Every path ends in a card the user can read, never a throw.
import type { MeView, MemberSummary, ThreadAction, ThreadView } from '#shared/api';
import { actionRequest, describeFailure, ingestRequest, lookupRequest, meRequest, threadRequest, type Failure } from '#shared/sidebar/backend-requests';
import { localeFrom, phrase, stringsFor, type Locale, type Strings } from '#shared/sidebar/strings';
import { threadViewModel } from '#shared/sidebar/thread-view-model';
import { decodeAction } from './action-params.ts';
import { backendClient, type BackendClient, type Result } from './backend-client.ts';
import { cardRenderer, type CardRenderer, type Footer } from './cards.ts';
import { formBody, formValues } from './form-body.ts';
import { readOpenMessage } from './open-message.ts';
import type { ActionResponse, AddonEvent, AppsScriptServices, Card } from './services.ts';
import type { AddonSettings } from './settings.ts';

/** User properties: the demo member the user acts as, and the thread opened last. */
export const DEMO_MEMBER_KEY = 'demoMember';
export const LAST_THREAD_KEY = 'lastGmailThread';
/** How long the team (GET /v1/me) is kept in the user cache. */
export const TEAM_CACHE_SECONDS = 600;
/** A compose window opened this soon after a message is taken to be a reply on its thread. */
export const LAST_THREAD_MS = 30 * 60_000;

/** Everything one trigger or button run needs, from its event. */
interface Run {
  e: AddonEvent;
  locale: Locale;
  s: Strings;
  timeZone: string | undefined;
  offsetMs: number;
  cards: CardRenderer;
  client: BackendClient;
  demoMember: string | null;
}

type Screen = { kind: 'card'; card: Card } | { kind: 'thread'; view: ThreadView; team: MeView };

export function createAddon(services: AppsScriptServices, settings: AddonSettings) {
  const userProperties = () => services.properties.getUserProperties();

  const begin = (e: AddonEvent): Run => {
    const common = e.commonEventObject as Partial<AddonEvent['commonEventObject']> | undefined;
    const locale = localeFrom(common?.userLocale);
    const s = stringsFor(locale);
    const demoMember = settings.signIn === 'demo' ? userProperties().getProperty(DEMO_MEMBER_KEY) : null;
    const credentials = (): Record<string, string> => {
      // The user's Google ID token, never their OAuth access token: the backend verifies it (aud = this project's client id).
      if (settings.signIn === 'google') return { authorization: `Bearer ${services.script.getIdentityToken()}` };
      return demoMember ? { 'x-dev-user': demoMember } : {};
    };
    return {
      e,
      locale,
      s,
      timeZone: common?.timeZone?.id || undefined,
      offsetMs: Number(common?.timeZone?.offset ?? 0) || 0,
      cards: cardRenderer(services.card, s),
      client: backendClient(services, settings, credentials),
      demoMember,
    };
  };

  const footer = (run: Run, team: MeView): Footer => ({ me: team, canSwitch: settings.signIn === 'demo' });

  /** The team, from the user cache or GET /v1/me. */
  const loadTeam = (run: Run): Result<MeView> => {
    const cache = services.cache.getUserCache();
    const key = `team:${run.demoMember ?? 'google'}`;
    const cached = cache.get(key);
    if (cached) {
      try {
        return { ok: true, value: JSON.parse(cached) as MeView };
      } catch {
        cache.remove(key);
      }
    }
    const team = run.client.send<MeView>(meRequest());
    if (team.ok) cache.put(key, JSON.stringify(team.value), TEAM_CACHE_SECONDS);
    return team;
  };

  const failureCard = (run: Run, failure: Failure): Card => {
    const message = describeFailure(failure, run.locale);
    if (message.signIn && settings.signIn === 'google') return run.cards.message(run.s.notAMember, { retry: true });
    return run.cards.message(message.text, { retry: true });
  };

  /** Demo mode without a member yet: the picker (GET /demo/members needs no identity). */
  const picker = (run: Run, notice?: string): Card => {
    const members = run.client.send<MemberSummary[]>({ method: 'GET', path: '/demo/members' });
    return members.ok ? run.cards.memberPicker(members.value, notice) : failureCard(run, members.failure);
  };

  /** Signs in and loads the team, or the card that says why not. */
  const signedIn = (run: Run): { ok: true; team: MeView } | { ok: false; card: Card } => {
    if (settings.signIn === 'demo' && !run.demoMember) return { ok: false, card: picker(run) };
    const team = loadTeam(run);
    if (team.ok) return { ok: true, team: team.value };
    if (settings.signIn === 'demo' && describeFailure(team.failure, run.locale).signIn) {
      userProperties().deleteProperty(DEMO_MEMBER_KEY);
      return { ok: false, card: picker({ ...run, demoMember: null }, describeFailure(team.failure, run.locale).text) };
    }
    return { ok: false, card: failureCard(run, team.failure) };
  };

  /** The thread of the message Gmail has open: by Gmail thread id, else ingested from the message. */
  const openThread = (run: Run): Screen => {
    const gmail = run.e.gmail;
    if (!gmail?.threadId || !gmail.messageId) return { kind: 'card', card: run.cards.message(run.s.noItem) };
    const auth = signedIn(run);
    if (!auth.ok) return { kind: 'card', card: auth.card };
    userProperties().setProperty(LAST_THREAD_KEY, JSON.stringify({ gmailThreadId: gmail.threadId, at: services.now() }));
    const found = run.client.send<ThreadView>(lookupRequest({ gmailThreadId: gmail.threadId }));
    if (found.ok) return { kind: 'thread', view: found.value, team: auth.team };
    if (!(found.failure.kind === 'http' && found.failure.status === 404)) return { kind: 'card', card: failureCard(run, found.failure) };
    let message;
    try {
      message = readOpenMessage(
        services,
        { gmailMessageId: gmail.messageId, gmailThreadId: gmail.threadId, accessToken: gmail.accessToken },
        auth.team.me.email,
      );
    } catch (error) {
      console.error('Reading the open message failed', error);
      message = null;
    }
    if (!message) return { kind: 'card', card: run.cards.message(run.s.unknownThread, { retry: true, footer: footer(run, auth.team) }) };
    const ingested = run.client.send<ThreadView>(ingestRequest(message));
    return ingested.ok ? { kind: 'thread', view: ingested.value, team: auth.team } : { kind: 'card', card: failureCard(run, ingested.failure) };
  };

  const threadCard = (run: Run, view: ThreadView, team: MeView): Card =>
    run.cards.thread(
      threadViewModel(view, { me: team.me, members: team.members, tags: team.tags, locale: run.locale, timeZone: run.timeZone }, new Date(services.now())),
      footer(run, team),
    );

  const render = (run: Run, screen: Screen): Card => (screen.kind === 'card' ? screen.card : threadCard(run, screen.view, screen.team));

  const response = (card: Card | null, notification?: string, navigation: 'update' | 'root' | 'push' = 'update'): ActionResponse => {
    const builder = services.card.newActionResponseBuilder();
    if (card) {
      const nav = services.card.newNavigation();
      if (navigation === 'push') nav.pushCard(card);
      else if (navigation === 'root') nav.popToRoot().updateCard(card);
      else nav.updateCard(card);
      builder.setNavigation(nav);
    }
    if (notification) builder.setNotification(services.card.newNotification().setText(notification));
    return builder.build();
  };

  /** A thread action's answer: the updated card and what happened, or why not (with the latest view when it changed). */
  const afterAction = (run: Run, team: MeView, threadId: string, action: ThreadAction, body: unknown, result: Result<ThreadView>): ActionResponse => {
    if (result.ok) {
      const target = (body as { to?: string } | null)?.to;
      const name = team.members.find((m) => m.email === target)?.name ?? target ?? '';
      return response(threadCard(run, result.value, team), phrase(run.s.done[action], { name }), 'root');
    }
    const message = describeFailure(result.failure, run.locale);
    if (!message.refresh) return response(null, message.text);
    const fresh = run.client.send<ThreadView>(threadRequest(threadId));
    return response(fresh.ok ? threadCard(run, fresh.value, team) : null, message.text, 'root');
  };

  const onAction = (run: Run): ActionResponse => {
    const what = decodeAction(run.e.commonEventObject?.parameters);
    if (!what) return response(null, run.s.error.server);
    switch (what.kind) {
      case 'back':
        return services.card.newActionResponseBuilder().setNavigation(services.card.newNavigation().popCard()).build();
      case 'reload':
        return response(render(run, openThread(run)), undefined, 'root');
      case 'pick-member': {
        userProperties().setProperty(DEMO_MEMBER_KEY, what.email);
        return response(render(run, openThread(begin(run.e))), undefined, 'root');
      }
      case 'switch-member':
        userProperties().deleteProperty(DEMO_MEMBER_KEY);
        return response(picker({ ...run, demoMember: null }), undefined, 'root');
      default: {
        const auth = signedIn(run);
        if (!auth.ok) return response(auth.card, undefined, 'root');
        if (what.kind === 'form') {
          const view = run.client.send<ThreadView>(threadRequest(what.threadId));
          if (!view.ok) return response(null, describeFailure(view.failure, run.locale).text);
          const team = auth.team;
          const model = threadViewModel(
            view.value,
            { me: team.me, members: team.members, tags: team.tags, locale: run.locale, timeZone: run.timeZone },
            new Date(services.now()),
          );
          return response(run.cards.form(what.action, model, team.tags), undefined, 'push');
        }
        const action: ThreadAction = what.kind === 'remove-tag' ? 'tags' : what.action;
        const body =
          what.kind === 'remove-tag'
            ? { remove: [what.tag] }
            : what.kind === 'run'
              ? {}
              : formBody(what.action, formValues(run.e.commonEventObject?.formInputs), run.offsetMs);
        const result = run.client.send<ThreadView>(actionRequest(what.threadId, action, body));
        return afterAction(run, auth.team, what.threadId, action, body, result);
      }
    }
  };

  /** The thread being replied to: Gmail's thread id when the event has one, else the one opened just before. */
  const composeThread = (run: Run): string | null => {
    if (run.e.gmail?.threadId) return run.e.gmail.threadId;
    const raw = userProperties().getProperty(LAST_THREAD_KEY);
    if (!raw) return null;
    try {
      const last = JSON.parse(raw) as { gmailThreadId?: unknown; at?: unknown };
      return typeof last.gmailThreadId === 'string' && typeof last.at === 'number' && services.now() - last.at < LAST_THREAD_MS ? last.gmailThreadId : null;
    } catch {
      return null;
    }
  };

  const onCompose = (run: Run): Card => {
    const auth = signedIn(run);
    if (!auth.ok) return auth.card;
    const gmailThreadId = composeThread(run);
    if (!gmailThreadId) return run.cards.message(run.s.composeNoThread, { footer: footer(run, auth.team) });
    const found = run.client.send<ThreadView>(lookupRequest({ gmailThreadId }));
    if (found.ok) return threadCard(run, found.value, auth.team);
    if (found.failure.kind === 'http' && found.failure.status === 404) return run.cards.message(run.s.composeNoThread, { footer: footer(run, auth.team) });
    return failureCard(run, found.failure);
  };

  /** Runs `body`; an unexpected error becomes `fallback` in words, never an Apps Script error page. */
  const guarded = <T>(e: AddonEvent, body: (run: Run) => T, fallback: (run: Run, text: string) => T): T => {
    const run = begin(e ?? ({} as AddonEvent));
    try {
      return body(run);
    } catch (error) {
      console.error('The add-on failed', error);
      return fallback(run, run.s.error.server);
    }
  };

  return {
    /** Contextual trigger: a message is open. */
    onMessageOpen: (e: AddonEvent): Card[] =>
      guarded(
        e,
        (run) => [render(run, openThread(run))],
        (run, text) => [run.cards.message(text, { retry: true })],
      ),
    /** Compose trigger: who owns the thread being replied to. */
    onCompose: (e: AddonEvent): Card[] =>
      guarded(
        e,
        (run) => [onCompose(run)],
        (run, text) => [run.cards.message(text)],
      ),
    /** Homepage: nothing is open. */
    onHomepage: (e: AddonEvent): Card[] =>
      guarded(
        e,
        (run) => [run.cards.message(run.s.noItem)],
        (run, text) => [run.cards.message(text)],
      ),
    /** Every button. */
    onCardAction: (e: AddonEvent): ActionResponse => guarded(e, onAction, (_run, text) => response(null, text)),
  };
}

export type Addon = ReturnType<typeof createAddon>;
