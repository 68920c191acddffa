// What the console's policy editor relies on: the version history, checking
// YAML text with line numbers, and simulating a YAML draft with progress.
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { basePolicy, createTestTeam, type Json } from '../../../../test/support/test-team.ts';
import { checkPolicyText, policyAsYaml } from './policy-yaml.ts';

const yamlOf = (document: unknown) => policyAsYaml(document);

describe('checking policy text', () => {
  it('places a schema problem at the line of the value', () => {
    const text = ['members:', '  - { email: maya@acme.test, name: Maya, role: manager }', 'sla:', '  interested: 1 hour', ''].join('\n');
    const check = checkPolicyText(text);
    expect(check.valid).toBe(false);
    expect(check.issues).toEqual([{ path: 'sla.interested', message: 'must be a duration such as 0m, 45m, 2h or 1h30m', line: 4, column: 15 }]);
  });

  it('places a missing field at its parent, and a YAML syntax error where the parser stopped', () => {
    const missing = checkPolicyText(['members:', '  - email: ava@acme.test', '    role: rep', ''].join('\n'));
    expect(missing.issues).toEqual([expect.objectContaining({ path: 'members.0.name', line: 2 })]);
    const broken = checkPolicyText(['members:', '  - { email: ava@acme.test', 'rules: []', ''].join('\n'));
    expect(broken.valid).toBe(false);
    expect(broken.issues[0]).toMatchObject({ path: '', line: expect.any(Number) });
  });

  it('places a cross-reference problem at the reference', () => {
    const text = ['members:', '  - { email: maya@acme.test, name: Maya, role: manager }', 'rules:', '  - name: To the east', '    to: { pool: east }', ''].join(
      '\n',
    );
    expect(checkPolicyText(text).issues).toEqual([{ path: 'rules.0.to.pool', message: "pool 'east' is not defined in pools", line: 5, column: 17 }]);
  });

  it('accepts a valid document, and a stored one round-trips through YAML', () => {
    const text = yamlOf(basePolicy());
    const check = checkPolicyText(text);
    expect(check.valid).toBe(true);
    expect(check.policy?.rules.map((r) => r.name)).toEqual(basePolicy().rules!.map((r) => r.name));
  });
});

describe.each(testDatabases)('the policy editor’s routes on $name', (database) => {
  const handle = useDatabase(database);

  it('lists the versions newest first and shows each as data and YAML', async () => {
    const team = await createTestTeam(handle);
    const next = basePolicy();
    next.fallback = { member: 'maya@acme.test' };
    await team.as('admin@acme.test').put('/v1/policy', next);
    const maya = team.as('maya@acme.test');
    const versions = await maya.get('/v1/policy/versions');
    expect(versions.status).toBe(200);
    expect(versions.body.map((v: Json) => v.version)).toEqual([2, 1]);
    expect(versions.body[0]).toMatchObject({ createdBy: 'admin@acme.test', createdAt: expect.any(String) });
    const two = await maya.get('/v1/policy/versions/2');
    expect(two.body.policy.fallback).toEqual({ member: 'maya@acme.test' });
    expect(two.body.yaml).toMatch(/^fallback:\n {2}member: maya@acme.test$/m);
    expect((await maya.get('/v1/policy/versions/9')).status).toBe(404);
    expect((await team.as('ava@acme.test').get('/v1/policy/versions')).status).toBe(403);
  });

  it('checks YAML text sent as text or as JSON, with lines', async () => {
    const team = await createTestTeam(handle);
    const maya = team.as('maya@acme.test');
    const bad = `${yamlOf(basePolicy())}sla:\n  question: soon\n`;
    const response = await team.app.request('/v1/policy/validate', {
      method: 'POST',
      headers: { 'x-dev-user': 'maya@acme.test', 'x-dev-org': team.slug, 'content-type': 'application/yaml' },
      body: bad,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    expect(body.valid).toBe(false);
    // The duplicate `sla` key is the first problem: YAML's own, at the second `sla:`.
    expect(body.issues[0].line).toBe(bad.split('\n').lastIndexOf('sla:') + 1);
    const good = await maya.post('/v1/policy/validate', { yaml: yamlOf(basePolicy()) });
    expect(good.body).toEqual({ valid: true, issues: [] });
    expect((await maya.post('/v1/policy/validate', { text: 'x' })).status).toBe(400);
  });

  it('simulates a YAML draft, streaming progress before the result', async () => {
    const team = await createTestTeam(handle);
    for (let i = 0; i < 3; i++) await team.ingest({ from: { email: `p${i}@globex.com` }, category: 'question' });
    const draft = basePolicy();
    draft.fallback = { member: 'cam@acme.test' };
    const response = await team.app.request('/v1/policy/simulate', {
      method: 'POST',
      headers: { 'x-dev-user': 'maya@acme.test', 'x-dev-org': team.slug, 'content-type': 'application/json', accept: 'application/x-ndjson' },
      body: JSON.stringify({ policy: yamlOf(draft), last: 10 }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/ndjson/);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(lines[0]).toEqual({ progress: { done: 0, total: 3 } });
    expect(lines.at(-2)).toEqual({ progress: { done: 3, total: 3 } });
    const { result } = lines.at(-1);
    expect(result.summary).toMatchObject({ total: 3, changed: 3 });
    expect(result.results[0].current.placement).toBe('triage');
    expect(result.results[0].draft.owner).toBe('cam@acme.test');
  });

  it('refuses an invalid YAML draft with the line of each problem', async () => {
    const team = await createTestTeam(handle);
    const response = await team.as('maya@acme.test').post('/v1/policy/simulate', { policy: 'members: []\n', last: 5 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('policy_invalid');
    expect(response.body.error.details.issues[0]).toMatchObject({ path: 'members', line: 1 });
  });
});
