// Reassigning one or many threads to a member, with a reason that goes into
// each thread's history. Threads go one request at a time, with progress;
// the ones that fail are named, the others are done.
import type { ThreadView } from '#shared/api';
import { actionRequest, describeFailure } from '#shared/sidebar/backend-requests';
import { useId, useState } from 'preact/hooks';
import type { PageProps } from '../page-props.ts';

interface Props extends PageProps {
  threadIds: string[];
  /** Called with the ids that were reassigned. */
  onDone(reassigned: string[]): void;
  /** Who the thread(s) already belong to, left out of the choice when it is one owner. */
  currentOwner?: string | null;
}

export function ReassignForm({ api, me, s, ss, locale, notify, threadIds, onDone, currentOwner }: Props) {
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const targets = me.members.filter((m) => m.email !== currentOwner);
  const id = useId();

  const submit = async () => {
    if (!to) return setProblem(s.queue.pickMember);
    if (!reason.trim()) return setProblem(s.queue.needReason);
    setProblem(null);
    const done: string[] = [];
    const failures: string[] = [];
    setProgress({ done: 0, total: threadIds.length });
    for (const id of threadIds) {
      const result = await api.send<ThreadView>(actionRequest(id, 'reassign', { to, reason: reason.trim() }));
      if (result.ok) done.push(id);
      else failures.push(describeFailure(result.failure, locale).text);
      setProgress({ done: done.length + failures.length, total: threadIds.length });
    }
    setProgress(null);
    const name = me.members.find((m) => m.email === to)?.name ?? to;
    if (failures.length > 0) notify({ tone: 'error', text: s.queue.someFailed({ n: failures.length, first: failures[0]! }) });
    else notify({ tone: 'info', text: s.queue.reassigned({ n: done.length, name }) });
    if (done.length > 0) {
      setReason('');
      onDone(done);
    }
  };

  return (
    <form
      class="card reassign"
      data-testid="reassign-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{s.queue.reassignTitle({ n: threadIds.length })}</h2>
      <div class="row">
        <div class="field">
          <label for={`${id}-to`}>{s.queue.reassignTo}</label>
          <select id={`${id}-to`} value={to} onChange={(e) => setTo((e.currentTarget as HTMLSelectElement).value)} disabled={progress !== null}>
            <option value="">{ss.form.pickMember}</option>
            {targets.map((m) => (
              <option key={m.email} value={m.email}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field grow">
          <label for={`${id}-reason`}>{s.queue.reason}</label>
          <input
            id={`${id}-reason`}
            type="text"
            value={reason}
            maxLength={500}
            placeholder={s.queue.reasonPlaceholder}
            onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
            disabled={progress !== null}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={progress !== null}>
          {s.queue.reassign}
        </button>
      </div>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      {progress && (
        <div class="progress" role="status">
          <progress max={progress.total} value={progress.done} />
          <span>{s.queue.reassigning(progress)}</span>
        </div>
      )}
    </form>
  );
}
