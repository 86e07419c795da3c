// First: starts the engine's worker and mermaid as soon as the static frame has painted.
import './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadDecoder } from '../store/decode';
import { whenIdle, whenSettled } from '../store/schedule';
import { startUrlSync } from '../store/url-sync';
import { App } from './App';
import { registerServiceWorker } from './offline';
import './styles.css';

// An explicit theme choice is already on <html>: public/theme.js sets it before the first paint.
startUrlSync();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The decoder is not needed to show the simulator; fetched when idle, the first paste is instant.
whenSettled(() => whenIdle(() => void loadDecoder().catch(() => undefined)));
registerServiceWorker();
