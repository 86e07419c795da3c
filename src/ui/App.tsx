import { useViewStore } from '../store/view';
import type { View } from '../store/link';
import { Icon } from './common/Icon';
import { DecodeView } from './decode/DecodeView';
import { SimulateView } from './simulate/SimulateView';
import { ThemeSelect } from './theme/ThemeSelect';

const VIEWS: { id: View; label: string }[] = [
  { id: 'simulate', label: 'Simulate' },
  { id: 'decode', label: 'Decode' },
];

export function App() {
  const view = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">
          <img src="./favicon.svg" alt="" width="24" height="24" /> SPNEGO Lab
        </h1>
        <nav className="views" aria-label="Views">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              className="view-button"
              aria-current={view === v.id ? 'page' : undefined}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
        <p className="privacy">
          <Icon name="lock" /> Runs entirely in your browser
        </p>
        <ThemeSelect />
      </header>
      <main>{view === 'simulate' ? <SimulateView /> : <DecodeView />}</main>
    </div>
  );
}
