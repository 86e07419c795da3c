import { DecodeError } from '../context';
import { readTlv, type Tlv } from '../der/reader';
import { decodeLatin1 } from '../../bytes';
import type { ParserOutput, ProtocolParser } from './parser';
import { MAX_MESSAGE } from './parser';
import { ByteQueue, type SegmentMeta } from './stream';
import { LDAP_RESULT_CODES } from '../../data/transports';

/**
 * LDAP binds (RFC 4511 §4.2, §4.2.2): BindRequest with SASL credentials (`GSS-SPNEGO`,
 * `GSSAPI` — RFC 4752) or Microsoft's Sicily NTLM (MS-ADTS §5.1.1.1.3), and BindResponse's
 * resultCode and serverSaslCreds [7]. LDAPMessages are BER, read with the codec's DER reader.
 * Once a SASL layer wraps the stream (RFC 4752 §3.3) messages are no longer LDAPMessages and
 * reading stops quietly.
 */

export class LdapParser implements ProtocolParser {
  private readonly queues = [new ByteQueue(), new ByteQueue()];
  private readonly stopped = [false, false];
  private mechanism = '';

  constructor(private readonly out: ParserOutput) {}

  data(fromClient: boolean, bytes: Uint8Array, meta: SegmentMeta): void {
    const side = fromClient ? 0 : 1;
    if (this.stopped[side]) return;
    const q = this.queues[side];
    q.push(bytes);
    while (q.skip === 0 && q.length >= 2) {
      const v = q.view();
      if (v[0] !== 0x30) return this.stop(side);
      let length = v[1];
      let header = 2;
      if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4) return this.stop(side);
        if (v.length < 2 + count) return;
        length = 0;
        for (let i = 0; i < count; i++) length = length * 256 + v[2 + i];
        header += count;
      }
      if (length > MAX_MESSAGE) return this.stop(side);
      if (v.length < header + length) return;
      try {
        this.message(fromClient, v.subarray(0, header + length), meta);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        this.out.issue(
          meta,
          `LDAP message at frame ${meta.frame}: ${e.message} (byte ${e.offset} of the message)`,
        );
      }
      q.consume(header + length);
    }
  }

  gap(fromClient: boolean, missing: number, meta: SegmentMeta): void {
    const side = fromClient ? 0 : 1;
    if (this.stopped[side]) return;
    this.stop(side);
    this.out.issue(
      meta,
      `${missing} bytes of the ${fromClient ? 'client' : 'server'}'s LDAP stream were not captured before frame ${meta.frame}; the rest of that direction is not read`,
    );
  }

  private stop(side: number): void {
    this.stopped[side] = true;
    this.queues[side].clear();
  }

  private message(fromClient: boolean, m: Uint8Array, meta: SegmentMeta): void {
    const outer = readTlv(m, 0, m.length);
    const id = readTlv(m, outer.contentOffset, outer.end);
    const op = readTlv(m, id.end, outer.end);
    const items: Tlv[] = [];
    for (let pos = op.contentOffset; pos < op.end && items.length < 16;) {
      const t = readTlv(m, pos, op.end);
      items.push(t);
      pos = t.end;
    }
    const from = fromClient ? 'initiator' : 'acceptor';
    if (op.tag === 0x60 && fromClient) {
      const auth = items[2];
      if (auth === undefined) return;
      if (auth.tag === 0xa3) {
        const mech = readTlv(m, auth.contentOffset, auth.end);
        this.mechanism = decodeLatin1(m, mech.contentOffset, mech.end);
        if (mech.end >= auth.end) return;
        const creds = readTlv(m, mech.end, auth.end);
        if (creds.contentLength === 0) return;
        this.push(from, m.slice(creds.contentOffset, creds.end), 'LDAP BindRequest sasl', meta);
      } else if (auth.tag === 0x8a || auth.tag === 0x8b) {
        this.mechanism = 'NTLM';
        const what = auth.tag === 0x8a ? 'sicilyNegotiate' : 'sicilyResponse';
        if (auth.contentLength > 0)
          this.push(from, m.slice(auth.contentOffset, auth.end), `LDAP BindRequest ${what}`, meta);
      }
      return;
    }
    if (op.tag === 0x61 && !fromClient) {
      const code = items[0];
      if (code === undefined || code.tag !== 0x0a) return;
      let result = 0;
      for (let i = code.contentOffset; i < code.end && i < code.contentOffset + 4; i++)
        result = result * 256 + m[i];
      const statusText = LDAP_RESULT_CODES[result];
      this.out.answer(result, statusText);
      const creds = items.find((t) => t.tag === 0x87);
      // Sicily's answer holds the NTLM CHALLENGE where matchedDN would be (MS-ADTS §5.1.1.1.3).
      const sicily = this.mechanism === 'NTLM' && creds === undefined ? items[1] : undefined;
      const token = creds ?? (sicily && sicily.contentLength > 0 ? sicily : undefined);
      if (token === undefined || token.contentLength === 0) return;
      this.out.step({
        from,
        token: m.slice(token.contentOffset, token.end),
        carrier: creds ? 'LDAP BindResponse serverSaslCreds' : 'LDAP BindResponse (Sicily)',
        scheme: this.mechanism,
        status: result,
        ...(statusText ? { statusText } : {}),
        frame: meta.frame,
        time: meta.time,
      });
    }
  }

  private push(
    from: 'initiator' | 'acceptor',
    token: Uint8Array,
    carrier: string,
    meta: SegmentMeta,
  ): void {
    this.out.step({
      from,
      token,
      carrier,
      scheme: this.mechanism,
      frame: meta.frame,
      time: meta.time,
    });
  }
}
