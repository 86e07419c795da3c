import { describe, expect, it } from 'vitest';
import { detectFormat } from './index';
import {
  CURL_VERBOSE_EXCHANGE,
  REJECT_B64,
  REJECT_HEX,
  SAMBA_INIT_B64,
  SAMBA_INIT_PYTHON_REPR,
  SAMBA_INIT_TCPDUMP_X,
  SAMBA_INIT_XXD,
  SAMBA_INIT_XXD_I,
} from '../../testing/input/samples';

describe('detectFormat', () => {
  it('puts HTTP headers first, even next to a hex dump', () => {
    expect(detectFormat(CURL_VERBOSE_EXCHANGE)).toBe('http');
    expect(detectFormat(`${SAMBA_INIT_XXD}\nWWW-Authenticate: Negotiate ${REJECT_B64}`)).toBe(
      'http',
    );
  });

  it('does not see headers inside a dump of an HTTP packet', () => {
    const dump =
      '0040  f0 e6 41 75 74 68 6f 72 69 7a 61 74 69 6f 6e 3a   ..Authorization:\n' +
      '0050  20 4e 65 67 6f 74 69 61 74 65 20 59 49 49 3d 0d    Negotiate YII=.\n';
    expect(detectFormat(dump)).toBe('hexdump');
  });

  it('treats control characters as binary bytes', () => {
    expect(detectFormat('`v\u0006\u0006+\u0006\u0001')).toBe('binary');
    expect(detectFormat('\u0082abc')).toBe('binary');
  });

  it('recognises hex dumps by their offset column', () => {
    expect(detectFormat(SAMBA_INIT_XXD)).toBe('hexdump');
    expect(detectFormat(SAMBA_INIT_TCPDUMP_X)).toBe('hexdump');
    expect(detectFormat('0000   60 76 06 06   `v..')).toBe('hexdump');
  });

  it('reads a Wireshark-like line that does not start at offset 0 as plain hex', () => {
    // Without a colon, 0x or |...|, only offset 0 proves the first column is an offset.
    expect(detectFormat('0010  60 76 06 06')).toBe('hex');
  });

  it('prefers hex over base64 when every character is a hex digit', () => {
    expect(detectFormat(REJECT_HEX)).toBe('hex');
    expect(detectFormat('deadbeef')).toBe('hex');
    expect(detectFormat(REJECT_B64)).toBe('base64');
    expect(detectFormat(SAMBA_INIT_B64)).toBe('base64');
  });

  it('sends hex-looking text with an odd group to base64 only if it is clean base64', () => {
    expect(detectFormat('abc')).toBe('base64');
    expect(detectFormat('a1 07 3')).toBe('hex');
    expect(detectFormat('a1:07:3')).toBe('hex');
  });

  it('recognises source-code forms as hex', () => {
    expect(detectFormat(SAMBA_INIT_XXD_I)).toBe('hex');
    expect(detectFormat(SAMBA_INIT_PYTHON_REPR)).toBe('hex');
    expect(detectFormat('0xa1, 0x07, 0x30')).toBe('hex');
  });

  it('falls back to base64 for anything else, including empty text', () => {
    expect(detectFormat('')).toBe('base64');
    expect(detectFormat('not a token')).toBe('base64');
  });
});
