// The routing policy: an editor that checks the YAML as you type (problems at
// their line), Simulate (replay the last N replies under the draft, with
// progress, and list the replies that would change owner with the old and the
// new explanation), Publish (a new version), and the version history with a
// line diff between versions.
import type { PlacedIssue, PolicyCheckView, PolicyVersionSummary, PolicyVersionView, SimulationView } from '#shared/console/api';
import { diffHunks, lineDiff, type DiffLine } from '#shared/console/line-diff';
import { describeFailure } from '#shared/sidebar/backend-requests';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LineNumberedEditor, type EditorHandle } from '../components/line-numbered-editor.tsx';
import { formatDateTime } from '../format.ts';
import type { PageProps } from '../page-props.ts';

/** Check the draft this long after the last keystroke. */
const CHECK_DELAY_MS = 300;
const DEFAULT_SAMPLE = 200;
const MAX_SAMPLE = 5000;

type Check = { state: 'idle' | 'checking' } | { state: 'done'; issues: PlacedIssue[] };
type Simulation = { state: 'running'; done: number; total: number } | { state: 'done'; draft: string; result: SimulationView } | null;

export function PolicyPage(props: PageProps) {
  const { api, me, s, locale, fail, notify } = props;
  const [versions, setVersions] = useState<PolicyVersionSummary[]>([]);
  const [base, setBase] = useState<PolicyVersionView | null>(null);
  const [draft, setDraft] = useState('');
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [sample, setSample] = useState(DEFAULT_SAMPLE);
  const [simulation, setSimulation] = useState<Simulation>(null);
  const [showAll, setShowAll] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [stale, setStale] = useState(false);
  const editor = useRef<EditorHandle>(null);

  const loadCurrent = useCallback(async () => {
    const list = await api.send<PolicyVersionSummary[]>({ method: 'GET', path: '/v1/policy/versions' });
    if (!list.ok) return void fail(list.failure);
    setVersions(list.value);
    const current = list.value[0];
    if (!current) return;
    const version = await api.send<PolicyVersionView>({ method: 'GET', path: `/v1/policy/versions/${current.version}` });
    if (!version.ok) return void fail(version.failure);
    setBase(version.value);
    setDraft(version.value.yaml);
    setCheck({ state: 'done', issues: [] });
    setSimulation(null);
    setStale(false);
  }, [api, fail]);
  useEffect(() => {
    void loadCurrent();
  }, [loadCurrent]);

  // Check as the user types, the last draft wins.
  useEffect(() => {
    if (!base || draft === base.yaml) return;
    setCheck({ state: 'checking' });
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await api.send<PolicyCheckView>({ method: 'POST', path: '/v1/policy/validate', text: { contentType: 'application/yaml', body: draft } });
      if (cancelled) return;
      if (!result.ok) return void fail(result.failure);
      setCheck({ state: 'done', issues: result.value.issues });
    }, CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, base, draft, fail]);

  const problems = useMemo(() => {
    const byLine = new Map<number, string[]>();
    if (check.state === 'done') for (const issue of check.issues) byLine.set(issue.line, [...(byLine.get(issue.line) ?? []), issue.message]);
    return byLine;
  }, [check]);

  const simulate = async () => {
    notify(null);
    setSimulation({ state: 'running', done: 0, total: sample });
    const sent = draft;
    let result: SimulationView | null = null;
    let problem: string | null = null;
    const streamed = await api.stream({ method: 'POST', path: '/v1/policy/simulate', body: { policy: sent, last: sample } }, (line) => {
      const message = line as { progress?: { done: number; total: number }; result?: SimulationView; error?: unknown };
      if (message.progress) setSimulation({ state: 'running', ...message.progress });
      if (message.result) result = message.result;
      if (message.error) problem = describeFailure({ kind: 'http', status: 400, body: message }, locale).text;
    });
    if (!streamed.ok) {
      setSimulation(null);
      return void fail(streamed.failure);
    }
    if (problem || !result) {
      setSimulation(null);
      return notify({ tone: 'error', text: problem ?? s.policy.simulationNone({ total: 0 }) });
    }
    setSimulation({ state: 'done', draft: sent, result });
  };

  const publish = async () => {
    if (!base) return;
    setPublishing(true);
    const result = await api.send<{ version: number }>({
      method: 'PUT',
      path: '/v1/policy',
      text: { contentType: 'application/yaml', body: draft },
      headers: { 'if-match': `"${base.version}"` },
    });
    setPublishing(false);
    if (!result.ok) {
      if (result.failure.kind === 'http' && result.failure.status === 409) {
        setStale(true);
        return notify({ tone: 'error', text: s.policy.stale });
      }
      return void fail(result.failure);
    }
    await loadCurrent();
    notify({ tone: 'info', text: s.policy.published({ version: result.value.version }) });
  };

  if (!base) return <p class="muted">{s.loading}</p>;
  const changed = draft !== base.yaml;
  const valid = check.state === 'done' && check.issues.length === 0;
  const simulated = simulation?.state === 'done' && simulation.draft === draft;
  const isAdmin = me.me.role === 'admin';
  const nameOf = (email: string | null, placement: string) =>
    email ? (me.members.find((m) => m.email === email)?.name ?? email) : placement === 'none' ? s.policy.noOwner : s.policy.triage;

  return (
    <section class="policy">
      <div class="page-title">
        <h1>{s.policy.title}</h1>
        <span class="muted">{s.policy.current({ version: base.version, by: base.createdBy, at: formatDateTime(base.createdAt, locale) })}</span>
      </div>
      <div class="columns wide-left">
        <div>
          <label for="policy-text" class="field-label">
            {s.policy.editor}
          </label>
          <LineNumberedEditor id="policy-text" label={s.policy.editor} value={draft} problems={problems} onInput={setDraft} handle={editor} />
          <div class="check" role="status" data-testid="policy-check">
            {!changed ? (
              <p class="muted">{s.policy.unchanged}</p>
            ) : check.state !== 'done' ? (
              <p class="muted">{s.policy.checking}</p>
            ) : check.issues.length === 0 ? (
              <p class="ok">{s.policy.valid}</p>
            ) : (
              <>
                <p class="field-error">{s.policy.invalid({ n: check.issues.length })}</p>
                <ul class="issues">
                  {check.issues.map((issue, i) => (
                    <li key={i}>
                      <button type="button" class="link" onClick={() => editor.current?.goTo(issue.line, issue.column)}>
                        {s.policy.line({ line: issue.line, column: issue.column })}
                      </button>
                      {issue.path && <code>{issue.path}</code>} {issue.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <div class="actions">
            <label class="inline">
              {s.policy.simulateLast}{' '}
              <input
                type="number"
                min={1}
                max={MAX_SAMPLE}
                value={sample}
                onInput={(e) => setSample(Math.min(MAX_SAMPLE, Math.max(1, Number((e.currentTarget as HTMLInputElement).value) || DEFAULT_SAMPLE)))}
              />{' '}
              {s.policy.replies}
            </label>
            <button type="button" class="button" disabled={!valid || simulation?.state === 'running'} onClick={() => void simulate()}>
              {s.policy.simulate}
            </button>
            <button
              type="button"
              class="button button-primary"
              disabled={!changed || !valid || !simulated || !isAdmin || publishing}
              onClick={() => void publish()}
            >
              {publishing ? s.policy.publishing : s.policy.publish}
            </button>
            {changed && valid && !simulated && <span class="muted small">{s.policy.publishFirst}</span>}
            {!isAdmin && <span class="muted small">{s.policy.adminOnly}</span>}
            {stale && (
              <button type="button" class="link" onClick={() => void loadCurrent()}>
                {s.policy.reload}
              </button>
            )}
          </div>
          {simulation?.state === 'running' && (
            <div class="progress" role="status" data-testid="simulation-progress">
              <progress max={simulation.total || 1} value={simulation.done} />
              <span>{s.policy.simulating(simulation)}</span>
            </div>
          )}
          {simulation?.state === 'done' && <SimulationResult {...props} result={simulation.result} showAll={showAll} setShowAll={setShowAll} nameOf={nameOf} />}
        </div>
        <VersionHistory {...props} versions={versions} />
      </div>
    </section>
  );
}

function SimulationResult({
  s,
  result,
  showAll,
  setShowAll,
  nameOf,
}: PageProps & { result: SimulationView; showAll: boolean; setShowAll(v: boolean): void; nameOf(email: string | null, placement: string): string }) {
  const rows = showAll ? result.results : result.results.filter((r) => r.changed);
  const { total, changed } = result.summary;
  return (
    <section class="card" data-testid="simulation">
      <h2>{changed > 0 ? s.policy.simulationTitle({ changed, total }) : s.policy.simulationNone({ total })}</h2>
      {total > 0 && (
        <>
          <h3>{s.policy.byOwner}</h3>
          <ul class="list inline-list">
            {Object.entries(result.summary.byOwner).map(([owner, counts]) => (
              <li key={owner}>
                {owner.startsWith('(') ? nameOf(null, owner.slice(1, -1)) : nameOf(owner, 'member')}: {counts.current} → {counts.draft}
              </li>
            ))}
          </ul>
          <label class="checkbox">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll((e.currentTarget as HTMLInputElement).checked)} />
            {s.policy.showAll}
          </label>
        </>
      )}
      {rows.length > 0 && (
        <table class="table" data-testid="simulation-results">
          <thead>
            <tr>
              <th>{s.policy.columns.reply}</th>
              <th>{s.policy.columns.before}</th>
              <th>{s.policy.columns.after}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.messageId} class={r.changed ? 'changed' : ''}>
                <td>
                  {r.prospect}
                  <div class="muted small">{r.category}</div>
                </td>
                <td>
                  <strong data-testid="old-owner">{nameOf(r.current.owner, r.current.placement)}</strong>
                  <div class="muted small">{r.current.explanation}</div>
                </td>
                <td>
                  <strong data-testid="new-owner">{nameOf(r.draft.owner, r.draft.placement)}</strong>
                  <div class="muted small">{r.draft.explanation}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function VersionHistory({ api, s, locale, fail, versions }: PageProps & { versions: PolicyVersionSummary[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const [diff, setDiff] = useState<Array<DiffLine | null> | null>(null);
  const texts = useRef(new Map<number, string>());

  const yamlOf = async (version: number): Promise<string | null> => {
    const known = texts.current.get(version);
    if (known !== undefined) return known;
    const result = await api.send<PolicyVersionView>({ method: 'GET', path: `/v1/policy/versions/${version}` });
    if (!result.ok) {
      fail(result.failure);
      return null;
    }
    texts.current.set(version, result.value.yaml);
    return result.value.yaml;
  };

  const show = async (version: number) => {
    setOpen(version);
    setDiff(null);
    if (version === 1) return;
    const [before, after] = await Promise.all([yamlOf(version - 1), yamlOf(version)]);
    if (before === null || after === null) return;
    setDiff(diffHunks(lineDiff(before, after)));
  };

  return (
    <aside class="history">
      <h2>{s.policy.history}</h2>
      <ol class="versions" data-testid="versions">
        {versions.map((v) => (
          <li key={v.version} class={open === v.version ? 'open' : ''}>
            <button type="button" class="link" onClick={() => void show(v.version)}>
              v{v.version}
            </button>{' '}
            <span class="muted small">
              {v.createdBy} · {formatDateTime(v.createdAt, locale)}
            </span>
            {open === v.version && (
              <div class="diff" data-testid="diff">
                {v.version === 1 ? (
                  <p class="muted">{s.policy.firstVersion}</p>
                ) : diff === null ? (
                  <p class="muted">{s.loading}</p>
                ) : diff.length === 0 ? (
                  <p class="muted">{s.policy.noChanges}</p>
                ) : (
                  <>
                    <p class="muted small">{s.policy.withPrevious({ version: v.version - 1 })}</p>
                    <pre>
                      {diff.map((line, i) =>
                        line === null ? (
                          <div key={i} class="diff-gap">
                            …
                          </div>
                        ) : (
                          <div key={i} class={`diff-${line.kind}`}>
                            <span class="diff-no">{line.newLine ?? line.oldLine}</span>
                            {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
                            {line.text}
                          </div>
                        ),
                      )}
                    </pre>
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </aside>
  );
}
