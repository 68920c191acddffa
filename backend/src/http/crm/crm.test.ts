import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam } from '../../../../test/support/test-team.ts';

describe.each(testDatabases)('CRM import on $name', (database) => {
  const handle = useDatabase(database);

  it('upserts accounts from CSV, and a reply from a subsidiary goes to the parent’s owner', async () => {
    const team = await createTestTeam(handle);
    const csv = [
      'name,domains,crmId,parent,owner,region,vip',
      'Northwind Inc,northwind.com;www.northwind.com,ACC-1,,ava@acme.test,US-East,true',
      'Northwind Europe GmbH,northwind.eu,ACC-2,ACC-1,,EMEA,false',
    ].join('\n');
    const imported = await team.as('maya@acme.test').put('/v1/accounts', csv, 'text/csv');
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ inserted: 2, updated: 0, warnings: [] });
    const reply = await team.ingest({ from: { email: 'hans@mail.northwind.eu' }, category: 'interested' });
    expect(reply.body.owner?.email).toBe('ava@acme.test');
    expect(reply.body.explanation).toContain('northwind.eu matches the account Northwind Europe GmbH, a subsidiary of Northwind Inc, owned by Ava');

    const again = await team
      .as('maya@acme.test')
      .put('/v1/accounts', [{ name: 'Northwind Inc', crmId: 'ACC-1', domains: ['northwind.com'], owner: 'ben@acme.test' }]);
    expect(again.body).toMatchObject({ inserted: 0, updated: 1 });
  });

  it('an invalid row is reported by its row number and nothing of the request is written', async () => {
    const team = await createTestTeam(handle);
    const csv = ['name,domains,crmId,owner,vip', 'Globex,globex.com,G-1,ben@acme.test,true', 'Initech,intranet,I-1,ava@acme.test,maybe'].join('\n');
    const response = await team.as('maya@acme.test').put('/v1/accounts', csv, 'text/csv');
    expect(response.status).toBe(400);
    const paths = response.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(['row 3.domains.0', 'row 3.vip']);
    expect(response.body.error.message).toContain('Nothing was written');
    // Globex (row 2) was valid, but was not written either.
    const reply = await team.ingest({ from: { email: 'x@globex.com' }, category: 'question' });
    expect(reply.body.state).toBe('unassigned');
  });

  it('duplicate rows in one request are refused', async () => {
    const team = await createTestTeam(handle);
    const response = await team.as('maya@acme.test').put('/v1/leads', [{ email: 'a@x.example' }, { email: 'A@x.example' }]);
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0]).toEqual({ path: '[1]', message: 'same lead email as [0]' });
  });

  it('upserts leads as JSON; the lead owner routes the reply and an owner off the team is a warning', async () => {
    const team = await createTestTeam(handle);
    const policy = (await team.as('maya@acme.test').get('/v1/policy')).body.policy;
    policy.rules.splice(3, 0, { name: 'Lead owner next', when: { lead: 'owned' }, to: 'lead_owner' });
    await team.as('admin@acme.test').put('/v1/policy', policy);
    const response = await team.as('maya@acme.test').put('/v1/leads', [
      { email: 'Lena@Initech.com', owner: 'ben@acme.test', source: 'apollo', language: 'EN' },
      { email: 'old@initech.com', owner: 'gone@acme.test' },
    ]);
    expect(response.body.inserted).toBe(2);
    expect(response.body.warnings).toEqual([{ path: '[1].owner', message: expect.stringContaining('gone@acme.test is not a member of the team') }]);
    const reply = await team.ingest({ from: { email: 'lena@initech.com' }, category: 'question' });
    expect(reply.body.owner?.email).toBe('ben@acme.test');
    expect(reply.body.explanation).toContain('the lead lena@initech.com is owned by Ben in the CRM');
  });

  it('a rep cannot import, and an empty or non-array body is a 400', async () => {
    const team = await createTestTeam(handle);
    expect((await team.as('ava@acme.test').put('/v1/accounts', [])).status).toBe(403);
    expect((await team.as('maya@acme.test').put('/v1/accounts', [])).body.error.message).toContain('no rows');
    expect((await team.as('maya@acme.test').put('/v1/accounts', { name: 'x' })).body.error.message).toContain('JSON array');
  });
});
