import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { basePolicy, createTestTeam, uniqueMessageId, type TestTeam } from '../../../../test/support/test-team.ts';
import { applyFieldMapping } from '../../use-cases/field-mapping.ts';

function signed(team: TestTeam, key: { id: string; key: string }, body: unknown) {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(team.clock.now().getTime() / 1000);
  const secret = key.key.split('_').slice(2).join('_');
  return team.app.request('/v1/webhooks/messages', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-reply-routing-key': key.id,
      'x-reply-routing-timestamp': String(timestamp),
      'x-reply-routing-signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`,
    },
    body: raw,
  });
}

/** A sending tool's reply payload, in its own names. */
const vendorReply = () => ({
  messageId: uniqueMessageId(),
  direction: 'inbound',
  prospect: { email: 'chris@northwind.com', full_name: 'Chris Doe' },
  receivedAt: '2026-11-23T09:00:00Z',
  text: 'Interested - can we talk this week?',
  lead_owner: 'cam@acme.test',
  sequence_id: 'founders-q3',
  lead_source: 'Webinar',
  campaign_step: 3,
});

const mapping = {
  'prospect.email': 'from.email',
  'prospect.full_name': 'from.name',
  lead_owner: 'lead.owner',
  sequence_id: 'sequence',
  lead_source: 'source',
};

describe('field mapping (pure)', () => {
  it('renames mapped fields into ours, nests dotted targets, and drops the rest', () => {
    const { body, leadOwner } = applyFieldMapping(vendorReply(), mapping as never);
    expect(body).toMatchObject({ from: { email: 'chris@northwind.com', name: 'Chris Doe' }, sequence: 'founders-q3', source: 'Webinar' });
    expect(body).not.toHaveProperty('campaign_step');
    expect(leadOwner).toBe('cam@acme.test');
  });

  it('without a mapping the payload is left as it is, for the validator to judge', () => {
    const payload = vendorReply();
    expect(applyFieldMapping(payload, null).body).toBe(payload);
  });
});

describe.each(testDatabases)('sending-tool field mapping on $name', (database) => {
  const handle = useDatabase(database);

  it('a connection with a mapping ingests the tool’s own payload; its lead owner routes the reply', async () => {
    const policy = basePolicy();
    policy.rules = [{ name: 'Lead owner next', when: { lead: 'owned' }, to: 'lead_owner' }, ...(policy.rules ?? [])];
    const team = await createTestTeam(handle, policy);
    const admin = team.as('admin@acme.test');
    const key = (await admin.post('/v1/api-keys', { name: 'Sequencer' })).body;
    // Without the mapping the payload is refused, and says why.
    const refused = await signed(team, key, vendorReply());
    expect(refused.status).toBe(400);

    const saved = await admin.put(`/v1/api-keys/${key.id}/field-mapping`, { fields: mapping });
    expect(saved.status).toBe(200);
    expect((await admin.get(`/v1/api-keys/${key.id}/field-mapping`)).body).toEqual({ fields: mapping });
    const reply = vendorReply();
    const accepted = await signed(team, key, reply);
    expect(accepted.status).toBe(201);
    const view = await admin.get(`/v1/threads/lookup?messageId=${encodeURIComponent(reply.messageId)}`);
    expect(view.body).toMatchObject({
      owner: { email: 'cam@acme.test' },
      sequence: 'founders-q3',
      prospect: { email: 'chris@northwind.com', name: 'Chris Doe' },
    });
    expect(view.body.explanation).toContain('Lead owner next');
  });

  it('only our field names are accepted as targets; only an admin sets a mapping; another org’s key is not found', async () => {
    const team = await createTestTeam(handle);
    const key = (await team.as('admin@acme.test').post('/v1/api-keys', { name: 'Sequencer' })).body;
    const wrong = await team.as('admin@acme.test').put(`/v1/api-keys/${key.id}/field-mapping`, { fields: { lead_owner: 'owner' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('must be one of our fields');
    expect((await team.as('maya@acme.test').put(`/v1/api-keys/${key.id}/field-mapping`, { fields: {} })).status).toBe(403);
    const other = await createTestTeam(handle);
    expect((await other.as('admin@acme.test').get(`/v1/api-keys/${key.id}/field-mapping`)).status).toBe(404);
  });
});
