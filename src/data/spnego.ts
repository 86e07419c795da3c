/** negState values in order: the index is the ENUMERATED value (RFC 4178 §4.2.2). */
export const NEG_STATE_NAMES = [
  'accept-completed',
  'accept-incomplete',
  'reject',
  'request-mic',
] as const;

export type NegState = (typeof NEG_STATE_NAMES)[number];

/** The hintName Windows (since Vista) sends in NegTokenInit2, and receivers ignore (MS-SPNG §2.2.1, §3.2.5.2). */
export const FIXED_HINT_NAME = 'not_defined_in_RFC4178@please_ignore';

/** ContextFlags named bits (RFC 4178 §4.2.1). */
export const CONTEXT_FLAGS: Record<number, string> = {
  0: 'delegFlag',
  1: 'mutualFlag',
  2: 'replayFlag',
  3: 'sequenceFlag',
  4: 'anonFlag',
  5: 'confFlag',
  6: 'integFlag',
};
