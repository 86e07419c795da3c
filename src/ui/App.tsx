import { useViewStore } from '../store/view';
import { Icon } from './common/Icon';
import { DecodeView } from './decode/DecodeView';
import { DifferencesView } from './differences/DifferencesView';
import { LessonView } from './lesson/LessonView';
import { SimulateView } from './simulate/SimulateView';
import { ThemeSelect } from './theme/ThemeSelect';
import { VIEW_PANEL_ID, ViewTabs, viewTabId } from './ViewTabs';

export function App() {
  const view = useViewStore((s) => s.view);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">
          <img src="./favicon.svg" alt="" width="24" height="24" /> SPNEGO Lab
        </h1>
        <ViewTabs />
        <p className="privacy">
          <Icon name="lock" /> Runs entirely in your browser
        </p>
        <ThemeSelect />
      </header>
      <main>
        <div id={VIEW_PANEL_ID} role="tabpanel" aria-labelledby={viewTabId(view)}>
          {view === 'simulate' ? (
            <SimulateView />
          ) : view === 'lesson' ? (
            <LessonView />
          ) : view === 'differences' ? (
            <DifferencesView />
          ) : (
            <DecodeView />
          )}
        </div>
      </main>
    </div>
  );
}
