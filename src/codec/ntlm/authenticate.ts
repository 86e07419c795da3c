import { warn, type DecodeContext } from '../context';
import { leaf, need } from '../binary';
import type { Node } from '../tree';
import { MSV_AV_FLAG_MIC } from '../../data/ntlm';
import {
  bytesInto,
  decodeNegotiateFlags,
  decodeStringInto,
  decodeVersion,
  hex32,
  messageCharset,
} from './common';
import { decodePayload, firstPayloadOffset, readPayloadField, type PayloadField } from './payload';
import {
  decodeLmResponse,
  decodeNtResponse,
  responseVariant,
  type NtResponseInfo,
} from './responses';
import { toHex } from '../../bytes';

const SPEC = 'MS-NLMP §2.2.1.3';

/** Where Version and MIC sit, from the first payload offset P (ntlm.md §4.1, pyspnego's rule). */
export function authenticateLayout(first: number): {
  version?: number;
  mic?: number;
  fixedEnd: number;
} {
  if (first >= 88) return { version: 64, mic: 72, fixedEnd: 88 };
  if (first >= 80) return { mic: 64, fixedEnd: 80 };
  if (first >= 72) return { version: 64, fixedEnd: 72 };
  return { fixedEnd: 64 };
}

/**
 * AUTHENTICATE_MESSAGE body after Signature and MessageType [MS-NLMP §2.2.1.3]. The spec puts
 * Version at 64 and the MIC at 72, but senders omit either (Windows XP: no MIC; older
 * gss-ntlmssp: MIC at 64 without Version), so the first payload offset decides.
 */
export function decodeAuthenticate(
  ctx: DecodeContext,
  msg: Node,
  start: number,
  end: number,
): void {
  const b = ctx.bytes;
  need(b, start + 12, 48, end, 'the AUTHENTICATE_MESSAGE Fields descriptors');
  const field = (at: number, name: string): PayloadField =>
    readPayloadField(ctx, msg, start + at, name, SPEC);
  const lm = field(12, 'LmChallengeResponse');
  const nt = field(20, 'NtChallengeResponse');
  const domain = field(28, 'DomainName');
  const user = field(36, 'UserName');
  const workstation = field(44, 'Workstation');
  const key = field(52, 'EncryptedRandomSessionKey');
  const { flags, node: flagsNode } = decodeNegotiateFlags(ctx, msg, start + 60, end);
  const all = [lm, nt, domain, user, workstation, key];
  const layout = authenticateLayout(firstPayloadOffset(all, end - start));
  if (layout.version !== undefined) decodeVersion(ctx, msg, start + layout.version, flags);
  let mic: Node | undefined;
  if (layout.mic !== undefined) {
    const at = start + layout.mic;
    const zero = /^0+$/.test(toHex(b, at, at + 16));
    mic = leaf(b, msg, 'MIC', at, 16, {
      type: 'bytes',
      spec: SPEC,
      label: zero
        ? 'all zero'
        : 'HMAC_MD5(ExportedSessionKey, NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE with MIC zeroed)',
    });
  }

  const charset = messageCharset(ctx, flagsNode, flags);
  const inMessage = (f: PayloadField) =>
    f.len > 0 && f.offset >= 64 && f.offset + f.len <= end - start;
  const variant = responseVariant(
    b,
    { start: start + lm.offset, len: lm.len, available: inMessage(lm) },
    nt.len,
    flags,
  );
  const ntRange = inMessage(nt)
    ? { start: start + nt.offset, end: start + nt.offset + nt.len }
    : undefined;
  let ntInfo: NtResponseInfo = {};
  const text = (n: Node, s: number, e: number) => decodeStringInto(ctx, n, s, e, charset);
  decodePayload(ctx, msg, start, end, start + layout.fixedEnd, [
    { field: lm, decode: (n, s, e) => decodeLmResponse(ctx, n, s, e, variant, ntRange) },
    { field: nt, decode: (n, s, e) => (ntInfo = decodeNtResponse(ctx, n, s, e, variant)) },
    { field: domain, decode: text },
    { field: user, decode: text },
    { field: workstation, decode: text },
    {
      field: key,
      decode: (n, s, e) => bytesInto(ctx, n, s, e, 'RC4(KeyExchangeKey, ExportedSessionKey)'),
    },
  ]);

  // MsvAvFlags bit 0x2 announces the MIC [MS-NLMP §2.2.2.1]; the layout guess should agree.
  if (ntInfo.avFlags !== undefined) {
    const announced = (ntInfo.avFlags & MSV_AV_FLAG_MIC) !== 0;
    if (mic && !announced) {
      warn(ctx, mic, mic.offset, 'MIC field present but MsvAvFlags does not announce a MIC (0x2)');
    } else if (!mic && announced) {
      warn(
        ctx,
        msg,
        start + 64,
        'MsvAvFlags announces a MIC but the payload leaves no room for one',
      );
    }
  }
  msg.label = authenticateLabel(msg, variant, flags, mic !== undefined);
}

function authenticateLabel(msg: Node, variant: string, flags: number, mic: boolean): string {
  const payload = msg.children?.find((c) => c.name === 'Payload');
  const value = (name: string) => {
    const v = payload?.children?.find((c) => c.name === name)?.value;
    return typeof v === 'string' ? v : '';
  };
  const who =
    value('UserName') || value('DomainName') ? ` ${value('DomainName')}\\${value('UserName')}` : '';
  return `AUTHENTICATE, ${variant}${who}, flags ${hex32(flags)}${mic ? ', MIC' : ''}`;
}
