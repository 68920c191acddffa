// One thread, as the rep sees it: the owner badge, the category and its cues,
// the SLA clock, tags, the handoff note, "Why Maya?", history and the actions.
import type { ThreadAction } from '#shared/api';
import type { Strings } from '#shared/sidebar/strings';
import type { ThreadViewModel } from '#shared/sidebar/thread-view-model';

interface Props {
  model: ThreadViewModel;
  s: Strings;
  busy: boolean;
  onAction: (action: ThreadAction) => void;
  onRemoveTag: (tag: string) => void;
}

export function ThreadPanel({ model, s, busy, onAction, onRemoveTag }: Props) {
  const canTag = model.actions.some((a) => a.action === 'tags');
  return (
    <article class="thread" aria-labelledby="thread-subject">
      <header class="thread-head">
        <span class={`badge badge-${model.badge.kind}`} role="status" data-testid="owner-badge">
          {model.badge.text}
        </span>
        <h1 id="thread-subject" class="subject">
          {model.subject || '—'}
        </h1>
        <p class="prospect">{model.prospect}</p>
      </header>

      {model.suppressed && (
        <p class="notice notice-danger" role="alert">
          {model.suppressed}
        </p>
      )}

      <dl class="facts">
        <dt>{s.ownerLabel}</dt>
        <dd data-testid="owner">{model.ownerText}</dd>
        <dt>{s.slaLabel}</dt>
        <dd>
          <span class={`sla sla-${model.sla.tone}`} data-testid="sla" aria-live="polite">
            {model.sla.text}
          </span>
        </dd>
        {model.category && (
          <>
            <dt>{s.categoryLabel}</dt>
            <dd data-testid="category">
              {model.category.label} <span class="muted">· {model.category.detail}</span>
            </dd>
          </>
        )}
        <dt>{s.priorityLabel}</dt>
        <dd>{model.priority}</dd>
        <dt>{s.followUpLabel}</dt>
        <dd data-testid="follow-up">{model.followUp ?? <span class="muted">{s.noFollowUp}</span>}</dd>
      </dl>

      {model.category && model.category.cues.length > 0 && (
        <details class="section">
          <summary>{s.cuesLabel}</summary>
          <ul class="cues">
            {model.category.cues.map((cue) => (
              <li key={cue}>{cue}</li>
            ))}
          </ul>
        </details>
      )}

      <section class="section" aria-label={s.tagsLabel}>
        <h2>{s.tagsLabel}</h2>
        {model.tags.length === 0 ? (
          <p class="muted">{s.noTags}</p>
        ) : (
          <ul class="chips" data-testid="tags">
            {model.tags.map((tag) => (
              <li key={tag} class="chip">
                {tag}
                {canTag && (
                  <button type="button" class="chip-remove" aria-label={s.removeTag({ tag })} disabled={busy} onClick={() => onRemoveTag(tag)}>
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <nav class="actions" aria-label="Actions">
        {model.actions.map((a) => (
          <button
            key={a.action}
            type="button"
            class={a.action === 'claim' ? 'button button-primary' : 'button'}
            disabled={busy}
            data-action={a.action}
            onClick={() => onAction(a.action)}
          >
            {a.label}
          </button>
        ))}
      </nav>

      {model.handoffNote && (
        <section class="section note" aria-label={s.handoffNoteLabel} data-testid="handoff-note">
          <h2>{s.handoffNoteLabel}</h2>
          <dl class="facts">
            {model.handoffNote.map((line) => (
              <>
                <dt>{line.label}</dt>
                <dd>{line.value}</dd>
              </>
            ))}
          </dl>
        </section>
      )}

      {model.explanation && (
        <details class="section" data-testid="explanation">
          <summary>{model.explanation.title}</summary>
          <p class="explanation">{model.explanation.text}</p>
        </details>
      )}

      {model.history.length > 0 && (
        <details class="section">
          <summary>{s.historyLabel}</summary>
          <ol class="history" data-testid="history">
            {model.history.map((h, i) => (
              <li key={i}>
                <span class="muted">{h.when}</span> {h.text}
                {h.reason && <span class="muted"> — {h.reason}</span>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
