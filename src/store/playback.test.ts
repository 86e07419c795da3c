import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE_STEP_MS, createPlayback } from './playback';

describe('playback', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('plays one step per interval and stops on the last step', () => {
    const p = createPlayback();
    p.getState().setCount(3);
    p.getState().play();
    expect(p.getState()).toMatchObject({ index: 0, playing: true });
    vi.advanceTimersByTime(BASE_STEP_MS);
    expect(p.getState().index).toBe(1);
    vi.advanceTimersByTime(BASE_STEP_MS);
    expect(p.getState()).toMatchObject({ index: 2, playing: false });
    vi.advanceTimersByTime(BASE_STEP_MS * 3);
    expect(p.getState().index).toBe(2);
  });

  it('starts over when played from the end, and runs faster at a higher speed', () => {
    const p = createPlayback();
    p.getState().setCount(4);
    p.getState().last();
    p.getState().setSpeed(4);
    p.getState().play();
    expect(p.getState().index).toBe(0);
    vi.advanceTimersByTime(BASE_STEP_MS / 4);
    expect(p.getState().index).toBe(1);
  });

  it('stepping by hand pauses and stays within the sequence', () => {
    const p = createPlayback();
    p.getState().setCount(2);
    p.getState().play();
    p.getState().next();
    expect(p.getState()).toMatchObject({ index: 1, playing: false });
    p.getState().next();
    expect(p.getState().index).toBe(1);
    p.getState().previous();
    p.getState().previous();
    expect(p.getState().index).toBe(0);
    vi.advanceTimersByTime(BASE_STEP_MS * 2);
    expect(p.getState().index).toBe(0);
  });

  it('keeps the cursor when a new sequence still holds it, and clamps it otherwise', () => {
    const p = createPlayback();
    p.getState().setCount(6);
    p.getState().goTo(4);
    p.getState().setCount(5);
    expect(p.getState().index).toBe(4);
    p.getState().setCount(2);
    expect(p.getState().index).toBe(1);
  });

  it('does not play a single message', () => {
    const p = createPlayback();
    p.getState().setCount(1);
    p.getState().toggle();
    expect(p.getState().playing).toBe(false);
  });
});
