import { create } from 'zustand';
import type { DecodedTokenBytes, InputFormat, Issue } from '../codec';
import { exchangePlayback } from './playback';
import { toHex } from '../bytes';

type Codec = typeof import('../codec');

let codec: Codec | null = null;
let loading: Promise<Codec> | null = null;

/**
 * The decoder (with asn1js, the largest part of the app after React) is its own chunk: the page
 * paints without it, it is fetched once the page is idle or a paste arrives, whichever is first.
 */
export function loadDecoder(): Promise<Codec> {
  loading ??= import('../codec').then(
    (m) => (codec = m),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

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
  /** The input waits for the decoder's chunk (only the first paste of a visit can). */
  decoding: boolean;
  /** The decoder's chunk could not be fetched. */
  loadError: string | null;
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

function decode(
  { decodeInput }: Codec,
  input: string | Uint8Array,
  format: InputFormat | 'auto',
): DecodeResult {
  const result = decodeInput(input, format);
  exchangePlayback.getState().setCount(result.tokens.length);
  exchangePlayback.getState().first();
  return result;
}

export const useDecodeStore = create<DecodeState>((set, get) => {
  /** Decodes the current input: at once when the decoder is here, else as soon as it arrives. */
  const refresh = () => {
    const { input, format } = get();
    if (typeof input === 'string' && input.trim() === '') {
      set({ result: null, decoding: false });
      return;
    }
    if (codec) {
      set({ result: decode(codec, input, format), decoding: false, loadError: null });
      return;
    }
    set({ result: null, decoding: true });
    loadDecoder().then(
      () => {
        // A later edit has already asked for its own result; decode whatever is current.
        if (get().input === input && get().format === format) refresh();
      },
      (err: unknown) =>
        set({ decoding: false, loadError: err instanceof Error ? err.message : String(err) }),
    );
  };

  return {
    input: '',
    text: '',
    format: 'auto',
    result: null,
    decoding: false,
    loadError: null,
    shared: false,
    setText: (text) => {
      set({ input: text, text, shared: false });
      refresh();
    },
    setFile: (name, bytes) => {
      set({ input: bytes, text: `(file ${name}, ${bytes.length} bytes)`, shared: false });
      refresh();
    },
    setFormat: (format) => {
      set({ format, shared: false });
      refresh();
    },
    share: () => set({ shared: true }),
    openShared: (text, format) => {
      set({ input: text, text, format, shared: true });
      refresh();
    },
  };
});
