// A policy prepared once for fast, repeated routing: lookups by email, source
// aliases and keywords in their compared forms.
import { sourceKey, type Policy, type PolicyMember, type Rule } from '#shared/policy';

export interface CompiledRule {
  index: number;
  rule: Rule;
  /** Keywords in their compared form (see `comparableText`). */
  keywords: string[] | null;
  /** Canonical sources in their compared form. */
  sources: Set<string> | null;
}

export interface CompiledPolicy {
  policy: Policy;
  version: number;
  members: ReadonlyMap<string, PolicyMember>;
  rules: CompiledRule[];
  /** Compared form of any spelling -> canonical source name. */
  sourceAliases: ReadonlyMap<string, string>;
  /** Whether routing needs open-thread counts (a capacity, or a least-loaded pool). */
  usesLoad: boolean;
  /** Whether routing needs the pool cursors. */
  usesPools: boolean;
}

/** Pure. */
export function compilePolicy(policy: Policy, version: number): CompiledPolicy {
  const sourceAliases = new Map<string, string>();
  for (const [canonical, aliases] of Object.entries(policy.sources)) {
    sourceAliases.set(sourceKey(canonical), canonical);
    for (const alias of aliases) sourceAliases.set(sourceKey(alias), canonical);
  }
  return {
    policy,
    version,
    members: new Map(policy.members.map((m) => [m.email, m])),
    sourceAliases,
    usesLoad: policy.members.some((m) => m.capacity !== undefined) || Object.values(policy.pools).some((p) => p.strategy === 'least_loaded'),
    usesPools: Object.keys(policy.pools).length > 0,
    rules: policy.rules.map((rule, index) => ({
      index,
      rule,
      keywords: rule.when.keywords ? rule.when.keywords.map((k) => comparableText(k)) : null,
      sources: rule.when.source ? new Set(rule.when.source.map((s) => sourceKey(canonicalSource(sourceAliases, s)))) : null,
    })),
  };
}

/** The canonical source a raw spelling means; an unknown spelling is its own canonical name. */
export function canonicalSource(aliases: ReadonlyMap<string, string>, raw: string): string {
  return aliases.get(sourceKey(raw)) ?? raw.trim();
}

/**
 * Text in the form keywords are compared in: no accents, lower case, every run
 * of punctuation or space one space, padded with spaces so that a whole-word
 * test is a substring test (" soc 2 " in " we need your soc 2 report ").
 */
export function comparableText(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${words} `;
}
