import { warn } from '../context';
import { bytes, fieldsOf, struct, type PayloadLayout, type StructReading } from '../binary';
import { MSV_AV_FLAG_MIC, NTLM_AUTHENTICATE_MESSAGE_TYPE } from '../../data/ntlm';
import {
  charsetOf,
  hex32,
  messageCharset,
  messageHeader,
  negotiateFlags,
  ntlmText,
  versionCodec,
  type NtlmVersion,
} from './common';
import {
  avFlagsOf,
  lmResponseCodec,
  ntResponseCodec,
  responseVariant,
  type NtChallengeResponseV2,
  type NtlmVariant,
} from './responses';

const SPEC = 'MS-NLMP §2.2.1.3';

export type AuthenticatePayloadField =
  | 'LmChallengeResponse'
  | 'NtChallengeResponse'
  | 'DomainName'
  | 'UserName'
  | 'Workstation'
  | 'EncryptedRandomSessionKey';

/** AUTHENTICATE_MESSAGE [MS-NLMP §2.2.1.3]. */
export interface AuthenticateMessage {
  flags: number;
  /** The responses as bytes; read an NTLMv2 one's fields with `readNtlmv2Response`. */
  lmChallengeResponse?: Uint8Array;
  ntChallengeResponse?: Uint8Array;
  /** In the negotiated charset. */
  domainName?: string;
  userName?: string;
  workstation?: string;
  encryptedRandomSessionKey?: Uint8Array;
  version?: NtlmVersion | Uint8Array;
  /**
   * 16 bytes when the message carries a MIC. Build with zeros, compute the MIC over the result
   * (MS-NLMP §3.1.5.1.2) and write it at the MIC's offset, e.g. with `setMic`.
   */
  mic?: Uint8Array;
  layout?: PayloadLayout<AuthenticatePayloadField>;
}

/** Where Version and MIC sit, from the first payload offset P (pyspnego `_get_mic_offset()` in `messages.py`). */
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
 * Where the MIC of a message sits: after the 64-byte fixed fields and the Version, when there is
 * one — the layout the decoder infers and the encoder writes. A receiver zeroes it there to
 * check the MIC over the bytes it received [MS-NLMP §3.2.5.1.2].
 */
export function micOffsetOf(message: AuthenticateMessage): number | undefined {
  return message.mic ? 64 + (message.version ? 8 : 0) : undefined;
}

type Reading = StructReading<AuthenticateMessage>;

/** The response variant, from the descriptors and (when in the message) the LM bytes. */
function variantOf(r: Reading): NtlmVariant {
  return r.memo('variant', () => {
    const lm = r.pointer('lmChallengeResponse')!;
    const nt = r.pointer('ntChallengeResponse')!;
    return responseVariant(
      r.ctx.bytes,
      { start: r.start + lm.offset, len: lm.len, available: inMessage(r, lm) },
      nt.len,
      r.value.flags ?? 0,
    );
  });
}

function inMessage(r: Reading, f: { len: number; offset: number }): boolean {
  return f.len > 0 && f.offset >= 64 && f.offset + f.len <= r.end - r.start;
}

const seenOf = (r: Reading) => r.memo('nt', (): { v2?: NtChallengeResponseV2 } => ({}));

const text = (v: Partial<AuthenticateMessage>, r: Reading | undefined) =>
  ntlmText(r ? r.memo('charset', () => charsetOf(v.flags)) : charsetOf(v.flags));

const f = fieldsOf<AuthenticateMessage>();

/**
 * The spec puts Version at 64 and the MIC at 72, but senders omit either (Windows XP: no MIC;
 * older gss-ntlmssp: MIC at 64 without Version), so the first payload offset decides
 * (`authenticateLayout`). Payload order defaults to Windows' (MS-NLMP §4.2.4.3).
 */
export const AUTHENTICATE_MESSAGE = struct<AuthenticateMessage>({
  typeName: 'AUTHENTICATE_MESSAGE',
  spec: SPEC,
  fields: [
    ...messageHeader<AuthenticateMessage>(NTLM_AUTHENTICATE_MESSAGE_TYPE),
    f.pointer(
      'lmChallengeResponse',
      'LmChallengeResponse',
      (_v, r) => {
        if (!r) return bytes();
        const nt = r.pointer('ntChallengeResponse')!;
        const range = inMessage(r, nt)
          ? { start: r.start + nt.offset, end: r.start + nt.offset + nt.len }
          : undefined;
        return lmResponseCodec(variantOf(r), range);
      },
      { need: [48, 'the AUTHENTICATE_MESSAGE Fields descriptors'] },
    ),
    f.pointer('ntChallengeResponse', 'NtChallengeResponse', (_v, r) =>
      r ? ntResponseCodec(variantOf(r), seenOf(r)) : bytes(),
    ),
    f.pointer('domainName', 'DomainName', text),
    f.pointer('userName', 'UserName', text),
    f.pointer('workstation', 'Workstation', text),
    f.pointer('encryptedRandomSessionKey', 'EncryptedRandomSessionKey', {
      ...bytes(),
      read(ctx, node) {
        const key = bytes().read(ctx, node);
        node.label = 'RC4(KeyExchangeKey, ExportedSessionKey)';
        return key;
      },
    }),
    f.value('flags', 'NegotiateFlags', negotiateFlags),
    f.value('version', 'Version', (v) => versionCodec(v.flags), {
      when: (r) => authenticateLayout(r.first).version !== undefined,
    }),
    f.value('mic', 'MIC', bytes(16), {
      spec: SPEC,
      when: (r) => authenticateLayout(r.first).mic !== undefined,
      check(_r, node) {
        node.label = /^0+$/.test(node.value as string)
          ? 'all zero'
          : 'HMAC_MD5(ExportedSessionKey, NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE with MIC zeroed)';
      },
    }),
  ],
  payload: {
    order: [
      'DomainName',
      'UserName',
      'Workstation',
      'LmChallengeResponse',
      'NtChallengeResponse',
      'EncryptedRandomSessionKey',
    ],
    emptyOffset: 'cursor',
  },
  afterFixed(r) {
    r.memo('charset', () => messageCharset(r.ctx, r.child('NegotiateFlags'), r.value.flags ?? 0));
    variantOf(r);
  },
  after(r) {
    const flags = r.value.flags ?? 0;
    const mic = r.child('MIC');
    // MsvAvFlags bit 0x2 announces the MIC [MS-NLMP §2.2.2.1]; the layout guess should agree.
    const v2 = seenOf(r).v2;
    const avFlags = v2 ? avFlagsOf(v2.clientChallenge.avPairs) : undefined;
    if (avFlags !== undefined) {
      const announced = (avFlags & MSV_AV_FLAG_MIC) !== 0;
      if (mic && !announced) {
        warn(
          r.ctx,
          mic,
          mic.offset,
          'MIC field present but MsvAvFlags does not announce a MIC (0x2)',
        );
      } else if (!mic && announced) {
        warn(
          r.ctx,
          r.node,
          r.start + 64,
          'MsvAvFlags announces a MIC but the payload leaves no room for one',
        );
      }
    }
    const domain = r.value.domainName ?? '';
    const user = r.value.userName ?? '';
    const who = user || domain ? ` ${domain}\\${user}` : '';
    r.node.label = `AUTHENTICATE, ${variantOf(r)}${who}, flags ${hex32(flags)}${mic ? ', MIC' : ''}`;
  },
});
