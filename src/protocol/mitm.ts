import { oidName } from '../data/oids';
import type { SimConfig } from './config';
import { mechOfOid } from './profiles';
import { encodeNegTokenInit, readSpnegoToken } from '../codec/spnego/token';
import type { Rule } from './types';

/**
 * The injected man in the middle (RFC 4178 §7): on the way to the acceptor it rewrites the
 * NegTokenInit without one mechanism (and without the optimistic token if it belonged to it).
 * It cannot forge the mechListMIC, which is the point of the exercise. Returns the bytes the
 * acceptor receives, or undefined when nothing was changed.
 */
export function tamper(
  token: Uint8Array,
  config: SimConfig,
  rules: Rule[],
): Uint8Array | undefined {
  const strip = config.faults.stripMech;
  if (!strip) return undefined;
  const read = readSpnegoToken(token);
  if (!read.ok || read.value.kind !== 'NegTokenInit') return undefined;
  const init = read.value;
  const kept = init.mechTypes.filter((oid) => mechOfOid(oid) !== strip);
  if (kept.length === init.mechTypes.length) return undefined;
  const optimisticStripped = mechOfOid(init.mechTypes[0]) === strip;
  rules.push({
    by: 'attacker',
    text: `a man in the middle rewrites mechTypes to [${kept.map((o) => oidName(o) ?? o).join(', ')}]${optimisticStripped && init.mechToken ? ' and drops the optimistic token' : ''}, hoping to force a weaker mechanism`,
    spec: 'RFC 4178 §7',
  });
  return encodeNegTokenInit({
    mechTypes: kept,
    mechToken: optimisticStripped ? undefined : init.mechToken,
    mechListMIC: init.mechListMIC,
  });
}
