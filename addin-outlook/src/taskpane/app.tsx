// The task pane: sign in, follow the selected item, show its thread and run
// the actions. Talks to Outlook only through `OutlookHost`.
import type { AddinSignIn } from '#shared/addin-config';
import type { MeView, MemberSummary, ThreadAction, ThreadView } from '#shared/api';
import { actionRequest, describeFailure, meRequest, type Failure } from '#shared/sidebar/backend-requests';
import { localeFrom, phrase, stringsFor } from '#shared/sidebar/strings';
import { threadViewModel } from '#shared/sidebar/thread-view-model';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { demoAuth, demoMember, microsoftAuth, type Auth } from '../auth/auth.ts';
import { backendClient, type BackendClient } from '../backend-client.ts';
import type { OutlookHost } from '../host/host.ts';
import { ActionForm, ONE_CLICK } from './action-forms.tsx';
import { MemberPicker } from './member-picker.tsx';
import { ThreadPanel } from './thread-panel.tsx';
import { findOrIngestThread } from './use-thread.ts';

interface Props {
  host: OutlookHost;
  /** The backend's origin (the pane is served by it). */
  baseUrl: string;
}

type Screen =
  | { kind: 'starting' }
  | { kind: 'pick-member'; members: MemberSummary[] }
  | { kind: 'message'; text: string; retry?: boolean }
  | { kind: 'loading' }
  | { kind: 'thread'; view: ThreadView };

/** Each second: the SLA countdown ticks live. */
const TICK_MS = 1_000;

export function App({ host, baseUrl }: Props) {
  const locale = localeFrom(host.displayLanguage);
  const s = stringsFor(locale);
  const [screen, setScreen] = useState<Screen>({ kind: 'starting' });
  const [me, setMe] = useState<MeView | null>(null);
  const [client, setClient] = useState<BackendClient | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [form, setForm] = useState<ThreadAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const loadSeq = useRef(0);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const fail = useCallback(
    (failure: Failure) => {
      const message = describeFailure(failure, locale);
      setNotice({ tone: 'error', text: message.text });
      return message;
    },
    [locale],
  );

  /** Signs in the way the backend asks, then loads who we are. */
  const start = useCallback(async () => {
    setScreen({ kind: 'starting' });
    const config = (await fetch(new URL('/addin/config.json', baseUrl))
      .then((r) => r.json())
      .catch(() => null)) as AddinSignIn | null;
    if (!config) return setScreen({ kind: 'message', text: s.error.network, retry: true });
    let auth: Auth;
    if (config.mode === 'demo') {
      const email = demoMember.get();
      if (!email) {
        const members = (await fetch(new URL('/demo/members', baseUrl))
          .then((r) => r.json())
          .catch(() => [])) as MemberSummary[];
        return setScreen({ kind: 'pick-member', members });
      }
      auth = demoAuth(email);
    } else if (config.mode === 'microsoft') {
      try {
        auth = await microsoftAuth(config, host);
      } catch {
        return setScreen({ kind: 'message', text: s.signInNeeded, retry: true });
      }
    } else {
      return setScreen({ kind: 'message', text: config.hint });
    }
    try {
      await auth.headers();
    } catch {
      return setScreen({ kind: 'message', text: s.signInNeeded, retry: true });
    }
    const api = backendClient(baseUrl, auth);
    // Who we are and the current item's thread load side by side: the item does not wait for /v1/me.
    setClient(api);
    const who = await api.send<MeView>(meRequest());
    if (!who.ok) {
      if (config.mode === 'demo') demoMember.set(null);
      setClient(null);
      const message = describeFailure(who.failure, locale);
      return setScreen({ kind: 'message', text: message.signIn && config.mode !== 'demo' ? s.notAMember : message.text, retry: true });
    }
    setMe(who.value);
  }, [baseUrl, host, locale, s]);

  /** Shows the thread of the item Outlook has selected now. */
  const loadItem = useCallback(async () => {
    if (!client) return;
    const seq = ++loadSeq.current;
    setForm(null);
    setScreen({ kind: 'loading' });
    const item = await host.readItem().catch(() => null);
    if (seq !== loadSeq.current) return;
    if (!item) return setScreen({ kind: 'message', text: s.noItem });
    const found = await findOrIngestThread(client, item, host.userEmail);
    if (seq !== loadSeq.current) return;
    if (found.kind === 'found') setScreen({ kind: 'thread', view: found.view });
    else if (found.kind === 'not-routed') setScreen({ kind: 'message', text: s.unknownThread });
    else setScreen({ kind: 'message', text: describeFailure(found.failure, locale).text, retry: true });
  }, [client, host, locale, s]);

  useEffect(() => {
    void start();
  }, [start]);

  useEffect(() => {
    if (!client) return;
    void loadItem();
    void host.onItemChanged(() => {
      setNotice(null);
      void loadItem();
    });
  }, [client, loadItem, host]);

  const run = async (action: ThreadAction, body: unknown = {}) => {
    if (!client || screen.kind !== 'thread') return;
    setBusy(true);
    setNotice(null);
    const result = await client.send<ThreadView>(actionRequest(screen.view.id, action, body));
    setBusy(false);
    if (result.ok) {
      setForm(null);
      setScreen({ kind: 'thread', view: result.value });
      const target = (body as { to?: string }).to;
      const name = me?.members.find((m) => m.email === target)?.name ?? target ?? '';
      setNotice({ tone: 'info', text: phrase(s.done[action], { name }) });
      return;
    }
    const message = fail(result.failure);
    if (message.refresh) {
      setForm(null);
      const fresh = await client.send<ThreadView>({ method: 'GET', path: `/v1/threads/${screen.view.id}` });
      if (fresh.ok) setScreen({ kind: 'thread', view: fresh.value });
    }
  };

  const model = useMemo(
    () => (screen.kind === 'thread' && me ? threadViewModel(screen.view, { me: me.me, members: me.members, tags: me.tags, locale }, now) : null),
    [screen, me, locale, now],
  );

  return (
    <main class={`pane theme-${host.theme}`} lang={locale} aria-busy={busy || screen.kind === 'loading' || screen.kind === 'starting'}>
      {me && (
        <p class="whoami muted">
          {me.me.name} · {me.org.name}
          {demoMember.get() && (
            <button
              type="button"
              class="link"
              onClick={() => {
                demoMember.set(null);
                setMe(null);
                setClient(null);
                void start();
              }}
            >
              {s.signOut}
            </button>
          )}
        </p>
      )}
      {notice && (
        <p class={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
          {notice.text}
        </p>
      )}
      {(screen.kind === 'starting' || screen.kind === 'loading' || (screen.kind === 'thread' && !me)) && <p class="muted">{s.loading}</p>}
      {screen.kind === 'pick-member' && (
        <MemberPicker
          members={screen.members}
          s={s}
          onPick={(email) => {
            demoMember.set(email);
            void start();
          }}
        />
      )}
      {screen.kind === 'message' && (
        <div class="empty">
          <p>{screen.text}</p>
          {screen.retry && (
            <button type="button" class="button" onClick={() => void (client && me ? loadItem() : start())}>
              {s.retry}
            </button>
          )}
        </div>
      )}
      {model && me && (
        <>
          {form && (
            <ActionForm
              action={form}
              model={model}
              s={s}
              teamTags={me.tags}
              busy={busy}
              onSubmit={(body) => void run(form, body)}
              onCancel={() => setForm(null)}
            />
          )}
          <ThreadPanel
            model={model}
            s={s}
            busy={busy}
            onAction={(action) => (ONE_CLICK.has(action) ? void run(action) : setForm(action))}
            onRemoveTag={(tag) => void run('tags', { remove: [tag] })}
          />
        </>
      )}
    </main>
  );
}
