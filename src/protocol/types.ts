/**
 * Shared vocabulary of the simulation engine: who speaks, what a rule that fired looks like, and
 * the record of one message on the wire.
 */
export type Role = 'initiator' | 'acceptor';

/**
 * A mechanism the simulation can negotiate. OIDs per profile live in `profiles.ts`. `negoex` is
 * NEGOEX (MS-NEGOEX) negotiating its Kerberos auth scheme inside SPNEGO.
 */
export type MechName = 'kerberos' | 'ntlm' | 'negoex';

export type { NegState as NegStateName } from '../data/spnego';

/** A rule that fired and why: the per-step explanation, with the spec section that states it. */
export interface Rule {
  /** Who applied it. */
  by: Role | 'attacker';
  /** What happened and why, in a sentence a learner can read. */
  text: string;
  /** Where the rule is stated, e.g. `RFC 4178 §5 c`, `MS-SPNG §3.2.5`, `krb5 spnego_mech.c`. */
  spec?: string;
  /**
   * The entry of the implementation differences (`differences.ts`) this rule follows, when it
   * cites an implementation's habit: the rule links to it.
   */
  difference?: string;
}

/** What one side holds at a moment: shown beside its state machine in the UI. */
export type Holdings = Record<string, string | number | boolean | null>;
