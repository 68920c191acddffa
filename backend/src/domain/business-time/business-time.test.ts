import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, endOfBusinessDay, isWorkingTime, nextBusinessMorning, workingCalendar } from './business-time.ts';

const paris = workingCalendar('Europe/Paris', { 'mon-fri': '09:00-12:00,13:30-18:00' }, ['2026-12-25']);
const at = (iso: string) => new Date(iso);

describe('business time in a calendar', () => {
  it('adds working minutes across lunch, the night and the weekend', () => {
    // Friday 17:30 in Paris (16:30Z) + 60 min -> 30 min Friday, 30 min Monday from 09:00.
    expect(addBusinessMinutes(paris, at('2026-11-20T16:30:00Z'), 60).toISOString()).toBe('2026-11-23T08:30:00.000Z');
    // 11:30 + 60 min: 30 before lunch, 30 after 13:30.
    expect(addBusinessMinutes(paris, at('2026-11-23T10:30:00Z'), 60).toISOString()).toBe('2026-11-23T13:00:00.000Z');
  });

  it('skips holidays', () => {
    // Thursday 24 Dec 17:00 + 120 min: 60 that day; Christmas is off and the weekend too, so 60 on Monday 28.
    expect(addBusinessMinutes(paris, at('2026-12-24T16:00:00Z'), 120).toISOString()).toBe('2026-12-28T09:00:00.000Z');
  });

  it('is right across a DST change on both sides of the date line', () => {
    const auckland = workingCalendar('Pacific/Auckland', { 'mon-fri': '09:00-17:00' });
    // NZ moves to daylight time on Sunday 27 Sep 2026: Friday 16:00 NZST (04:00Z) + 120 min -> Monday 10:00 NZDT (21:00Z Sunday).
    expect(addBusinessMinutes(auckland, at('2026-09-25T04:00:00Z'), 120).toISOString()).toBe('2026-09-27T21:00:00.000Z');
    const newYork = workingCalendar('America/New_York', { 'mon-fri': '09:00-17:00' });
    // US leaves daylight time on Sunday 1 Nov 2026: Friday 16:30 EDT (20:30Z) + 60 -> Monday 09:30 EST (14:30Z).
    expect(addBusinessMinutes(newYork, at('2026-10-30T20:30:00Z'), 60).toISOString()).toBe('2026-11-02T14:30:00.000Z');
  });

  it('a member without hours is available at any time', () => {
    const always = workingCalendar('UTC', undefined);
    expect(addBusinessMinutes(always, at('2026-11-21T23:30:00Z'), 60).toISOString()).toBe('2026-11-22T00:30:00.000Z');
  });

  it('knows the end of the business day and the next business morning', () => {
    expect(endOfBusinessDay(paris, at('2026-11-23T10:00:00Z')).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    // After hours on Friday: Monday's end.
    expect(endOfBusinessDay(paris, at('2026-11-20T18:00:00Z')).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(nextBusinessMorning(paris, at('2026-11-20T10:00:00Z')).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(nextBusinessMorning(paris, at('2026-11-23T05:00:00Z')).toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });
});

const ZONES = ['Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Pacific/Auckland', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'UTC'];
const HOURS: Array<Record<string, string>> = [
  { 'mon-fri': '09:00-17:30' },
  { 'mon-fri': '08:30-12:00,13:30-18:00' },
  { 'mon-thu': '07:00-15:00', fri: '07:00-12:00' },
  { 'mon-sun': '00:00-24:00' },
  { 'sat-sun': '10:00-12:00' },
];

const calendarArb = fc.record({ zone: fc.constantFrom(...ZONES), hours: fc.constantFrom(...HOURS) }).map(({ zone, hours }) => workingCalendar(zone, hours));
// Instants over 2026 and 2027, DST changes included.
const instantArb = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
const minutesArb = fc.integer({ min: 0, max: 5 * 24 * 60 });

describe('business time properties', () => {
  it('adding N working minutes then measuring gives back N', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, (calendar, from, minutes) => {
        expect(businessMinutesBetween(calendar, from, addBusinessMinutes(calendar, from, minutes))).toBe(minutes);
      }),
      { numRuns: 300 },
    );
  });

  it('a result with minutes to add always falls in working time (or at the end of a working range)', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 1, max: 5 * 24 * 60 }), (calendar, from, minutes) => {
        const due = addBusinessMinutes(calendar, from, minutes);
        expect(isWorkingTime(calendar, new Date(due.getTime() - 60_000))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, minutesArb, (calendar, from, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(addBusinessMinutes(calendar, from, small).getTime()).toBeLessThanOrEqual(addBusinessMinutes(calendar, from, large).getTime());
      }),
      { numRuns: 300 },
    );
  });
});

describe('SLA clocks in business time', () => {
  it('counts the target in the owner’s hours and zone, and end_of_day at the end of their day', async () => {
    const { slaDueAt, calendarFor } = await import('../sla/sla-clock.ts');
    const { PolicyDocument } = await import('#shared/policy');
    const policy = PolicyDocument.parse({
      timezone: 'Europe/Paris',
      holidays: ['2026-12-25'],
      members: [
        { email: 'ava@acme.test', name: 'Ava', timezone: 'America/New_York', hours: { 'mon-fri': '09:00-17:30' } },
        { email: 'maya@acme.test', name: 'Maya' },
      ],
    });
    const ava = calendarFor(policy, 'ava@acme.test');
    // A reply at 17:00 New York time on Friday (22:00Z), 60 min target: 30 min Friday, 30 min Monday.
    expect(slaDueAt('60m', new Date('2026-11-20T22:00:00Z'), ava)?.toISOString()).toBe('2026-11-23T14:30:00.000Z');
    expect(slaDueAt('end_of_day', new Date('2026-11-20T15:00:00Z'), ava)?.toISOString()).toBe('2026-11-20T22:30:00.000Z');
    expect(slaDueAt('0m', new Date('2026-11-21T03:00:00Z'), ava)?.toISOString()).toBe('2026-11-21T03:00:00.000Z');
    expect(slaDueAt(undefined, new Date(), ava)).toBeNull();
    // Maya has no hours: any time counts.
    expect(slaDueAt('2h', new Date('2026-11-21T03:00:00Z'), calendarFor(policy, 'maya@acme.test'))?.toISOString()).toBe('2026-11-21T05:00:00.000Z');
  });
});
