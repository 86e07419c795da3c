// First: starts the engine's worker and mermaid as soon as the static frame has painted.
import '../boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startUrlSync } from '../../store/url-sync';
import { registerServiceWorker } from '../offline';
import { EmbedApp } from './EmbedApp';
import { formatEmbedOptions, parseEmbedOptions } from './options';
import '../styles.css';

// What the frame shows besides the diagram (narrative, inspector, height), read before the link's
// own keys are synced into the address.
const options = parseEmbedOptions(location.hash);
// The frame shows the view its address names, and computes nothing else; the address it writes as
// it steps keeps the options, so a reload shows the frame as embedded.
startUrlSync({ hiddenView: false, extra: formatEmbedOptions(options) });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbedApp options={options} />
  </StrictMode>,
);

registerServiceWorker();
