import { create } from 'zustand';
import type { InputFormat } from '../codec';
import { toHex } from '../bytes';
import { useAnalysisStore } from './analysis';
import type { DecodedTokenBytes } from '../codec';
import { isDecoded, prestartAnalysis, request, type PasteDecoding } from './analysis-runner';
import { exchangePlayback } from './playback';
import { currentSecrets, useSecretsStore } from './secrets';

/**
 * Starts the analysis worker, where every paste is decoded: fetched and compiled once the page is
 * idle or the Decode view opens, so the first paste decodes at once and the page never loads
 * the decoder itself.
 */
export function loadDecoder(): Promise<void> {
  prestartAnalysis();
  return Promise.resolve();
}

export type DecodeResult = PasteDecoding;

/** The Decode view's state: what was pasted, in which form, and what it decoded to. */
export interface DecodeState {
  input: string | Uint8Array;
  /** Shown in the textarea (a dropped binary file shows a note instead of its bytes). */
  text: string;
  /** The dropped or picked file's name, when the input is one. */
  fileName: string | null;
  format: InputFormat | 'auto';
  result: DecodeResult | null;
  /** A long paste's token shown (its tree sent by the worker when it is shown). */
  detail: { index: number; token: DecodedTokenBytes } | null;
  /** The worker is decoding the input. */
  decoding: boolean;
  /** The worker could not be started or failed. */
  loadError: string | null;
  /**
   * The user asked for a link that carries the paste. Until then (and again after any edit) the
   * paste stays out of the address bar: tokens are credentials.
   */
  shared: boolean;
  /** A shared link's step, applied once its paste is decoded. */
  pendingStep: number | null;
  setText(text: string): void;
  setFile(name: string, bytes: Uint8Array): void;
  setFormat(format: InputFormat | 'auto'): void;
  /** Puts the paste into the link. */
  share(): void;
  /** Opens a paste that came from a shared link. */
  openShared(text: string, format: InputFormat | 'auto', step?: number): void;
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

/** The latest paste request: an older reply is stale. */
let pasteRequest = 0;
/** The latest request for a long paste's token. */
let tokenRequest = 0;

export const useDecodeStore = create<DecodeState>((set, get) => {
  /**
   * Decodes and analyses the current input in the worker; the page stays responsive whatever
   * its size. `keepStep`: the same paste again (new secrets), so the step shown stays.
   */
  const refresh = (keepStep = false) => {
    const { input, format } = get();
    if (typeof input === 'string' && input.trim() === '') {
      pasteRequest = 0;
      set({ result: null, detail: null, decoding: false, loadError: null });
      useAnalysisStore.getState().setPasteExchange(null);
      exchangePlayback.getState().setCount(0);
      return;
    }
    set({ decoding: true });
    const secrets = currentSecrets(useSecretsStore.getState());
    const id = request(
      (id) => ({ kind: 'paste', id, input, format, secrets }),
      (reply) => {
        if (id !== pasteRequest) return;
        if (reply.kind === 'error') {
          set({ decoding: false, loadError: reply.message });
          return;
        }
        if (reply.kind !== 'paste') return;
        const result = reply.result;
        set({ result, detail: null, decoding: false, loadError: null });
        useAnalysisStore.getState().setPasteExchange(result.exchange);
        const playback = exchangePlayback.getState();
        playback.setCount(result.tokens.length);
        const step = get().pendingStep;
        if (step !== null) {
          set({ pendingStep: null });
          playback.goTo(step);
        } else if (!keepStep) playback.first();
        fetchDetail();
      },
    );
    pasteRequest = id;
  };

  /** A long paste's token, asked of the worker when shown (its head alone is here). */
  const fetchDetail = () => {
    const { result, detail } = get();
    const index = exchangePlayback.getState().index;
    const shown = result?.tokens[index];
    if (!shown || isDecoded(shown) || detail?.index === index) return;
    const paste = pasteRequest;
    const id = request(
      (id) => ({ kind: 'token', id, paste, index }),
      (reply) => {
        if (id === tokenRequest && reply.kind === 'token')
          set({ detail: { index: reply.index, token: reply.token } });
      },
    );
    tokenRequest = id;
  };
  exchangePlayback.subscribe((s, prev) => {
    if (s.index !== prev.index) fetchDetail();
  });

  // Back from a capture, the paste's tokens are stepped through again.
  useAnalysisStore.subscribe((s, prev) => {
    if (s.source === 'paste' && prev.source === 'capture') {
      exchangePlayback.getState().setCount(get().result?.tokens.length ?? 0);
      exchangePlayback.getState().first();
      fetchDetail();
    }
  });

  /** A new paste replaces any capture shown. */
  const showPaste = () => useAnalysisStore.getState().closeCapture();

  // New secrets analyse the paste again (the capture's chosen exchange: see analysis.ts).
  useSecretsStore.subscribe(() => {
    if (get().result !== null || get().decoding) refresh(true);
  });

  return {
    input: '',
    text: '',
    fileName: null,
    format: 'auto',
    result: null,
    detail: null,
    decoding: false,
    loadError: null,
    shared: false,
    pendingStep: null,
    setText: (text) => {
      set({ input: text, text, fileName: null, shared: false, pendingStep: null });
      showPaste();
      refresh();
    },
    setFile: (name, bytes) => {
      set({
        input: bytes,
        text: `(file ${name}, ${bytes.length} bytes)`,
        fileName: name,
        shared: false,
        pendingStep: null,
      });
      showPaste();
      refresh();
    },
    setFormat: (format) => {
      set({ format, shared: false });
      refresh();
    },
    share: () => set({ shared: true }),
    openShared: (text, format, step) => {
      set({ input: text, text, fileName: null, format, shared: true, pendingStep: step ?? null });
      showPaste();
      refresh();
    },
  };
});
