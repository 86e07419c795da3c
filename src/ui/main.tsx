import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useSettingsStore } from '../store/settings';
import { startUrlSync } from '../store/url-sync';
import { App } from './App';
import './styles.css';

// An explicit theme applies before the first paint (the system's is CSS alone), so no flash.
const theme = useSettingsStore.getState().theme;
if (theme !== 'system') document.documentElement.dataset.theme = theme;

startUrlSync();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
