/** negState values (RFC 4178 §4.2.2). */
export const NEG_STATES: Record<number, string> = {
  0: 'accept-completed',
  1: 'accept-incomplete',
  2: 'reject',
  3: 'request-mic',
};

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
