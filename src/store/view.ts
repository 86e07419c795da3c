import { create } from 'zustand';
import type { View } from './link';

/** Which run the Lesson view lays out: the simulator's, or the Decode view's analysed exchange. */
export type LessonSource = 'simulate' | 'decode';

/** Which view is open. */
export interface ViewState {
  view: View;
  /** The Lesson's run: that of the view the user came from (the simulated run at first). */
  lessonSource: LessonSource;
  /** The entry the Differences view highlights (from a link), or null. */
  difference: string | null;
  setView(view: View): void;
  setLessonSource(source: LessonSource): void;
  setDifference(id: string | null): void;
}

export const useViewStore = create<ViewState>((set) => ({
  view: 'simulate',
  lessonSource: 'simulate',
  difference: null,
  // The Lesson lays out the run of the simulator or of the Decode view, whichever was last open.
  setView: (view) =>
    set(view === 'simulate' || view === 'decode' ? { view, lessonSource: view } : { view }),
  setLessonSource: (lessonSource) => set({ lessonSource }),
  setDifference: (difference) => set({ difference }),
}));
