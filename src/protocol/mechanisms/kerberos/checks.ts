import type { Holdings, Rule } from '../../types';
import type { KrbErrorName } from './messages';

/** A check the acceptor failed: the KRB-ERROR it answers with, and why (RFC 4120 §3.2.3). */
export interface Refusal {
  refuse: KrbErrorName;
  why: string;
  spec: string;
  /** The implementation difference this refusal illustrates (src/protocol/differences.ts). */
  difference?: string;
}

export function isRefusal<T extends object>(x: T | Refusal): x is Refusal {
  return 'refuse' in x;
}

/** A message that does not read as what it must be: GSS_S_DEFECTIVE_TOKEN, nothing to answer. */
export interface Defective {
  defective: string;
}

export function isDefective<T extends object>(x: T | Defective): x is Defective {
  return 'defective' in x;
}

/** What the acceptor has learnt so far, shown even when a later check fails. */
export interface Progress {
  holdings: Holdings;
  rules: Rule[];
}

export const acceptorRule = (text: string, spec?: string, difference?: string): Rule => ({
  by: 'acceptor',
  text,
  spec,
  ...(difference && { difference }),
});
