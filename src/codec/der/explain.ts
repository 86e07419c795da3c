import type { Explanation, Explanations } from '../explain';

/**
 * Nodes that belong to no protocol: the token-level holders (`token.ts`, `blob.ts`) and the
 * elements the ASN.1 walker shows without a schema (`asn1/decode.ts` `decodeGeneric`), named by
 * their tag (`der/reader.ts` `tagName`). They carry no spec of their own, so each gets one here.
 */
export const GENERIC_EXPLANATIONS: Explanations = {
  token: {
    meaning: 'The whole token, when no single structure covers all of its bytes.',
    spec: 'RFC 2743 §3.1',
  },
  'empty token': { meaning: 'A token with no bytes.', spec: 'RFC 2743 §3.1' },
  'unknown token': {
    meaning: 'Bytes that are not a GSS-API, SPNEGO, Kerberos, NTLM or NEGOEX token, shown raw.',
    note: 'Only a first context token has a mechanism-independent frame; any other token’s format is the mechanism’s own.',
    spec: 'RFC 2743 §3.1',
  },
  'trailing bytes': {
    meaning: 'Bytes after the end of the token’s outer structure, which nothing accounts for.',
    note: 'The outer element’s length octets say where the token ends.',
    spec: 'ITU-T X.690 §8.1.3',
  },
  'trailing bytes@InitialContextToken': {
    meaning:
      'Bytes after the mechanism’s message inside the GSS-API token, which nothing accounts for.',
  },
  'end-of-contents': {
    meaning: 'The two zero bytes ending an indefinite-length element (BER, not DER).',
    spec: 'ITU-T X.690 §8.1.5',
  },
};

/** X.690 sections of the universal types `tagName` knows. */
const UNIVERSAL: Record<string, [string, string]> = {
  BOOLEAN: ['A BOOLEAN.', '§8.2'],
  INTEGER: ['An INTEGER.', '§8.3'],
  ENUMERATED: ['An ENUMERATED value.', '§8.4'],
  'BIT STRING': ['A BIT STRING.', '§8.6'],
  'OCTET STRING': ['An OCTET STRING: bytes.', '§8.7'],
  NULL: ['A NULL.', '§8.8'],
  SEQUENCE: ['A SEQUENCE: an ordered list of elements.', '§8.9'],
  SET: ['A SET: an unordered collection of elements.', '§8.11'],
  'OBJECT IDENTIFIER': ['An OBJECT IDENTIFIER.', '§8.19'],
  UTF8String: ['A UTF8String.', '§8.23'],
  PrintableString: ['A PrintableString.', '§8.23'],
  IA5String: ['An IA5String (ASCII).', '§8.23'],
  GeneralString: ['A GeneralString.', '§8.23'],
  UTCTime: ['A UTCTime.', '§8.25'],
  GeneralizedTime: ['A GeneralizedTime.', '§8.25'],
};

const CONTEXT = /^\[(\d+)\]$/;
const TAGGED = /^\[(APPLICATION|PRIVATE) \d+\]$|^UNIVERSAL \d+$/;

/**
 * Explanations by pattern, for names made from tags or from another node's name: `[3]` (a field
 * the structure does not define), `[APPLICATION 5]`, `SEQUENCE`, `X + trailing bytes`.
 */
export function explainGeneric(name: string): Explanation | null {
  if (CONTEXT.test(name))
    return {
      meaning: `A context-tagged element ${name} not defined here, shown as raw ASN.1.`,
      note: 'Extensible structures (the “...” marker) let newer senders add fields; receivers skip them.',
      spec: 'ITU-T X.690 §8.14',
    };
  if (TAGGED.test(name))
    return {
      meaning: `An element with tag ${name}, not defined here, shown as raw ASN.1.`,
      spec: 'ITU-T X.690 §8.1.2',
    };
  const universal = UNIVERSAL[name];
  if (universal)
    return {
      meaning: `${universal[0]} Not defined here, shown as raw ASN.1.`,
      spec: `ITU-T X.690 ${universal[1]}`,
    };
  if (name.endsWith(' + trailing bytes'))
    return {
      meaning: 'The whole token: a structure, then bytes after its end that nothing accounts for.',
      spec: 'RFC 2743 §3.1',
    };
  return null;
}
