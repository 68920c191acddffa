// The metrics over time as charts (uPlot): time to first response by category
// and by member (median and p90 per week), first responses in time vs late,
// owner changes and their reasons, the triage queue over the day, meetings
// booked per 100 replies; each with its CSV. Loaded on demand with uPlot.
import type { MetricsSeriesView, SeriesName } from '#shared/console/api';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { bars, Chart, PALETTE } from '../components/chart.tsx';
import type { PageProps } from '../page-props.ts';

const PERIODS = [4, 12, 26, 52] as const;
const WEEK_MS = 7 * 86_400_000;

export function MetricsPage(props: PageProps) {
  const { api, s, fail } = props;
  const [weeks, setWeeks] = useState<number>(12);
  const [view, setView] = useState<MetricsSeriesView | null>(null);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);

  const load = useCallback(async () => {
    const to = new Date();
    const from = new Date(to.getTime() - weeks * WEEK_MS);
    const period = { from: from.toISOString(), to: to.toISOString() };
    const result = await api.send<MetricsSeriesView>({ method: 'GET', path: `/v1/metrics/series?${new URLSearchParams(period)}` });
    if (!result.ok) return void fail(result.failure);
    setRange(period);
    setView(result.value);
  }, [api, fail, weeks]);
  useEffect(() => {
    void load();
  }, [load]);

  const charts = useMemo(() => (view ? chartsOf(view, props) : null), [view, props]);
  if (!view || !charts || !range) return <p class="muted">{s.loading}</p>;
  const nothing = view.meetings.every((w) => w.replies === 0) && view.reassignments.every((w) => w.count === 0);

  const csv = (series: SeriesName, what: string) => (
    <button
      type="button"
      class="link csv"
      aria-label={s.metrics.downloadCsv({ what })}
      onClick={async () => {
        const result = await api.download(`/v1/metrics/series?${new URLSearchParams({ ...range, series, format: 'csv' })}`, `${series}.csv`);
        if (!result.ok) fail(result.failure);
      }}
    >
      {s.metrics.csv}
    </button>
  );

  return (
    <section class="metrics">
      <div class="page-title">
        <h1>{s.metrics.title}</h1>
        <span class="spacer" />
        <label class="inline">
          {s.metrics.period}{' '}
          <select value={weeks} onChange={(e) => setWeeks(Number((e.currentTarget as HTMLSelectElement).value))}>
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                {s.metrics.weeks({ n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {nothing && (
        <p class="empty" data-testid="metrics-empty">
          {s.metrics.empty}
        </p>
      )}
      <div class="grid">
        <figure class="card">
          <figcaption>
            {s.metrics.firstResponseByCategory} {csv('first-response-by-category', s.metrics.firstResponseByCategory)}
          </figcaption>
          <Chart title={s.metrics.firstResponseByCategory} {...charts.byCategory} testId="chart-category" />
        </figure>
        <figure class="card">
          <figcaption>
            {s.metrics.firstResponseByMember} {csv('first-response-by-member', s.metrics.firstResponseByMember)}
          </figcaption>
          <Chart title={s.metrics.firstResponseByMember} {...charts.byMember} testId="chart-member" />
        </figure>
        <figure class="card">
          <figcaption>
            {s.metrics.sla} {csv('sla', s.metrics.sla)}
          </figcaption>
          <Chart title={s.metrics.sla} {...charts.sla} testId="chart-sla" />
        </figure>
        <figure class="card">
          <figcaption>
            {s.metrics.reassignments} {csv('reassignments', s.metrics.reassignments)}
          </figcaption>
          <Chart title={s.metrics.reassignments} {...charts.reassignments} testId="chart-reassignments" />
          <h3>
            {s.metrics.reasons} {csv('reassignment-reasons', s.metrics.reasons)}
          </h3>
          {view.reassignmentReasons.length === 0 ? (
            <p class="muted">{s.metrics.noData}</p>
          ) : (
            <ul class="list" data-testid="reasons">
              {view.reassignmentReasons.slice(0, 8).map((r) => (
                <li key={r.reason}>
                  {r.reason} <strong>{r.count}</strong>
                </li>
              ))}
            </ul>
          )}
        </figure>
        <figure class="card">
          <figcaption>
            {s.metrics.queueDepth({ zone: view.timezone })} {csv('queue-depth', s.metrics.queueDepth({ zone: view.timezone }))}
          </figcaption>
          <Chart title={s.metrics.queueDepth({ zone: view.timezone })} {...charts.queue} testId="chart-queue" />
        </figure>
        <figure class="card">
          <figcaption>
            {s.metrics.meetings} {csv('meetings', s.metrics.meetings)}
          </figcaption>
          <Chart title={s.metrics.meetings} {...charts.meetings} testId="chart-meetings" />
        </figure>
      </div>
    </section>
  );
}

type ChartSpec = { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData };

/** Pure: the uPlot options and data of each chart. */
function chartsOf(
  view: MetricsSeriesView,
  { s, ss, me }: PageProps,
): Record<'byCategory' | 'byMember' | 'sla' | 'reassignments' | 'queue' | 'meetings', ChartSpec> {
  const x = view.weeks.map((w) => Date.parse(w) / 1000);
  const weekAxes: uPlot.Axis[] = [{}, { label: '' }];
  const percentiles = (groups: MetricsSeriesView['firstResponseByCategory'], label: (key: string) => string): ChartSpec => {
    const keys = Object.keys(groups);
    const series: uPlot.Series[] = [{}];
    const data: Array<Array<number | null>> = [];
    keys.forEach((key, i) => {
      const colour = PALETTE[i % PALETTE.length]!;
      series.push({ label: `${label(key)} ${s.metrics.median}`, stroke: colour, width: 2, spanGaps: true, points: { show: true } });
      series.push({ label: `${label(key)} ${s.metrics.p90}`, stroke: colour, width: 1, dash: [6, 4], spanGaps: true, points: { show: true } });
      data.push(
        groups[key]!.map((w) => w.medianMinutes),
        groups[key]!.map((w) => w.p90Minutes),
      );
    });
    return { options: { series, axes: weekAxes, legend: { live: false } }, data: [x, ...data] as uPlot.AlignedData };
  };
  const barSeries = (label: string, colour: string, align: -1 | 0 | 1 = 0): uPlot.Series => ({
    label,
    fill: colour,
    stroke: colour,
    paths: bars!({ size: [align === 0 ? 0.6 : 0.35, 60], align }),
    points: { show: false },
  });
  const memberName = (email: string) => me.members.find((m) => m.email === email)?.name ?? email;
  return {
    byCategory: percentiles(view.firstResponseByCategory, (key) => ss.category[key as keyof typeof ss.category] ?? key),
    byMember: percentiles(view.firstResponseByMember, memberName),
    sla: {
      options: { series: [{}, barSeries(s.metrics.met, '#107c10', -1), barSeries(s.metrics.breached, '#c50f1f', 1)], axes: weekAxes, legend: { live: false } },
      data: [x, view.sla.map((w) => w.met), view.sla.map((w) => w.breached)],
    },
    reassignments: {
      options: { series: [{}, barSeries(s.metrics.reassignments, '#8764b8')], axes: weekAxes, legend: { live: false } },
      data: [x, view.reassignments.map((w) => w.count)],
    },
    queue: {
      options: {
        scales: { x: { time: false } },
        series: [
          { label: s.metrics.hour },
          { label: s.metrics.meanDepth, stroke: '#0f6cbd', width: 2, fill: 'rgba(15,108,189,0.12)' },
          { label: s.metrics.maxDepth, stroke: '#ca5010', width: 1, dash: [6, 4] },
        ],
        axes: [{ values: (_u, ticks) => ticks.map((t) => `${t}h`) }, {}],
        legend: { live: false },
      },
      data: [view.queueDepth.map((h) => h.hour), view.queueDepth.map((h) => h.mean), view.queueDepth.map((h) => h.max)],
    },
    meetings: {
      options: { series: [{}, { label: s.metrics.meetings, stroke: '#038387', width: 2, points: { show: true } }], axes: weekAxes, legend: { live: false } },
      data: [x, view.meetings.map((w) => w.per100Replies)],
    },
  };
}
