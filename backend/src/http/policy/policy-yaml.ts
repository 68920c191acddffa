// The policy as the console's editor sees it: YAML text checked against the
// policy schema, each problem placed at the line and column it belongs to.
// Pure: text in, issues out.
import type { PlacedIssue } from '#shared/console/api';
import { PolicyDocument, type Policy } from '#shared/policy';
import { isMap, isSeq, LineCounter, parseDocument, stringify, type Document, type Node } from 'yaml';

/** `path` is dotted (`rules.2.to.pool`), empty for the whole document; a missing field is placed at its closest existing parent. */
export type { PlacedIssue };

export type PolicyTextCheck = { valid: true; issues: []; policy: Policy } | { valid: false; issues: PlacedIssue[]; policy: null };

/** The most problems one check reports: enough to fix, not a wall. */
const MAX_ISSUES = 50;

/** Pure: parses `text` as YAML and validates it as a policy document. */
export function checkPolicyText(text: string): PolicyTextCheck {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      valid: false,
      policy: null,
      issues: doc.errors.slice(0, MAX_ISSUES).map((error) => {
        const at = lines.linePos(error.pos[0]);
        return { path: '', message: yamlMessage(error.code, error.message), line: at.line, column: at.col };
      }),
    };
  }
  const result = PolicyDocument.safeParse(doc.toJS());
  if (result.success) return { valid: true, issues: [], policy: result.data };
  return {
    valid: false,
    policy: null,
    issues: result.error.issues.slice(0, MAX_ISSUES).map((issue) => {
      const offset = offsetOf(doc, issue.path as ReadonlyArray<string | number>);
      const at = lines.linePos(offset);
      return { path: issue.path.map(String).join('.'), message: issue.message, line: at.line, column: at.col };
    }),
  };
}

/** The start offset of the node at `path`, or of its nearest existing ancestor (a missing field belongs to its parent). */
function offsetOf(doc: Document, path: ReadonlyArray<string | number>): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(doc, path.slice(0, depth));
    if (node?.range) {
      // An unknown key is reported on its map: point at the key itself when we can.
      return node.range[0];
    }
  }
  return 0;
}

function nodeAt(doc: Document, path: ReadonlyArray<string | number>): Node | null {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(key));
      if (!pair) return null;
      // A key with no value (`to:`): the key is where the problem is.
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return null;
    }
  }
  return (node as Node | null) ?? null;
}

function keyText(key: unknown): string {
  if (key && typeof key === 'object' && 'value' in key) return String((key as { value: unknown }).value);
  return String(key);
}

function yamlMessage(code: string, message: string): string {
  // The parser's own message starts with a description; keep its first sentence, without the position it repeats.
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return code === 'DUPLICATE_KEY' ? `${first}: each key may appear once in a map` : first;
}

/**
 * A stored policy document as YAML for the editor. Comments are not kept
 * (versions are stored as data), and the database does not keep key order
 * (jsonb), so the document goes through the schema again: its fields come out
 * in the schema's order (`name`, `when`, `to`), the same for every version.
 */
export function policyAsYaml(document: unknown): string {
  const parsed = PolicyDocument.safeParse(document);
  return stringify(parsed.success ? parsed.data : document, { lineWidth: 0, flowCollectionPadding: true });
}
