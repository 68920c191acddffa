// One thread as a manager sees it: who owns it and why, its live clock, its
// messages, the handoff note and the whole ledger; and reassigning it.
import type { LedgerEventView, ThreadMessageView } from '#shared/console/api';
import type { ThreadView } from '#shared/api';
import { threadRequest } from '#shared/sidebar/backend-requests';
import { threadViewModel } from '#shared/sidebar/thread-view-model';
import { Fragment } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ReassignForm } from '../components/reassign-form.tsx';
import { formatDateTime } from '../format.ts';
import type { PageProps } from '../page-props.ts';
import { useNow } from '../use-now.ts';

export function ThreadPage(props: PageProps & { threadId: string }) {
  const { api, me, s, ss, locale, fail, threadId } = props;
  const [view, setView] = useState<ThreadView | null>(null);
  const [missing, setMissing] = useState(false);
  const [messages, setMessages] = useState<ThreadMessageView[]>([]);
  const [ledger, setLedger] = useState<LedgerEventView[]>([]);
  const now = useNow();

  const load = useCallback(async () => {
    const id = encodeURIComponent(threadId);
    const [thread, mail, events] = await Promise.all([
      api.send<ThreadView>(threadRequest(threadId)),
      api.send<ThreadMessageView[]>({ method: 'GET', path: `/v1/threads/${id}/messages` }),
      api.send<LedgerEventView[]>({ method: 'GET', path: `/v1/threads/${id}/ledger` }),
    ]);
    if (!thread.ok) {
      if (thread.failure.kind === 'http' && (thread.failure.status === 404 || thread.failure.status === 400)) return setMissing(true);
      return void fail(thread.failure);
    }
    setView(thread.value);
    if (mail.ok) setMessages(mail.value);
    if (events.ok) setLedger(events.value);
  }, [api, fail, threadId]);

  useEffect(() => {
    void load();
  }, [load]);

  const model = useMemo(() => (view ? threadViewModel(view, { me: me.me, members: me.members, tags: me.tags, locale }, now) : null), [view, me, locale, now]);
  const nameOf = (email: string | null) => (email === null ? '' : email === 'routing' ? ss.system : (me.members.find((m) => m.email === email)?.name ?? email));

  if (missing)
    return (
      <div class="empty">
        <p>{s.thread.notFound}</p>
        <a class="button" href="#/queue">
          {s.thread.back}
        </a>
      </div>
    );
  if (!model || !view) return <p class="muted">{s.loading}</p>;

  return (
    <section class="thread">
      <a href="#/queue" class="back">
        ← {s.thread.back}
      </a>
      <div class="page-title">
        <h1>{model.subject || model.prospect}</h1>
        <span class={`badge badge-${model.badge.kind}`} data-testid="owner-badge">
          {model.badge.text}
        </span>
      </div>
      <div class="columns">
        <div>
          <dl class="facts">
            <dt>{ss.ownerLabel}</dt>
            <dd data-testid="thread-owner">{model.ownerText}</dd>
            <dt>{ss.categoryLabel}</dt>
            <dd>{model.category ? `${model.category.label} (${model.category.detail})` : '–'}</dd>
            <dt>{ss.slaLabel}</dt>
            <dd class={`sla sla-${model.sla.tone}`}>{model.sla.text}</dd>
            <dt>{ss.priorityLabel}</dt>
            <dd>{model.priority}</dd>
            <dt>{ss.tagsLabel}</dt>
            <dd>
              {model.tags.length
                ? model.tags.map((t) => (
                    <span key={t} class="chip">
                      {t}
                    </span>
                  ))
                : ss.noTags}
            </dd>
            <dt>{ss.followUpLabel}</dt>
            <dd>{model.followUp ?? ss.noFollowUp}</dd>
            <dt>{s.queue.sequence}</dt>
            <dd>{view.sequence ?? '–'}</dd>
          </dl>
          {model.suppressed && <p class="notice notice-error">{model.suppressed}</p>}
          {model.explanation && (
            <section class="card">
              <h2>{model.explanation.title}</h2>
              <p data-testid="explanation">{model.explanation.text}</p>
            </section>
          )}
          {model.handoffNote && (
            <section class="card">
              <h2>{ss.handoffNoteLabel}</h2>
              <dl class="facts">
                {model.handoffNote.map((line) => (
                  <Fragment key={line.label}>
                    <dt>{line.label}</dt>
                    <dd>{line.value}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          )}
          {view.state !== 'closed' && (
            <ReassignForm
              {...props}
              threadIds={[view.id]}
              currentOwner={view.owner?.email ?? null}
              onDone={() => {
                void load();
              }}
            />
          )}
        </div>
        <section>
          <h2>{s.thread.messages}</h2>
          {messages.length === 0 && <p class="muted">{s.thread.noMessages}</p>}
          {messages.map((m) => (
            <article key={m.id} class={`message message-${m.direction}`}>
              <header>
                <strong>{m.from.name ?? me.members.find((member) => member.email === m.from.email)?.name ?? m.from.email}</strong>{' '}
                <span class="muted small">{m.direction === 'inbound' ? s.thread.inbound : s.thread.outbound}</span>
                <span class="spacer" />
                <time class="muted small">{formatDateTime(m.receivedAt, locale)}</time>
              </header>
              {m.subject && <div class="muted small">{m.subject}</div>}
              <p class="message-text">{m.purged ? <em>{s.thread.purged}</em> : m.text}</p>
            </article>
          ))}
        </section>
      </div>
      <h2>{s.thread.ledger}</h2>
      <table class="table ledger" data-testid="ledger">
        <thead>
          <tr>
            <th>{s.thread.ledgerColumns.at}</th>
            <th>{s.thread.ledgerColumns.event}</th>
            <th>{s.thread.ledgerColumns.owner}</th>
            <th>{s.thread.ledgerColumns.reason}</th>
            <th>{s.thread.ledgerColumns.version}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.map((e) => {
            const known = ss.history[e.kind as keyof typeof ss.history] ?? ss.history.other;
            const text = known({ by: nameOf(e.actor), from: nameOf(e.fromOwner), to: nameOf(e.toOwner), rule: e.rule ?? '', kind: e.kind });
            return (
              <tr key={e.seq}>
                <td class="nowrap">{formatDateTime(e.at, locale)}</td>
                <td>{text}</td>
                <td>
                  {nameOf(e.fromOwner) || '–'} → {nameOf(e.toOwner) || '–'}
                </td>
                <td>
                  {e.reason && <div>{e.reason}</div>}
                  {e.explanation && <div class="muted small">{e.explanation}</div>}
                </td>
                <td>{e.policyVersion ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
