import { DecodeView } from './decode/DecodeView';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>SPNEGO Lab</h1>
        <p className="privacy">Decoded in your browser: nothing you paste leaves this page.</p>
      </header>
      <main>
        <DecodeView />
      </main>
    </div>
  );
}
