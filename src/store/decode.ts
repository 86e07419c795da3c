import { create } from 'zustand';
import { decodeInput, toHex, type DecodedTokenBytes, type InputFormat, type Issue } from '../codec';
import { exchangePlayback } from './playback';

export interface DecodeResult {
  tokens: DecodedTokenBytes[];
  errors: Issue[];
}

/** The Decode view's state: what was pasted, in which form, and what it decoded to. */
export interface DecodeState {
  input: string | Uint8Array;
  /** Shown in the textarea (a dropped binary file shows a note instead of its bytes). */
  text: string;
  format: InputFormat | 'auto';
  result: DecodeResult | null;
  /**
   * The user asked for a link that carries the paste. Until then (and again after any edit) the
   * paste stays out of the address bar: tokens are credentials.
   */
  shared: boolean;
  setText(text: string): void;
  setFile(name: string, bytes: Uint8Array): void;
  setFormat(format: InputFormat | 'auto'): void;
  /** Puts the paste into the link. */
  share(): void;
  /** Opens a paste that came from a shared link. */
  openShared(text: string, format: InputFormat | 'auto'): void;
}

/** What a link carries of the paste. A binary file travels as hex: the same bytes, as text. */
export function shareable(state: Pick<DecodeState, 'input' | 'format'>): {
  input: string;
  format: InputFormat | 'auto';
} {
  return typeof state.input === 'string'
    ? { input: state.input, format: state.format }
    : { input: toHex(state.input), format: 'hex' };
}

function decode(input: string | Uint8Array, format: InputFormat | 'auto'): DecodeResult | null {
  if (typeof input === 'string' && input.trim() === '') return null;
  const result = decodeInput(input, format);
  exchangePlayback.getState().setCount(result.tokens.length);
  exchangePlayback.getState().first();
  return result;
}

export const useDecodeStore = create<DecodeState>((set, get) => ({
  input: '',
  text: '',
  format: 'auto',
  result: null,
  shared: false,
  setText: (text) => set({ input: text, text, shared: false, result: decode(text, get().format) }),
  setFile: (name, bytes) =>
    set({
      input: bytes,
      text: `(file ${name}, ${bytes.length} bytes)`,
      shared: false,
      result: decode(bytes, get().format),
    }),
  setFormat: (format) => set({ format, shared: false, result: decode(get().input, format) }),
  share: () => set({ shared: true }),
  openShared: (text, format) =>
    set({ input: text, text, format, shared: true, result: decode(text, format) }),
}));
