import { ByteBuilder } from './byte-builder';
import { describeChar, notAByteMessage, type ErrorSink } from './errors';
import { hexDigitValue, isHexDigit } from './hex-digit';
import { isWhitespace } from './lines';

const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;

// Single-character escapes shared by C and Python.
const SIMPLE_ESCAPES: Record<string, number> = {
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  v: 0x0b,
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  '?': 0x3f,
};

function isQuote(code: number): boolean {
  return code === DOUBLE_QUOTE || code === SINGLE_QUOTE;
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/**
 * A C or Python string literal full of `\x` escapes: `"\x60\x76..."`, `b'`v\x06\x06+...'`
 * (Python's repr keeps printable bytes as themselves), Wireshark's "Copy as Escaped String".
 */
export function looksLikeEscapedString(text: string): boolean {
  const escape = text.search(/\\x[0-9A-Fa-f]/);
  if (escape === -1) return false;
  const quote = text.search(/["']/);
  return quote !== -1 && quote < escape;
}

// Between adjacent literals ("..." "..." / b'...' + b'...' / C's trailing \ continuation) only
// these may appear; anything else would be silently dropped data.
function isJoinerChar(code: number): boolean {
  return (
    isWhitespace(code) ||
    code === 0x2b || // +
    code === BACKSLASH ||
    code === 0x2c || // ,
    code === 0x28 || // (
    code === 0x29 || // )
    code === 0x3b || // ;
    'bBrRuU'.includes(String.fromCharCode(code))
  );
}

/** Parses one escape at `i` (the char after the backslash); returns the index after it. */
function readEscape(text: string, i: number, out: ByteBuilder, errors: ErrorSink): number {
  const letter = text[i];
  if (letter === 'x' || letter === 'X') {
    // Python takes exactly two digits; C would take more, but never for a byte.
    let value = 0;
    let j = i + 1;
    while (j < i + 3 && isHexDigit(text.charCodeAt(j))) {
      value = value * 16 + hexDigitValue(text.charCodeAt(j));
      j++;
    }
    if (j === i + 1) errors.add(i - 1, `'\\x' without hex digits at offset ${i - 1}`);
    else out.push(value);
    return j;
  }
  if (letter >= '0' && letter <= '7') {
    let value = 0;
    let j = i;
    while (j < i + 3 && text[j] >= '0' && text[j] <= '7') {
      value = value * 8 + Number(text[j]);
      j++;
    }
    if (value > 0xff) errors.add(i - 1, `octal escape above 0xff at offset ${i - 1}`);
    else out.push(value);
    return j;
  }
  if (isLineBreak(text.charCodeAt(i))) {
    // Backslash-newline continues the literal on the next line.
    return text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
  }
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) {
    out.push(simple);
    return i + 1;
  }
  errors.add(i - 1, `unsupported escape '\\${letter ?? ''}' at offset ${i - 1}`);
  return i + 1;
}

/** Reads the literal whose opening quote is at `open`; returns the index after its closing quote. */
function readLiteral(text: string, open: number, out: ByteBuilder, errors: ErrorSink): number {
  const quote = text.charCodeAt(open);
  let i = open + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === quote) return i + 1;
    if (isLineBreak(code)) break;
    if (code === BACKSLASH) {
      i = readEscape(text, i + 1, out, errors);
      continue;
    }
    if (code > 0xff) {
      errors.add(i, notAByteMessage(text, i));
      i += code >= 0xd800 && code < 0xdc00 ? 2 : 1;
      continue;
    }
    out.push(code);
    i++;
  }
  errors.add(open, `string literal opened at offset ${open} is not closed on its line`);
  return i;
}

export function decodeEscapedString(text: string, errors: ErrorSink): Uint8Array | null {
  const before = errors.count;
  const out = new ByteBuilder(text.length >>> 2);
  // Whatever precedes the first quote is a declaration (`char x[] = `, `data = `) and ignored.
  let i = text.search(/["']/);
  let lastClose = i;
  while (i !== -1 && i < text.length) {
    const code = text.charCodeAt(i);
    if (isQuote(code)) {
      i = readLiteral(text, i, out, errors);
      lastClose = i;
    } else if (isJoinerChar(code)) {
      i++;
    } else {
      break;
    }
  }
  // Text after the last literal (`;`, `unsigned int x_len = 120;`) is ignored, unless another
  // literal follows it: then bytes would be lost, so say so.
  if (i !== -1 && i < text.length) {
    const laterQuote = text.slice(i).search(/["']/);
    if (laterQuote !== -1) {
      errors.add(i, `unexpected ${describeChar(text, i)} between string literals at offset ${i}`);
    }
  }
  if (lastClose === -1) errors.add(0, 'no string literal found');
  if (errors.count > before) return null;
  return out.toBytes();
}
