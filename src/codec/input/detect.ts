import { isCleanBase64 } from './base64';
import { looksLikeEscapedString } from './escaped-string';
import { looksLikeHar } from './har';
import { hexShape } from './hex';
import { looksLikeHexDump } from './hexdump';
import { containsHttpAuth } from './http';
import { containsBinaryControl } from './text-bytes';
import { unquotedRange } from './text-range';
import type { InputFormat } from './types';

/**
 * What extractTokens(text, 'auto') decodes the text as. The first rule that matches wins:
 *
 * 1. http: a HAR export (a JSON object naming `log` and `entries`), or some line is an Authorization / WWW-Authenticate / Proxy-Authorization /
 *    Proxy-Authenticate header (also after curl's `> ` / `< `, or quoted as in `-H '...'` or
 *    JSON), or a bare `Negotiate|NTLM|Kerberos <base64>` line.
 * 2. binary: the string holds control characters that pasted text never contains, so it is raw
 *    bytes one per character.
 * 3. hexdump: the offset-column layout of xxd (`00000000: `), hexdump -C (`|...|`), tcpdump -X
 *    (`0x0000: `) or Wireshark / tshark -x (`0000  60 76 ...`, which needs offset 0 or a next
 *    line whose offset advances by the bytes shown, since it could also be plain hex).
 * 4. hex: a C / Python string literal of `\x` escapes; or nothing but hex digits, separators
 *    (whitespace : - , ;) and `0x` / `\x` prefixes, possibly inside a source-code array, with
 *    every digit group of even length.
 *    Hex digits alone are valid base64 too (`a1073005a0030a0102`): then hex wins, because
 *    base64 of real data avoids the 42 letters beyond a-f with odds of about 4^-length.
 *    Hex-shaped text with an odd group is base64 if it decodes cleanly as base64 (`abc`), and
 *    otherwise hex, so that the odd group is what gets reported.
 * 5. base64 (standard or URL-safe): everything else, including empty text; its decoder
 *    reports any character that does not belong.
 */
export function detectFormat(text: string): InputFormat {
  if (looksLikeHar(text) || containsHttpAuth(text)) return 'http';
  if (containsBinaryControl(text)) return 'binary';
  if (looksLikeHexDump(text)) return 'hexdump';
  if (looksLikeEscapedString(text)) return 'hex';
  const shape = hexShape(text);
  if (shape === 'hex') return 'hex';
  if (shape === 'odd') {
    const range = unquotedRange(text);
    return isCleanBase64(text, range.start, range.end) ? 'base64' : 'hex';
  }
  return 'base64';
}
