import type { ParserOutput, ProtocolParser } from './parser';
import { MAX_MESSAGE } from './parser';
import { ByteQueue, type SegmentMeta } from './stream';
import { NT_STATUS } from '../../data/transports';

/**
 * SMB2 over TCP (MS-SMB2 §2.1: a 4-byte Direct TCP transport header, 0x00 then a 24-bit length):
 * the NEGOTIATE response's security buffer (§2.2.4), SESSION_SETUP requests' and responses'
 * SecurityBuffer (§2.2.5, §2.2.6) and the responses' NT status (§2.2.1). Offsets are from the
 * start of the SMB2 header. Other commands are skipped without being kept.
 */

const NEGOTIATE = 0x0000;
const SESSION_SETUP = 0x0001;

export class SmbParser implements ProtocolParser {
  private readonly queues = [new ByteQueue(), new ByteQueue()];
  private readonly dead = [false, false];

  constructor(private readonly out: ParserOutput) {}

  data(fromClient: boolean, bytes: Uint8Array, meta: SegmentMeta): void {
    const side = fromClient ? 0 : 1;
    if (this.dead[side]) return;
    const q = this.queues[side];
    q.push(bytes);
    while (q.skip === 0 && q.length >= 4) {
      const v = q.view();
      const length = (v[1] << 16) | (v[2] << 8) | v[3];
      if (v[0] !== 0x00) {
        // NetBIOS session service packets other than session messages (RFC 1002 §4.3.1): skipped.
        if (v[0] === 0x81 || v[0] === 0x82 || v[0] === 0x83 || v[0] === 0x84 || v[0] === 0x85) {
          q.consume(4 + length);
          continue;
        }
        this.kill(side, meta, `an SMB transport header starting ${v[0].toString(16)}`);
        return;
      }
      if (q.length >= 4 + 16 && length > 65536) {
        // A large message (READ/WRITE data): keep it only if it is one we read.
        const command = v[4] === 0xfe ? v[16] | (v[17] << 8) : -1;
        if (command !== NEGOTIATE && command !== SESSION_SETUP) {
          q.consume(4 + length);
          continue;
        }
        if (length > MAX_MESSAGE) {
          this.kill(side, meta, `a ${length}-byte session setup`);
          return;
        }
      }
      if (q.length < 4 + length) return;
      this.message(fromClient, v.subarray(4, 4 + length), meta);
      q.consume(4 + length);
    }
  }

  gap(fromClient: boolean, missing: number, meta: SegmentMeta): void {
    const side = fromClient ? 0 : 1;
    if (this.dead[side]) return;
    this.dead[side] = true;
    this.queues[side].clear();
    this.out.issue(
      meta,
      `${missing} bytes of the ${fromClient ? 'client' : 'server'}'s SMB stream were not captured before frame ${meta.frame}; the rest of that direction is not read`,
    );
  }

  private kill(side: number, meta: SegmentMeta, what: string): void {
    this.dead[side] = true;
    this.queues[side].clear();
    this.out.issue(
      meta,
      `SMB stream at frame ${meta.frame} has ${what}; the rest of that direction is not read`,
    );
  }

  private message(fromClient: boolean, m: Uint8Array, meta: SegmentMeta): void {
    // Compounded requests/responses are chained by NextCommand (MS-SMB2 §3.2.4.1.4); bounded walk.
    for (let pos = 0, n = 0; n < 64 && pos + 64 <= m.length; n++) {
      const h = m.subarray(pos);
      if (h[0] !== 0xfe || h[1] !== 0x53 || h[2] !== 0x4d || h[3] !== 0x42) return; // SMB1, encrypted (0xFD) or compressed (0xFC): not read
      const dv = new DataView(h.buffer, h.byteOffset, h.length);
      const command = dv.getUint16(12, true);
      const status = dv.getUint32(8, true);
      const response = (dv.getUint32(16, true) & 1) === 1;
      const next = dv.getUint32(20, true);
      const end = next > 0 && next < h.length ? next : h.length;
      this.command(fromClient, h.subarray(0, end), command, status, response, meta);
      if (next === 0 || next < 64) return;
      pos += next;
    }
  }

  private command(
    fromClient: boolean,
    h: Uint8Array,
    command: number,
    status: number,
    response: boolean,
    meta: SegmentMeta,
  ): void {
    if (command !== NEGOTIATE && command !== SESSION_SETUP) return;
    if (command === NEGOTIATE && !response) return;
    const dv = new DataView(h.buffer, h.byteOffset, h.length);
    const at = command === NEGOTIATE ? 64 + 56 : response ? 64 + 4 : 64 + 12;
    if (at + 4 > h.length) {
      if (response && command === SESSION_SETUP) this.out.answer(status, NT_STATUS[status]);
      return;
    }
    const offset = dv.getUint16(at, true);
    const length = dv.getUint16(at + 2, true);
    const statusText = NT_STATUS[status] ?? `0x${status.toString(16).padStart(8, '0')}`;
    if (response && command === SESSION_SETUP) this.out.answer(status, statusText);
    if (length === 0) return;
    if (offset + length > h.length) {
      this.out.issue(
        meta,
        `SMB2 ${command === NEGOTIATE ? 'NEGOTIATE' : 'SESSION_SETUP'} at frame ${meta.frame}: its security buffer (offset ${offset}, ${length} bytes) runs past the message`,
      );
      return;
    }
    const name = command === NEGOTIATE ? 'NEGOTIATE' : 'SESSION_SETUP';
    this.out.step({
      from: fromClient ? 'initiator' : 'acceptor',
      token: h.slice(offset, offset + length),
      carrier: `SMB2 ${name} ${response ? 'response' : 'request'}`,
      ...(response ? { status, statusText } : {}),
      frame: meta.frame,
      time: meta.time,
    });
  }
}
