import { MSV_AV_FLAG_MIC, MSV_AV_TIMESTAMP } from '../../data/ntlm';
import type { MechObservation } from '../../protocol/observe';
import type { Check } from '../types';
import type { CheckContext } from './index';
import { clockCheck } from './time';

/** FILETIME (100 ns since 1601) as seconds since 1970. */
export function filetimeSeconds(ft: bigint): number {
  return Number(ft / 10_000_000n) - 11_644_473_600;
}

export function innerOf(obs: CheckContext['obs']): MechObservation | null {
  if (obs.kind === 'mech') return obs.inner;
  if (obs.kind === 'NegTokenInit' || obs.kind === 'NegTokenInit2' || obs.kind === 'NegTokenResp')
    return obs.inner;
  return null;
}

/** NTLM AUTHENTICATE: MIC when MsvAvFlags says so, timestamps, channel bindings (MS-NLMP §3.1.5.1.2). */
export function ntlmChecks(ctx: CheckContext): Check[] {
  const inner = innerOf(ctx.obs);
  if (!inner || inner.mech !== 'ntlm' || inner.message !== 'AUTHENTICATE') return [];
  const checks: Check[] = [];
  const flagged = inner.avFlags !== null && (inner.avFlags & MSV_AV_FLAG_MIC) !== 0;
  if (inner.variant === 'NTLMv2') {
    const challengeHadTimestamp = ctx.challenge?.avIds.includes(MSV_AV_TIMESTAMP) ?? false;
    let ok: boolean;
    let text: string;
    if (flagged) {
      ok = inner.mic;
      text = inner.mic
        ? 'MsvAvFlags has 0x2 (MIC present) and the AUTHENTICATE carries the MIC'
        : 'MsvAvFlags has 0x2 (MIC present) but the AUTHENTICATE has no MIC field';
    } else if (inner.mic) {
      ok = false;
      text =
        'the AUTHENTICATE has a MIC field but MsvAvFlags lacks 0x2: the server will not check it, so the messages are not protected';
    } else {
      ok = !challengeHadTimestamp;
      text = challengeHadTimestamp
        ? 'the CHALLENGE carried MsvAvTimestamp, so the client should have sent a MIC (and set MsvAvFlags 0x2), but it sent none'
        : 'no MIC and MsvAvFlags does not announce one: the three messages are not integrity-protected (legacy behaviour)';
    }
    checks.push({ id: 'ntlm-mic-present', ok, text, spec: 'MS-NLMP §3.1.5.1.2, §2.2.2.1' });

    if (inner.timestamp !== null) {
      const client = filetimeSeconds(inner.timestamp);
      if (ctx.challenge?.timestamp !== null && ctx.challenge?.timestamp !== undefined)
        checks.push(
          clockCheck(
            'clock-skew',
            'NTLMv2 timestamp',
            { label: 'the client’s blob timestamp', seconds: client },
            {
              label: 'the server’s MsvAvTimestamp',
              seconds: filetimeSeconds(ctx.challenge.timestamp),
            },
            'MS-NLMP §3.1.5.1.2, §3.2.5.1.2',
          ),
        );
      else if (ctx.time !== undefined)
        checks.push(
          clockCheck(
            'clock-skew',
            'NTLMv2 timestamp',
            { label: 'the client’s blob timestamp', seconds: client },
            { label: 'the capture time', seconds: ctx.time },
            'MS-NLMP §3.2.5.1.2',
          ),
        );
    }
    checks.push({
      id: 'channel-bindings',
      ok: true,
      text:
        inner.channelBindings === 'present'
          ? 'MsvAvChannelBindings holds a hash of the TLS channel: the authentication is bound to it (Extended Protection)'
          : inner.channelBindings === 'zero'
            ? 'MsvAvChannelBindings is all zeros: no channel binding (a server requiring Extended Protection would refuse)'
            : 'no MsvAvChannelBindings: no channel binding (a server requiring Extended Protection would refuse)',
      spec: 'MS-NLMP §2.2.2.1, §3.1.5.1.2',
    });
  } else if (inner.variant === 'NTLMv1') {
    checks.push({
      id: 'ntlm-mic-present',
      ok: !inner.mic,
      text: inner.mic
        ? 'an NTLMv1 response with a MIC field: only NTLMv2 responses announce a MIC'
        : 'an NTLMv1 response: no MIC and no AV pairs, so no timestamp or channel binding can be checked (NTLMv1 is weak)',
      spec: 'MS-NLMP §3.3.1, §3.1.5.1.2',
    });
  }
  return checks;
}
