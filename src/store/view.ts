import { create } from 'zustand';
import type { View } from './link';

/** Which run the Lesson view lays out: the simulator's, or the Decode view's analysed exchange. */
export type LessonSource = 'simulate' | 'decode';

/** Which view is open. */
export interface ViewState {
  view: View;
  /** The Lesson's run: that of the view the user came from (the simulated run at first). */
  lessonSource: LessonSource;
  setView(view: View): void;
  setLessonSource(source: LessonSource): void;
}

export const useViewStore = create<ViewState>((set) => ({
  view: 'simulate',
  lessonSource: 'simulate',
  setView: (view) => set(view === 'lesson' ? { view } : { view, lessonSource: view }),
  setLessonSource: (lessonSource) => set({ lessonSource }),
}));
