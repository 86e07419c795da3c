import { leaf, need } from '../binary';
import { warn, type DecodeContext } from '../context';
import { SEAL_ALGS, SGN_ALGS } from '../../data/kerberos';
import type { Node } from '../tree';
import { toHex } from '../../bytes';

const FILLER = 0xff;

/**
 * RFC 1964 MIC (`01 01`), Wrap (`02 01`) and context-deletion (`01 02`) tokens, still used for DES3
 * and RC4-HMAC sessions (RFC 1964 §1.2; RFC 4757 for RC4). `start` is just past the
 * TOK_ID; the fields become children of `parent`, after the TOK_ID node.
 */
export function decodeRfc1964Token(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
  tokId: string,
): void {
  const b = ctx.bytes;
  const wrap = tokId === '0201';
  const spec = wrap ? 'RFC 1964 §1.2.2' : tokId === '0102' ? 'RFC 1964 §1.2.3' : 'RFC 1964 §1.2.1';
  let pos = start;

  need(b, pos, 2, end, 'SGN_ALG');
  const sgn = SGN_ALGS[toHex(b, pos, pos + 2)];
  const sgnNode = leaf(b, parent, 'SGN_ALG', pos, 2, { type: 'bytes', label: sgn?.name, spec });
  if (!sgn) warn(ctx, sgnNode, pos, 'unknown SGN_ALG; checksum length assumed to be 8');
  pos += 2;

  if (wrap) {
    need(b, pos, 2, end, 'SEAL_ALG');
    const seal = SEAL_ALGS[toHex(b, pos, pos + 2)];
    const sealNode = leaf(b, parent, 'SEAL_ALG', pos, 2, { type: 'bytes', label: seal, spec });
    if (!seal) warn(ctx, sealNode, pos, 'unknown SEAL_ALG');
    pos += 2;
  }
  const fillerLength = wrap ? 2 : 4;
  need(b, pos, fillerLength, end, 'Filler');
  const filler = leaf(b, parent, 'Filler', pos, fillerLength, { type: 'bytes', spec });
  if (b.subarray(pos, pos + fillerLength).some((x) => x !== FILLER)) {
    warn(ctx, filler, pos, 'Filler should be all ff');
  }
  pos += fillerLength;

  need(b, pos, 8, end, 'SND_SEQ');
  leaf(b, parent, 'SND_SEQ', pos, 8, { type: 'bytes', label: 'encrypted sequence number', spec });
  pos += 8;

  const checksumLength = sgn?.checksumLength ?? 8;
  need(b, pos, checksumLength, end, 'SGN_CKSUM');
  leaf(b, parent, 'SGN_CKSUM', pos, checksumLength, { type: 'bytes', spec });
  pos += checksumLength;

  if (wrap) {
    // The 8-byte confounder leads the (usually encrypted) data; padding ends it (RFC 1964 §1.2.2.3).
    need(b, pos, 8, end, 'Confounder');
    leaf(b, parent, 'Confounder', pos, 8, { type: 'bytes', spec });
    pos += 8;
    if (pos < end)
      leaf(b, parent, 'Data', pos, end - pos, { type: 'bytes', label: 'data and padding', spec });
  } else if (pos < end) {
    const extra = leaf(b, parent, 'trailing bytes', pos, end - pos, { type: 'bytes', spec });
    warn(ctx, extra, pos, `${end - pos} bytes after SGN_CKSUM`);
  }
}
