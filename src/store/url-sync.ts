import { create } from 'zustand';
import { findScenario } from '../protocol/scenarios';
import { configPatch } from './config-diff';
import { shareable, useDecodeStore } from './decode';
import { fieldPath, useInspectorStore } from './inspector';
import { formatLink, linkProblems, parseLink, type Link } from './link';
import { afterFirstPaint } from './schedule';
import { exchangePlayback, simulationPlayback } from './playback';
import { useSettingsStore } from './settings';
import { DEFAULT_SCENARIO, scenarioDefaults, useSimulationStore } from './simulation';
import { useViewStore } from './view';

/** What the link last opened could not honour (shown as an alert until dismissed). */
export interface LinkNoticeState {
  problems: string[];
  dismiss(): void;
}

export const useLinkNotice = create<LinkNoticeState>((set) => ({
  problems: [],
  dismiss: () => set({ problems: [] }),
}));

/** The inspector's selected field, as a link names it. */
function selectedField(): { field?: string } {
  const { root, selected } = useInspectorStore.getState();
  const path = root && selected ? fieldPath(root, selected) : null;
  return path === null ? {} : { field: path };
}

/** The link for the current state; the paste only when the user shared it. */
export function currentLink(): Link {
  const { view, lessonSource, difference } = useViewStore.getState();
  // The Differences view is a reference page: its link names the entry it shows, nothing else.
  if (view === 'differences') return difference ? { view, difference } : { view };
  // The Lesson of an analysed exchange links like the Decode view (its paste, when shared).
  if (view === 'decode' || (view === 'lesson' && lessonSource === 'decode')) {
    const decode = useDecodeStore.getState();
    if (!decode.shared) return { view };
    const shared = shareable(decode);
    return {
      view,
      input: shared.input,
      format: shared.format,
      step: exchangePlayback.getState().index || undefined,
      ...selectedField(),
    };
  }
  const sim = useSimulationStore.getState();
  const { presenter, hideFuture } = useSettingsStore.getState();
  return {
    view,
    scenario: sim.scenarioId,
    config: configPatch(scenarioDefaults(sim.scenarioId), sim.config),
    step: simulationPlayback.getState().index,
    ...(view === 'simulate' ? selectedField() : {}),
    ...(presenter ? { presenter } : {}),
    ...(hideFuture ? { hideFuture } : {}),
  };
}

/** Everything wrong with a hash, the scenario's existence included. */
function problemsOf(hash: string, link: Link): string[] {
  const problems = linkProblems(hash);
  if (link.scenario !== undefined && !findScenario(link.scenario))
    problems.unshift(`there is no scenario “${link.scenario}”`);
  return problems;
}

/**
 * `hiddenView`: also compute the run of the simulator while the decode view is shown, so switching
 * to it is instant (the app); an embedded frame shows one view only and does not.
 */
function apply(link: Link, initial = false, hiddenView = true): void {
  const views = useViewStore.getState();
  views.setView(link.view);
  if (link.view === 'differences') views.setDifference(link.difference ?? null);
  // A Lesson link with a paste lays out its analysed exchange; with a scenario, the simulated run.
  if (link.view === 'lesson' && (link.input !== undefined || link.scenario !== undefined))
    views.setLessonSource(link.input !== undefined ? 'decode' : 'simulate');
  // The field is selected once the step's token is in the inspector: a paste's when the worker
  // has decoded it (pending until then), a run's once it is computed and drawn at its step.
  const field = link.field;
  if (field !== undefined && link.input !== undefined)
    useInspectorStore.getState().selectField(field);
  const settings = useSettingsStore.getState();
  settings.setPresenter(link.presenter === true);
  settings.setHideFuture(link.hideFuture === true);
  const sim = useSimulationStore.getState();
  // (A Lesson step's bare anchor, #lesson-step-N, keeps the run already shown: LessonView moves.)
  const simulated =
    link.view === 'simulate' || (link.view === 'lesson' && link.scenario !== undefined);
  if (simulated || (!sim.run && hiddenView)) {
    const restore = () =>
      void sim
        .restore(link.scenario ?? DEFAULT_SCENARIO, link.config ?? {}, link.step ?? 0)
        .then(() => {
          if (field === undefined || link.input !== undefined) return;
          // The step's own tree: selected when the inspector shows it, whenever that is.
          const shown =
            useSimulationStore.getState().run?.decoded[simulationPlayback.getState().index];
          if (shown) useInspectorStore.getState().selectField(field, shown.sent.root);
        });
    // The page shows before the engine's worker is even fetched.
    if (initial) afterFirstPaint(restore);
    else restore();
  }
  if ((link.view === 'decode' || link.view === 'lesson') && link.input !== undefined) {
    // The step is applied once the worker has decoded the paste.
    useDecodeStore.getState().openShared(link.input, link.format ?? 'auto', link.step);
  }
}

/**
 * Keeps the address bar's hash in step with the stores (replaceState: stepping through a run
 * must not fill the history) and applies a hash the user types or follows.
 * `extra`: hash keys the link does not carry, appended to every hash written (an embedded frame's
 * own options, `narrative&inspector=0`), so a reload or a copied address keeps them.
 */
export function startUrlSync({
  hiddenView = true,
  extra = '',
}: { hiddenView?: boolean; extra?: string } = {}): () => void {
  let written = window.location.hash;
  const open = (hash: string, initial: boolean) => {
    const link = parseLink(hash);
    useLinkNotice.setState({ problems: problemsOf(hash, link) });
    apply(link, initial, hiddenView);
  };
  open(written, true);

  const write = () => {
    // The address changed under us (a link followed, its hashchange not yet handled): it wins.
    if (window.location.hash !== written) return;
    const link = formatLink(currentLink());
    const hash = extra ? `${link}&${extra}` : link;
    if (hash === written) return;
    written = hash;
    window.history.replaceState(null, '', hash);
  };
  const onHashChange = () => {
    if (window.location.hash === written) return;
    written = window.location.hash;
    open(written, false);
  };

  const unsubscribe = [
    useViewStore.subscribe(write),
    useSettingsStore.subscribe((s, prev) => {
      if (s.presenter !== prev.presenter || s.hideFuture !== prev.hideFuture) write();
    }),
    useSimulationStore.subscribe((s, prev) => {
      if (s.scenarioId !== prev.scenarioId || s.config !== prev.config) write();
    }),
    simulationPlayback.subscribe((s, prev) => {
      if (s.index !== prev.index) write();
    }),
    useDecodeStore.subscribe((s, prev) => {
      if (s.shared !== prev.shared || (s.shared && s.input !== prev.input)) write();
    }),
    exchangePlayback.subscribe((s, prev) => {
      if (s.index !== prev.index) write();
    }),
    useInspectorStore.subscribe((s, prev) => {
      if (s.selected !== prev.selected) write();
    }),
  ];
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe.forEach((u) => u());
    window.removeEventListener('hashchange', onHashChange);
  };
}
