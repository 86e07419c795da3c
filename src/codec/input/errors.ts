import type { InputError } from './types';

// A pasted 50 MB file of garbage must not produce millions of error objects.
const MAX_REPORTED_ERRORS = 50;

/** Collects errors, keeping the first few and counting the rest. */
export class ErrorSink {
  private readonly reported: InputError[] = [];
  private dropped = 0;
  private lastDroppedOffset = 0;

  /** Total errors added, including those not kept. */
  get count(): number {
    return this.reported.length + this.dropped;
  }

  get isFull(): boolean {
    return this.reported.length >= MAX_REPORTED_ERRORS;
  }

  /** A function as `message` is only called if the error is kept, sparing hot loops the cost. */
  add(offset: number, message: string | (() => string)): void {
    if (this.isFull) {
      this.dropped++;
      this.lastDroppedOffset = offset;
      return;
    }
    this.reported.push({ offset, message: typeof message === 'string' ? message : message() });
  }

  toArray(): InputError[] {
    if (this.dropped === 0) return this.reported.slice();
    return [
      ...this.reported,
      {
        offset: this.lastDroppedOffset,
        message: `${this.dropped} more error${this.dropped === 1 ? '' : 's'} not shown`,
      },
    ];
  }
}

/** Renders the character at `offset` for an error message: `'!'` or `U+0007`. */
export function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const printable = code > 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
  if (!printable) return `U+${hex}`;
  const shown = String.fromCodePoint(code);
  return code < 0x80 ? `'${shown}'` : `'${shown}' (U+${hex})`;
}

/**
 * A deferred "invalid <what> character" message. Built by a function rather than an inline
 * arrow so that hot loops do not capture (and so reallocate per iteration) their index.
 */
export function invalidCharMessage(what: string, text: string, offset: number): () => string {
  return () => `invalid ${what} character ${describeChar(text, offset)} at offset ${offset}`;
}

/** A deferred message for a character that cannot be a byte (code point above 0xFF). */
export function notAByteMessage(text: string, offset: number, advice = ''): () => string {
  return () => `character ${describeChar(text, offset)} at offset ${offset} is not a byte${advice}`;
}
