import { create } from 'zustand';
import type { View } from './link';

/** Which of the two views is open. */
export interface ViewState {
  view: View;
  setView(view: View): void;
}

export const useViewStore = create<ViewState>((set) => ({
  view: 'simulate',
  setView: (view) => set({ view }),
}));
