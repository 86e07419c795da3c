import { create } from 'zustand';
import { decodeInput, type DecodedTokenBytes, type InputFormat, type Issue } from '../codec';

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
  /** Which token of a multi-token paste is open. */
  tokenIndex: number;
  setText(text: string): void;
  setFile(name: string, bytes: Uint8Array): void;
  setFormat(format: InputFormat | 'auto'): void;
  selectToken(index: number): void;
}

function run(input: string | Uint8Array, format: InputFormat | 'auto'): DecodeResult | null {
  if (typeof input === 'string' && input.trim() === '') return null;
  return decodeInput(input, format);
}

export const useDecodeStore = create<DecodeState>((set, get) => ({
  input: '',
  text: '',
  format: 'auto',
  result: null,
  tokenIndex: 0,
  setText: (text) => set({ input: text, text, result: run(text, get().format), tokenIndex: 0 }),
  setFile: (name, bytes) =>
    set({
      input: bytes,
      text: `(file ${name}, ${bytes.length} bytes)`,
      result: run(bytes, get().format),
      tokenIndex: 0,
    }),
  setFormat: (format) => set({ format, result: run(get().input, format), tokenIndex: 0 }),
  selectToken: (tokenIndex) => set({ tokenIndex }),
}));
