// The form behind each action that needs more than a click: a reason, a
// handoff note, a member, a date, an outcome. Submits the request body.
import type { MemberSummary, ThreadAction } from '#shared/api';
import { OUTCOMES } from '#shared/outcomes';
import { CATEGORIES } from '#shared/categories';
import type { Strings } from '#shared/sidebar/strings';
import type { ThreadViewModel } from '#shared/sidebar/thread-view-model';
import { useState } from 'preact/hooks';

interface Props {
  action: ThreadAction;
  model: ThreadViewModel;
  s: Strings;
  teamTags: readonly string[];
  busy: boolean;
  onSubmit: (body: unknown) => void;
  onCancel: () => void;
}

/** Actions that go straight to the backend without a form. */
export const ONE_CLICK: ReadonlySet<ThreadAction> = new Set(['claim']);

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
/** A datetime-local value is the user's local time; the API takes an instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function ActionForm({ action, model, s, teamTags, busy, onSubmit, onCancel }: Props) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [noteTags, setNoteTags] = useState<string[]>([]);
  const field = (name: string) => fields[name] ?? '';
  const set = (name: string) => (event: Event) => setFields({ ...fields, [name]: (event.currentTarget as HTMLInputElement).value });
  const id = (name: string) => `form-${action}-${name}`;

  const text = (name: string, label: string, options: { required?: boolean; multiline?: boolean } = {}) => (
    <div class="field">
      <label for={id(name)}>{label}</label>
      {options.multiline ? (
        <textarea id={id(name)} rows={2} required={options.required} value={field(name)} onInput={set(name)} />
      ) : (
        <input id={id(name)} type="text" required={options.required} value={field(name)} onInput={set(name)} />
      )}
    </div>
  );
  const memberSelect = (members: readonly MemberSummary[]) => (
    <div class="field">
      <label for={id('to')}>{s.form.to}</label>
      <select id={id('to')} required value={field('to')} onChange={set('to')}>
        <option value="">{s.form.pickMember}</option>
        {members.map((m) => (
          <option key={m.email} value={m.email}>
            {m.name} ({m.email})
          </option>
        ))}
      </select>
    </div>
  );
  const choice = (name: string, label: string, options: Array<{ value: string; label: string }>) => (
    <div class="field">
      <label for={id(name)}>{label}</label>
      <select id={id(name)} required value={field(name)} onChange={set(name)}>
        <option value="" />
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const reason = (required = true) => text('reason', s.form.reason, { required, multiline: true });

  const body = (): unknown => {
    switch (action) {
      case 'release':
      case 'needs-help':
        return { reason: field('reason').trim() };
      case 'reassign':
        return { to: field('to'), reason: field('reason').trim() };
      case 'handoff':
        return {
          to: field('to'),
          reason: field('reason').trim(),
          note: {
            context: field('context').trim(),
            whatHappened: field('whatHappened').trim(),
            tags: noteTags,
            keyFacts: {
              persona: optional(field('persona')),
              pain: optional(field('pain')),
              tools: optional(field('tools')),
              timing: optional(field('timing')),
            },
            nextStep: field('nextStep').trim(),
            promisedAt: instant(field('promisedAt')),
          },
        };
      case 'tags':
        return { add: field('tag') ? [field('tag')] : [] };
      case 'follow-up':
        return { at: instant(field('at')) ?? null };
      case 'resolve':
        return { outcome: field('outcome'), reason: optional(field('reason')) };
      case 'category':
        return { category: field('category'), reason: optional(field('reason')) };
      default:
        return {};
    }
  };

  return (
    <form
      class="action-form"
      aria-label={s.action[action]}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(body());
      }}
    >
      <h2>{s.action[action]}</h2>
      {(action === 'release' || action === 'needs-help') && reason()}
      {action === 'reassign' && (
        <>
          {memberSelect(model.handoffTargets)}
          {reason()}
        </>
      )}
      {action === 'handoff' && (
        <>
          {memberSelect(model.handoffTargets)}
          {reason()}
          {text('context', s.form.context, { required: true, multiline: true })}
          {text('whatHappened', s.form.whatHappened, { required: true })}
          <fieldset class="field">
            <legend>{s.form.noteTags}</legend>
            <div class="chips">
              {teamTags.map((tag) => (
                <label key={tag} class="chip chip-toggle">
                  <input
                    type="checkbox"
                    checked={noteTags.includes(tag)}
                    disabled={!noteTags.includes(tag) && noteTags.length >= 2}
                    onChange={(e) => setNoteTags((e.currentTarget as HTMLInputElement).checked ? [...noteTags, tag] : noteTags.filter((t) => t !== tag))}
                  />
                  {tag}
                </label>
              ))}
            </div>
          </fieldset>
          <p class="muted">{s.form.keyFactsHint}</p>
          {text('persona', s.form.persona)}
          {text('pain', s.form.pain)}
          {text('tools', s.form.tools)}
          {text('timing', s.form.timing)}
          {text('nextStep', s.form.nextStep, { required: true })}
          <div class="field">
            <label for={id('promisedAt')}>{s.form.promisedAt}</label>
            <input id={id('promisedAt')} type="datetime-local" value={field('promisedAt')} onInput={set('promisedAt')} />
          </div>
        </>
      )}
      {action === 'tags' &&
        choice(
          'tag',
          s.addTag,
          model.addableTags.map((tag) => ({ value: tag, label: tag })),
        )}
      {action === 'follow-up' && (
        <div class="field">
          <label for={id('at')}>{s.form.followUpAt}</label>
          <input id={id('at')} type="datetime-local" value={field('at')} onInput={set('at')} />
          <p class="muted">{s.form.clearFollowUp}</p>
        </div>
      )}
      {action === 'resolve' && (
        <>
          {choice(
            'outcome',
            s.form.outcome,
            OUTCOMES.map((o) => ({ value: o, label: s.outcome[o] })),
          )}
          {reason(false)}
        </>
      )}
      {action === 'category' && (
        <>
          {choice(
            'category',
            s.form.category,
            CATEGORIES.map((c) => ({ value: c, label: s.category[c] })),
          )}
          {reason(false)}
        </>
      )}
      <div class="form-buttons">
        <button type="submit" class="button button-primary" disabled={busy}>
          {s.action[action]}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}
