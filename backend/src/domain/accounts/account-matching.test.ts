import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchAccount, type Account, type ProspectIdentity } from './account-matching.ts';
import { companyNameKey } from './company-name.ts';
import { companyDomainOf } from './email-domain.ts';

/** A CRM account as the store returns it; the name key is derived as the import does. */
function account(fields: Partial<Account> & { name: string }): Account {
  return {
    id: `acc-${fields.name.toLowerCase().replace(/\W+/g, '-')}`,
    nameKey: companyNameKey(fields.name),
    domains: [],
    crmId: null,
    parentCrmId: null,
    owner: null,
    segment: null,
    region: null,
    country: null,
    vip: false,
    ...fields,
  };
}

function prospect(fields: Partial<ProspectIdentity> = {}): ProspectIdentity {
  return { email: 'chris@northwind.com', company: null, crmAccountId: null, ...fields };
}

describe('companyDomainOf', () => {
  it('a subdomain resolves to the registrable domain of the company', () => {
    expect(companyDomainOf('chris@eu.mail.northwind.co.uk')).toBe('northwind.co.uk');
    expect(companyDomainOf('chris@sales.northwind.com')).toBe('northwind.com');
  });

  it('the case of the address does not matter', () => {
    expect(companyDomainOf('Chris@Mail.NORTHWIND.com')).toBe('northwind.com');
  });

  it.each(['gmail.com', 'googlemail.com', 'outlook.com', 'yahoo.fr', 'hotmail.co.uk'])('an address at %s has no company domain', (domain) => {
    expect(companyDomainOf(`jordan@${domain}`)).toBeNull();
  });

  it.each(['root@localhost', 'not-an-address'])('%j has no company domain', (email) => {
    expect(companyDomainOf(email)).toBeNull();
  });
});

describe('companyNameKey', () => {
  it('case, punctuation and a trailing legal suffix do not count', () => {
    expect(companyNameKey('Northwind, Inc.')).toBe('northwind');
    expect(companyNameKey('NORTHWIND inc')).toBe('northwind');
    expect(companyNameKey('Northwind Corporation')).toBe('northwind');
  });

  it('accents do not count', () => {
    expect(companyNameKey('Société Générale SA')).toBe(companyNameKey('societe generale'));
    expect(companyNameKey('societe generale')).toBe('societe generale');
  });

  it('a dotted legal form is one suffix', () => {
    expect(companyNameKey('Fabrikam S.A.S.')).toBe('fabrikam');
    expect(companyNameKey('Fabrikam SAS')).toBe('fabrikam');
    expect(companyNameKey('Ferrari S.p.A.')).toBe('ferrari');
  });

  it('a leading "the" and the legal suffix go, but a word of the name such as "group" stays', () => {
    expect(companyNameKey('The Contoso Group Ltd')).toBe('contoso group');
    expect(companyNameKey('Contoso')).not.toBe(companyNameKey('The Contoso Group Ltd'));
  });

  it('"&" and "and" are the same word', () => {
    expect(companyNameKey('Procter & Gamble Co.')).toBe(companyNameKey('procter and gamble'));
  });

  it('a German "GmbH & Co. KG" is the same company as its GmbH', () => {
    expect(companyNameKey('Müller GmbH & Co. KG')).toBe(companyNameKey('Müller GmbH'));
  });

  it('a name made only of a legal suffix keeps it rather than becoming empty', () => {
    expect(companyNameKey('Inc.')).toBe('inc');
  });
});

describe('matchAccount', () => {
  it('an address on a subdomain matches the account by its registrable domain', () => {
    const northwind = account({ name: 'Northwind Traders', domains: ['northwind.co.uk'], owner: 'ava@acme.test' });

    const match = matchAccount(prospect({ email: 'chris@eu.mail.northwind.co.uk' }), { accounts: [northwind] });

    expect(match?.account.id).toBe(northwind.id);
    expect(match?.matchedBy).toEqual({ kind: 'domain', domain: 'northwind.co.uk' });
    expect(match?.owner).toBe('ava@acme.test');
    expect(match?.ownerFrom).toBeNull();
  });

  it('a free-mail address never matches an account, even one that lists the provider as a domain', () => {
    const careless = account({ name: 'Careless Import', domains: ['gmail.com'], owner: 'ava@acme.test' });

    expect(matchAccount(prospect({ email: 'jordan@gmail.com' }), { accounts: [careless] })).toBeNull();
  });

  it('a free-mail prospect still matches by the company they gave', () => {
    const northwind = account({ name: 'Northwind, Inc.', domains: ['northwind.com'], owner: 'ava@acme.test' });

    const match = matchAccount(prospect({ email: 'chris.doe@gmail.com', company: 'NORTHWIND inc' }), { accounts: [northwind] });

    expect(match?.account.id).toBe(northwind.id);
    expect(match?.matchedBy).toEqual({ kind: 'company_name', company: 'NORTHWIND inc' });
  });

  it('company names match across accents and legal suffixes', () => {
    const sg = account({ name: 'Société Générale SA', owner: 'cam@acme.test' });

    const match = matchAccount(prospect({ email: 'marie@yahoo.fr', company: 'societe generale' }), { accounts: [sg] });

    expect(match?.account.id).toBe(sg.id);
    expect(match?.owner).toBe('cam@acme.test');
  });

  it('a company name of only punctuation matches nothing', () => {
    const nameless = account({ name: '???' });

    expect(matchAccount(prospect({ email: 'x@gmail.com', company: '!!!' }), { accounts: [nameless] })).toBeNull();
  });

  it('a CRM id on the lead wins over the domain of the address', () => {
    const byDomain = account({ name: 'Northwind', domains: ['northwind.com'], crmId: 'CRM-1', owner: 'ava@acme.test' });
    const linked = account({ name: 'Northwind Labs', domains: ['northwindlabs.com'], crmId: 'CRM-2', owner: 'ben@acme.test' });

    const match = matchAccount(prospect({ crmAccountId: 'CRM-2' }), { accounts: [byDomain, linked] });

    expect(match?.account.id).toBe(linked.id);
    expect(match?.matchedBy).toEqual({ kind: 'crm_id', crmId: 'CRM-2' });
    expect(match?.owner).toBe('ben@acme.test');
  });

  it('a CRM id the store does not know falls back to the domain', () => {
    const byDomain = account({ name: 'Northwind', domains: ['northwind.com'], crmId: 'CRM-1', owner: 'ava@acme.test' });

    const match = matchAccount(prospect({ crmAccountId: 'CRM-404' }), { accounts: [byDomain] });

    expect(match?.matchedBy).toEqual({ kind: 'domain', domain: 'northwind.com' });
  });

  it('the domain of the address wins over the company name the lead gave', () => {
    const byDomain = account({ name: 'Northwind', domains: ['northwind.com'], owner: 'ava@acme.test' });
    const byName = account({ name: 'Contoso', domains: ['contoso.com'], owner: 'ben@acme.test' });

    const match = matchAccount(prospect({ company: 'Contoso' }), { accounts: [byName, byDomain] });

    expect(match?.account.id).toBe(byDomain.id);
    expect(match?.matchedBy.kind).toBe('domain');
  });

  it('no domain, name or CRM id in common means no account', () => {
    const contoso = account({ name: 'Contoso', domains: ['contoso.com'], crmId: 'CRM-9' });

    expect(matchAccount(prospect({ company: 'Fabrikam', crmAccountId: 'CRM-1' }), { accounts: [contoso] })).toBeNull();
  });

  describe('a subsidiary and its parents', () => {
    it('a subsidiary with its own owner keeps it', () => {
      const parent = account({ name: 'Northwind Holdings', crmId: 'P', owner: 'maya@acme.test' });
      const subsidiary = account({ name: 'Northwind UK', domains: ['northwind.co.uk'], parentCrmId: 'P', owner: 'ava@acme.test' });

      const match = matchAccount(prospect({ email: 'chris@northwind.co.uk' }), { accounts: [subsidiary, parent] });

      expect(match?.owner).toBe('ava@acme.test');
      expect(match?.ownerFrom).toBeNull();
    });

    it('a subsidiary with no owner inherits its parent owner, and says which parent', () => {
      const parent = account({ name: 'Northwind Holdings', crmId: 'P', owner: 'maya@acme.test' });
      const subsidiary = account({ name: 'Northwind UK', domains: ['northwind.co.uk'], parentCrmId: 'P' });

      const match = matchAccount(prospect({ email: 'chris@northwind.co.uk' }), { accounts: [subsidiary, parent] });

      expect(match?.account.id).toBe(subsidiary.id);
      expect(match?.owner).toBe('maya@acme.test');
      expect(match?.ownerFrom?.name).toBe('Northwind Holdings');
    });

    it('the nearest parent with an owner wins over the ones above it', () => {
      const top = account({ name: 'Northwind Group', crmId: 'TOP', owner: 'maya@acme.test' });
      const middle = account({ name: 'Northwind Europe', crmId: 'MID', parentCrmId: 'TOP', owner: 'ben@acme.test' });
      const unowned = account({ name: 'Northwind EMEA', crmId: 'EMEA', parentCrmId: 'MID' });
      const leaf = account({ name: 'Northwind UK', domains: ['northwind.co.uk'], parentCrmId: 'EMEA' });

      const match = matchAccount(prospect({ email: 'chris@northwind.co.uk' }), { accounts: [top, leaf, unowned, middle] });

      expect(match?.owner).toBe('ben@acme.test');
      expect(match?.ownerFrom?.name).toBe('Northwind Europe');
    });

    it('a loop of parents ends with no owner instead of hanging', { timeout: 2_000 }, () => {
      const a = account({ name: 'Northwind A', domains: ['northwind.com'], crmId: 'A', parentCrmId: 'B' });
      const b = account({ name: 'Northwind B', crmId: 'B', parentCrmId: 'C' });
      const c = account({ name: 'Northwind C', crmId: 'C', parentCrmId: 'B' });

      const match = matchAccount(prospect(), { accounts: [a, b, c] });

      expect(match?.account.id).toBe(a.id);
      expect(match?.owner).toBeNull();
      expect(match?.ownerFrom).toBeNull();
    });

    it('an account that names itself as its parent has no inherited owner', { timeout: 2_000 }, () => {
      const selfParent = account({ name: 'Northwind', domains: ['northwind.com'], crmId: 'A', parentCrmId: 'A' });

      const match = matchAccount(prospect(), { accounts: [selfParent] });

      expect(match?.owner).toBeNull();
    });
  });

  describe('several accounts on one domain', () => {
    it('the one with an owner is picked, then the parent-most', () => {
      const unowned = account({ name: 'Northwind Archive', domains: ['northwind.com'] });
      const subsidiary = account({ name: 'Northwind Labs', domains: ['northwind.com'], crmId: 'S', parentCrmId: 'P', owner: 'ben@acme.test' });
      const parent = account({ name: 'Northwind Zeta', domains: ['northwind.com'], crmId: 'P', owner: 'ava@acme.test' });

      expect(matchAccount(prospect(), { accounts: [unowned, subsidiary, parent] })?.account.id).toBe(parent.id);
      expect(matchAccount(prospect(), { accounts: [unowned, subsidiary] })?.account.id).toBe(subsidiary.id);
    });

    it('the pick does not depend on the order the store returned the accounts in', () => {
      const OWNERS = [null, 'ava@acme.test', 'ben@acme.test'] as const;
      const NAMES = ['Northwind', 'Northwind Inc', 'Northwind Labs', 'Contoso'] as const;
      const family = fc
        .array(
          fc.record({
            name: fc.constantFrom(...NAMES),
            owner: fc.constantFrom(...OWNERS),
            parent: fc.option(fc.nat({ max: 7 })),
            onDomain: fc.boolean(),
          }),
          { minLength: 2, maxLength: 8 },
        )
        .map((rows) =>
          rows.map((row, i) =>
            account({
              id: `acc-${i}`,
              name: row.name,
              crmId: `CRM-${i}`,
              parentCrmId: row.parent === null ? null : `CRM-${row.parent}`,
              owner: row.owner,
              // At least two accounts share the domain, so there is a choice to make.
              domains: row.onDomain || i < 2 ? ['northwind.com'] : ['elsewhere.com'],
            }),
          ),
        );
      const familyAndShuffle = family.chain((accounts) =>
        fc.tuple(fc.constant(accounts), fc.shuffledSubarray(accounts, { minLength: accounts.length, maxLength: accounts.length })),
      );

      fc.assert(
        fc.property(familyAndShuffle, fc.constantFrom<string | null>(null, 'Northwind', 'Contoso'), ([accounts, shuffled], company) => {
          const asListed = matchAccount(prospect({ company }), { accounts });
          const reordered = matchAccount(prospect({ company }), { accounts: shuffled });

          expect(reordered?.account.id).toBe(asListed?.account.id);
          expect(reordered?.owner).toBe(asListed?.owner);
          expect(reordered?.ownerFrom?.id).toBe(asListed?.ownerFrom?.id);
        }),
      );
    });

    it('several accounts with the same company name are picked the same way whatever their order', () => {
      const names = [
        account({ id: 'acc-1', name: 'Northwind, Inc.' }),
        account({ id: 'acc-2', name: 'NORTHWIND LLC' }),
        account({ id: 'acc-3', name: 'Northwind', owner: 'ava@acme.test' }),
      ];

      fc.assert(
        fc.property(fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }), (shuffled) => {
          const match = matchAccount(prospect({ email: 'jo@gmail.com', company: 'northwind' }), { accounts: shuffled });

          expect(match?.account.id).toBe('acc-3');
        }),
      );
    });
  });
});
