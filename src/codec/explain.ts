import type { Node } from './tree';
import { GSS_EXPLANATIONS } from './gss-explain';
import { SPNEGO_EXPLANATIONS } from './spnego/explain';
import { KERBEROS_EXPLANATIONS } from './kerberos/explain';
import { NTLM_EXPLANATIONS } from './ntlm/explain';
import { NEGOEX_EXPLANATIONS } from './negoex/explain';
import { KEYTAB_EXPLANATIONS } from './keytab/explain';
import { PAC_EXPLANATIONS } from './pac/explain';
import { explainGeneric, GENERIC_EXPLANATIONS } from './der/explain';

/**
 * What a field of the decoded tree means, written once beside the structures it explains
 * (`spnego/explain.ts`, `kerberos/explain.ts`, `ntlm/explain.ts`, `negoex/explain.ts`,
 * `gss-explain.ts`, `der/explain.ts` for generic DER and token-level nodes). The inspector, the
 * CLI's readable tree and the tests all read these words.
 *
 * Each node kind has exactly one spec reference: the node's own `spec`, set by the decoder from
 * the structure's definition. An explanation carries a `spec` only for node kinds the decoder
 * leaves without one (NTLM's length fields, AV pair headers, generic DER elements, …).
 */
export interface Explanation {
  /** One line: what the field is (the CLI prints it after the value). */
  meaning: string;
  /** More, where useful: why it matters, what implementations do (the inspector shows it). */
  note?: string;
  /** Only for node kinds whose decoded node has no `spec` of its own. */
  spec?: string;
}

/**
 * Explanations keyed by node name. A name that means different things in different places is
 * keyed `name@parent` (the parent node's name), which wins over the plain name.
 */
export type Explanations = Readonly<Record<string, Explanation>>;

/** Every table, by how they are looked up; a key defined twice is a mistake the tests catch. */
export const EXPLANATION_TABLES: Readonly<Record<string, Explanations>> = {
  gss: GSS_EXPLANATIONS,
  spnego: SPNEGO_EXPLANATIONS,
  kerberos: KERBEROS_EXPLANATIONS,
  ntlm: NTLM_EXPLANATIONS,
  negoex: NEGOEX_EXPLANATIONS,
  keytab: KEYTAB_EXPLANATIONS,
  pac: PAC_EXPLANATIONS,
  generic: GENERIC_EXPLANATIONS,
};

const ALL: Explanations = Object.assign({}, ...Object.values(EXPLANATION_TABLES));

type Named = Pick<Node, 'name'>;

/** The explanation of `node` under `parent`: `name@parent` first, then the name, then by pattern. */
export function explain(node: Named, parent?: Named | null): Explanation | null {
  if (parent) {
    const specific = ALL[`${node.name}@${parent.name}`];
    if (specific) return specific;
  }
  return ALL[node.name] ?? explainGeneric(node.name);
}

/** The node's one spec reference: its own, else its explanation's. */
export function specOf(node: Pick<Node, 'name' | 'spec'>, parent?: Named | null): string | null {
  return node.spec ?? explain(node, parent)?.spec ?? null;
}

/** Meaning and note as one paragraph (the inspector's text and the tree's tooltip). */
export function explanationText(explanation: Explanation): string {
  return explanation.note ? `${explanation.meaning} ${explanation.note}` : explanation.meaning;
}
