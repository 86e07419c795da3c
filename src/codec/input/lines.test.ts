import { describe, expect, it } from 'vitest';
import { iterateLines } from './lines';

const spans = (text: string) =>
  [...iterateLines(text)].map((l) => [l.number, text.slice(l.start, l.end)]);

describe('iterateLines', () => {
  it('splits on LF, CRLF and lone CR alike', () => {
    expect(spans('a\nb\r\nc\rd')).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it('yields the empty line after a final break, and one line for empty text', () => {
    expect(spans('a\n')).toEqual([
      [1, 'a'],
      [2, ''],
    ]);
    expect(spans('')).toEqual([[1, '']]);
    expect(spans('\r\n\r\n')).toEqual([
      [1, ''],
      [2, ''],
      [3, ''],
    ]);
  });

  it('gives next positions that skip the whole break', () => {
    expect([...iterateLines('ab\r\ncd')].map((l) => l.next)).toEqual([4, 7]);
  });
});
