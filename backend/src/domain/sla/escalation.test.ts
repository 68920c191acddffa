import { describe, expect, it } from 'vitest';
import { PolicyDocument } from '#shared/policy';
import { availabilityFromPolicy } from '../availability/availability.ts';
import { workingCalendar } from '../business-time/business-time.ts';
import { categoryActions } from '../classification/category-actions.ts';
import { bareClassification } from '../classification/classify.ts';
import { takeoverFor } from './escalation.ts';

const policy = PolicyDocument.parse({
  timezone: 'Europe/Paris',
  members: [
    { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
    { email: 'ava@acme.test', name: 'Ava', backup: 'ben@acme.test' },
    { email: 'ben@acme.test', name: 'Ben', active: false },
    { email: 'cam@acme.test', name: 'Cam' },
  ],
  coverage: [{ member: 'cam@acme.test', days: ['sat', 'sun'], hours: '10:00-12:00' }],
  fallback: { member: 'maya@acme.test' },
  categories: { out_of_office: { follow_up_days: 2 } },
});

describe('who takes over when a clock runs out', () => {
  const availability = availabilityFromPolicy(policy);
  it('the backup when available, else whoever is on call now, else the fallback', () => {
    expect(takeoverFor(policy, availability, 'ava@acme.test', new Date('2026-11-21T09:30:00Z'))).toBe('cam@acme.test'); // Saturday 10:30 Paris
    expect(takeoverFor(policy, availability, 'ava@acme.test', new Date('2026-11-23T09:30:00Z'))).toBe('maya@acme.test'); // Monday
    expect(takeoverFor(policy, availability, 'maya@acme.test', new Date('2026-11-23T09:30:00Z'))).toBeNull();
  });
});

describe('an absence without a return date', () => {
  it('follows up the configured number of business days later, in the morning', () => {
    const calendar = workingCalendar('Europe/Paris', { 'mon-fri': '09:00-17:00' });
    const actions = categoryActions(policy, bareClassification('out_of_office'), new Date('2026-11-20T10:00:00Z'), 'p@x.example', calendar); // Friday
    expect(actions.followUpAt).toBe('2026-11-24T08:00:00.000Z'); // Tuesday 09:00 Paris
  });
});
