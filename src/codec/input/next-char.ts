/**
 * Finds the next occurrence of one character at or after a position that only moves forward,
 * remembering the last answer: asking once per line stays linear even when the character never
 * occurs (a plain indexOf per line would rescan the rest of the text every time).
 */
export class NextCharFinder {
  private cached: number;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {
    this.cached = text.indexOf(char);
  }

  /** Index of the character at or after `from`, or -1. */
  from(from: number): number {
    if (this.cached !== -1 && this.cached < from) this.cached = this.text.indexOf(this.char, from);
    return this.cached;
  }

  /** True when the character occurs in [from, to). */
  occursIn(from: number, to: number): boolean {
    const at = this.from(from);
    return at !== -1 && at < to;
  }
}
