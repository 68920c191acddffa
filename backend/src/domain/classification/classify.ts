// The one entry point of reply classification. Until the classifier lands
// (its own issue), a reply is what the upstream tool said, else `other`.
import type { Category } from '#shared/categories';

export interface ClassificationInput {
  /** An upstream tool's classification, trusted when present. */
  given: Category | undefined;
  subject: string;
  text: string;
  headers: Readonly<Record<string, string>>;
  from: string;
}

export interface Classification {
  category: Category;
  /** Where the category came from, for the explanation. */
  source: 'upstream' | 'default';
}

/** Pure. */
export function classifyReply(input: ClassificationInput): Classification {
  if (input.given) return { category: input.given, source: 'upstream' };
  return { category: 'other', source: 'default' };
}
