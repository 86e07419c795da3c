import { warn, type DecodeContext } from '../context';
import { need } from '../binary';
import type { Node } from '../tree';
import {
  NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
  NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED,
  NTLMSSP_NEGOTIATE_VERSION,
} from '../../data/ntlm';
import { decodeNegotiateFlags, decodeStringInto, decodeVersion, hex32 } from './common';
import { decodePayload, firstPayloadOffset, readPayloadField, type PayloadField } from './payload';

const SPEC = 'MS-NLMP §2.2.1.1';

/**
 * NEGOTIATE_MESSAGE body after Signature and MessageType [MS-NLMP §2.2.1.1]. Version sits at 32
 * only when the payload leaves room for it: Windows NT/2000, Chromium and gss-ntlmssp's older
 * releases send a 32-byte fixed part [App. B <6>], so the first payload offset decides.
 */
export function decodeNegotiate(ctx: DecodeContext, msg: Node, start: number, end: number): void {
  const { flags } = decodeNegotiateFlags(ctx, msg, start + 12, end);
  need(ctx.bytes, start + 16, 16, end, 'DomainNameFields and WorkstationFields');
  const domain = readPayloadField(ctx, msg, start + 16, 'DomainName', SPEC);
  const workstation = readPayloadField(ctx, msg, start + 24, 'Workstation', SPEC);
  const first = firstPayloadOffset([domain, workstation], end - start);
  let fixedEnd = start + 32;
  if (first >= 40) {
    decodeVersion(ctx, msg, start + 32, flags);
    fixedEnd = start + 40;
  } else if (flags & NTLMSSP_NEGOTIATE_VERSION) {
    warn(ctx, msg, start + 32, 'NTLMSSP_NEGOTIATE_VERSION is set but the message has no Version');
  }
  flagMismatch(ctx, domain, flags, NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED, 'OEM_DOMAIN_SUPPLIED');
  flagMismatch(
    ctx,
    workstation,
    flags,
    NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED,
    'OEM_WORKSTATION_SUPPLIED',
  );
  // NEGOTIATE strings are always OEM, whatever the UNICODE flag says [§2.2.1.1].
  decodePayload(ctx, msg, start, end, fixedEnd, [
    { field: domain, decode: (n, s, e) => decodeStringInto(ctx, n, s, e, 'OEM') },
    { field: workstation, decode: (n, s, e) => decodeStringInto(ctx, n, s, e, 'OEM') },
  ]);
  msg.label = `NEGOTIATE, flags ${hex32(flags)}`;
}

function flagMismatch(
  ctx: DecodeContext,
  field: PayloadField,
  flags: number,
  flag: number,
  name: string,
): void {
  if (field.len > 0 && (flags & flag) === 0) {
    warn(
      ctx,
      field.node,
      field.node.offset,
      `${field.name} is supplied but NTLMSSP_NEGOTIATE_${name} is clear`,
    );
  }
}
