import { createStore, useStore, type StoreApi } from 'zustand';

/** Playback speeds offered, as multiples of the base pace. */
export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** Milliseconds a step stays current at speed 1: long enough to read a label aloud. */
export const BASE_STEP_MS = 1600;

/** A cursor over a sequence of messages that can advance by itself. */
export interface PlaybackState {
  /** The current message, 0-based; 0 when there are none. */
  index: number;
  count: number;
  playing: boolean;
  speed: Speed;
  play(): void;
  pause(): void;
  toggle(): void;
  next(): void;
  previous(): void;
  first(): void;
  last(): void;
  goTo(index: number): void;
  setSpeed(speed: Speed): void;
  /** A new sequence arrived: keep the cursor where it is if it still fits. */
  setCount(count: number): void;
}

export type PlaybackStore = StoreApi<PlaybackState>;

/** One store per sequence (the simulated run, a pasted exchange): same controls, separate cursors. */
export function createPlayback(): PlaybackStore {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stopTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  return createStore<PlaybackState>((set, get) => {
    const schedule = () => {
      stopTimer();
      timer = setTimeout(tick, BASE_STEP_MS / get().speed);
    };
    const tick = () => {
      timer = null;
      const { index, count, playing } = get();
      if (!playing) return;
      if (index + 1 < count) {
        set({ index: index + 1 });
        if (index + 2 < count) schedule();
        else set({ playing: false });
      } else set({ playing: false });
    };
    const clamp = (i: number) => Math.max(0, Math.min(get().count - 1, i));
    // Stepping by hand takes over from the timer.
    const moveTo = (i: number) => {
      stopTimer();
      set({ index: clamp(i), playing: false });
    };

    return {
      index: 0,
      count: 0,
      playing: false,
      speed: 1,
      play: () => {
        const { count, index } = get();
        if (count < 2) return;
        // Playing from the last step starts over: that is what a lecturer pressing Play wants.
        set({ playing: true, index: index >= count - 1 ? 0 : index });
        schedule();
      },
      pause: () => {
        stopTimer();
        set({ playing: false });
      },
      toggle: () => (get().playing ? get().pause() : get().play()),
      next: () => moveTo(get().index + 1),
      previous: () => moveTo(get().index - 1),
      first: () => moveTo(0),
      last: () => moveTo(get().count - 1),
      goTo: (i) => moveTo(i),
      setSpeed: (speed) => {
        set({ speed });
        if (get().playing) schedule();
      },
      setCount: (count) => {
        const index = Math.max(0, Math.min(count - 1, get().index));
        if (get().playing && index >= count - 1) stopTimer();
        set({ count, index, playing: get().playing && index < count - 1 });
      },
    };
  });
}

/** The simulated run's cursor. */
export const simulationPlayback = createPlayback();
/** The cursor over a pasted HTTP exchange. */
export const exchangePlayback = createPlayback();

export function usePlayback<T>(store: PlaybackStore, select: (s: PlaybackState) => T): T {
  return useStore(store, select);
}
