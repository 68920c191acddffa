// The console's shell: sign in the way the backend asks, then the navigation
// and the page the address names (#/queue, #/threads/<id>, #/team, #/policy,
// #/metrics, #/audit). Talks to the browser only through its props and hash.
import type { MeView, MemberSummary } from '#shared/api';
import type { ConsoleSignIn } from '#shared/console/sign-in';
import { consoleStringsFor } from '#shared/console/strings';
import { describeFailure, meRequest, type Failure } from '#shared/sidebar/backend-requests';
import { LOCALES, localeFrom, stringsFor, type Locale } from '#shared/sidebar/strings';
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { demoAuth, demoMemberStore, googleSession, microsoftSession, type Auth, type KeyValueStore } from './auth/auth.ts';
import { backendClient, type BackendClient } from './backend-client.ts';
import type { Notice, PageProps } from './page-props.ts';
import { AuditPage } from './pages/audit-page.tsx';
import { PolicyPage } from './pages/policy-page.tsx';
import { QueuePage } from './pages/queue-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { TeamPage } from './pages/team-page.tsx';
import { ThreadPage } from './pages/thread-page.tsx';

interface Props {
  /** The backend's origin (the console is served by it). */
  baseUrl: string;
  storage: KeyValueStore;
  /** The browser's language, e.g. navigator.language. */
  language: string;
}

export type SignInScreen = {
  kind: 'sign-in';
  config: ConsoleSignIn;
  members: MemberSummary[];
  error: string | null;
  microsoft: (() => Promise<void>) | null;
};

type Session = { kind: 'starting' } | SignInScreen | { kind: 'message'; text: string } | { kind: 'ready'; api: BackendClient; me: MeView; auth: Auth };

const LOCALE_KEY = 'reply-routing.console.locale';
const PAGES = ['queue', 'team', 'policy', 'metrics', 'audit'] as const;
type PageName = (typeof PAGES)[number];

/** The page and its parameter from the address's hash. */
export function routeOf(hash: string): { page: PageName | 'thread'; param: string; query: string } {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = 'queue', param = ''] = path.split('/');
  if (page === 'threads' && param) return { page: 'thread', param: decodeURIComponent(param), query };
  return { page: (PAGES as readonly string[]).includes(page) ? (page as PageName) : 'queue', param: '', query };
}

export function App({ baseUrl, storage, language }: Props) {
  const [locale, setLocale] = useState<Locale>(() => localeFrom(storage.getItem(LOCALE_KEY) ?? language));
  const s = consoleStringsFor(locale);
  const ss = stringsFor(locale);
  const [session, setSession] = useState<Session>({ kind: 'starting' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [hash, setHash] = useState(() => location.hash);
  const demo = useMemo(() => demoMemberStore(storage), [storage]);

  useEffect(() => {
    const onHash = () => {
      setHash(location.hash);
      setNotice(null);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  /** With a way to prove who the user is: who are they, and may they use the console? */
  const enter = useCallback(
    async (auth: Auth, config: ConsoleSignIn) => {
      const api = backendClient(baseUrl, auth);
      const who = await api.send<MeView>(meRequest());
      if (!who.ok) {
        if (config.mode === 'demo') demo.set(null);
        const message = describeFailure(who.failure, locale);
        if (message.signIn || config.mode === 'demo') {
          await auth.signOut().catch(() => undefined);
          return setSession({ kind: 'sign-in', config, members: await demoMembers(baseUrl, config), error: message.text, microsoft: null });
        }
        return setSession({ kind: 'message', text: message.text });
      }
      if (who.value.me.role === 'rep') return setSession({ kind: 'message', text: s.signIn.repOnly });
      setSession({ kind: 'ready', api, me: who.value, auth });
    },
    [baseUrl, demo, locale, s],
  );

  const start = useCallback(async () => {
    setSession({ kind: 'starting' });
    const config = (await fetch(new URL('/app/config.json', baseUrl))
      .then((r) => r.json())
      .catch(() => null)) as ConsoleSignIn | null;
    if (!config) return setSession({ kind: 'message', text: ss.error.network });
    if (config.mode === 'unconfigured') return setSession({ kind: 'message', text: config.hint });
    if (config.mode === 'demo') {
      const email = demo.get();
      if (email)
        return enter(
          demoAuth(email, () => demo.set(null)),
          config,
        );
      return setSession({ kind: 'sign-in', config, members: await demoMembers(baseUrl, config), error: null, microsoft: null });
    }
    // Real use: an existing session (back from Microsoft's redirect, or a fresh Google token), else the sign-in buttons.
    let microsoft: (() => Promise<void>) | null = null;
    let error: string | null = null;
    if (config.microsoft) {
      try {
        const ms = await microsoftSession(config.microsoft);
        if (ms.auth) return enter(ms.auth, config);
        microsoft = ms.signIn;
      } catch (e) {
        error = s.signIn.failed({ message: (e as Error).message });
      }
    }
    if (config.google) {
      const google = googleSession(config.google.clientId, storage);
      if (google.auth) return enter(google.auth, config);
    }
    setSession({ kind: 'sign-in', config, members: [], error, microsoft });
  }, [baseUrl, demo, enter, s, ss, storage]);

  useEffect(() => {
    void start();
  }, [start]);

  const fail = useCallback(
    (failure: Failure) => {
      const message = describeFailure(failure, locale);
      setNotice({ tone: 'error', text: message.text });
      return message.text;
    },
    [locale],
  );
  const navigate = useCallback((to: string) => {
    location.hash = to;
  }, []);

  const chooseLocale = (next: Locale) => {
    storage.setItem(LOCALE_KEY, next);
    setLocale(next);
  };

  const route = routeOf(hash);
  return (
    <div class="console" lang={locale}>
      <header class="topbar">
        <span class="brand">{s.appName}</span>
        {session.kind === 'ready' && (
          <nav aria-label={s.appName}>
            {PAGES.map((page) => (
              <a key={page} href={`#/${page}`} class={route.page === page || (page === 'queue' && route.page === 'thread') ? 'active' : ''}>
                {s.nav[page]}
              </a>
            ))}
          </nav>
        )}
        <span class="spacer" />
        <label class="language">
          <span class="visually-hidden">{s.language}</span>
          <select value={locale} onChange={(e) => chooseLocale((e.currentTarget as HTMLSelectElement).value as Locale)} aria-label={s.language}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {l === 'en' ? 'English' : 'Français'}
              </option>
            ))}
          </select>
        </label>
        {session.kind === 'ready' && (
          <span class="whoami">
            {session.me.me.name} · {session.me.org.name}
            <button
              type="button"
              class="link"
              onClick={() => {
                void session.auth.signOut().then(() => start());
              }}
            >
              {s.signIn.signOut}
            </button>
          </span>
        )}
      </header>
      <main class="page" aria-busy={session.kind === 'starting'}>
        {notice && (
          <p class={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
            {notice.text}
          </p>
        )}
        {session.kind === 'starting' && <p class="muted">{s.loading}</p>}
        {session.kind === 'message' && (
          <div class="empty">
            <p>{session.text}</p>
            <button type="button" class="button" onClick={() => void start()}>
              {ss.retry}
            </button>
          </div>
        )}
        {session.kind === 'sign-in' && (
          <SignInPage
            screen={session}
            s={s}
            ss={ss}
            locale={locale}
            storage={storage}
            onDemoMember={(email) => {
              demo.set(email);
              void enter(
                demoAuth(email, () => demo.set(null)),
                session.config,
              );
            }}
            onSignedIn={(auth) => void enter(auth, session.config)}
          />
        )}
        {session.kind === 'ready' && (
          <Page
            key={`${route.page}/${route.param}`}
            route={route}
            props={{ api: session.api, me: session.me, s, ss, locale, notify: setNotice, fail, navigate }}
          />
        )}
      </main>
    </div>
  );
}

async function demoMembers(baseUrl: string, config: ConsoleSignIn): Promise<MemberSummary[]> {
  if (config.mode !== 'demo') return [];
  return (await fetch(new URL('/demo/members', baseUrl))
    .then((r) => r.json())
    .catch(() => [])) as MemberSummary[];
}

function Page({ route, props }: { route: ReturnType<typeof routeOf>; props: PageProps }) {
  switch (route.page) {
    case 'thread':
      return <ThreadPage {...props} threadId={route.param} />;
    case 'team':
      return <TeamPage {...props} />;
    case 'policy':
      return <PolicyPage {...props} />;
    case 'metrics':
      return <LazyMetrics {...props} />;
    case 'audit':
      return <AuditPage {...props} />;
    default:
      return <QueuePage {...props} query={route.query} />;
  }
}

/** The metrics page and its charts (uPlot) load on first visit: the rest of the console starts without them. */
function LazyMetrics(props: PageProps) {
  const [Loaded, setLoaded] = useState<ComponentType<PageProps> | null>(null);
  const { notify, ss } = props;
  useEffect(() => {
    void import('./pages/metrics-page.tsx').then(
      (module) => setLoaded(() => module.MetricsPage),
      () => notify({ tone: 'error', text: ss.error.network }),
    );
  }, [notify, ss]);
  return Loaded ? <Loaded {...props} /> : <p class="muted">{props.s.loading}</p>;
}
