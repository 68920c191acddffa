// The request body of each action form, from the values Gmail sends back in
// `commonEventObject.formInputs`. Pure.
import type { ThreadAction } from '#shared/api';

/** A form's submitted values, read from the event. */
export interface FormValues {
  text(name: string): string;
  list(name: string): string[];
  /** A date picker's value in ms since the epoch (midnight UTC of the day picked), or null. */
  date(name: string): number | null;
}

export function formValues(inputs: GoogleAppsScript.Addons.CommonEventObject['formInputs'] | undefined): FormValues {
  const input = (name: string) => inputs?.[name];
  return {
    text: (name) => (input(name)?.stringInputs?.value[0] ?? '').trim(),
    list: (name) => (input(name)?.stringInputs?.value ?? []).filter((v) => v !== ''),
    date: (name) => {
      const raw = input(name)?.dateInput?.msSinceEpoch;
      const ms = raw === undefined ? NaN : Number(raw);
      return Number.isFinite(ms) ? ms : null;
    },
  };
}

/** The hour of the day a picked date stands for, in the user's time zone. */
export const DAY_STARTS_AT_HOUR = 9;

/**
 * A picked day as an instant: 09:00 on that day for the user (their time
 * zone's offset from the event, in ms). The picker gives midnight UTC of the day.
 */
export function dayToInstant(msSinceEpoch: number, userOffsetMs: number): string {
  const day = new Date(msSinceEpoch);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), DAY_STARTS_AT_HOUR) - userOffsetMs).toISOString();
}

const optional = (value: string) => (value === '' ? undefined : value);

/** The body `POST /v1/threads/:id/<action>` takes, from the form's values. */
export function formBody(action: ThreadAction, values: FormValues, userOffsetMs: number): unknown {
  const instant = (name: string) => {
    const ms = values.date(name);
    return ms === null ? undefined : dayToInstant(ms, userOffsetMs);
  };
  switch (action) {
    case 'release':
    case 'needs-help':
      return { reason: values.text('reason') };
    case 'reassign':
      return { to: values.text('to'), reason: values.text('reason') };
    case 'handoff':
      return {
        to: values.text('to'),
        reason: values.text('reason'),
        note: {
          context: values.text('context'),
          whatHappened: values.text('whatHappened'),
          tags: values.list('noteTags'),
          keyFacts: {
            persona: optional(values.text('persona')),
            pain: optional(values.text('pain')),
            tools: optional(values.text('tools')),
            timing: optional(values.text('timing')),
          },
          nextStep: values.text('nextStep'),
          promisedAt: instant('promisedAt'),
        },
      };
    case 'tags':
      return { add: values.list('tag') };
    case 'follow-up':
      return { at: instant('at') ?? null };
    case 'resolve':
      return { outcome: values.text('outcome'), reason: optional(values.text('reason')) };
    case 'category':
      return { category: values.text('category'), reason: optional(values.text('reason')) };
    case 'claim':
      return {};
  }
}
