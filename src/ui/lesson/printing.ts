import { createContext, useCallback, useContext, useEffect, useState } from 'react';

/**
 * True while the page is printed (or shown as print media): every disclosure opens, so the paper
 * holds every step. `beforeprint` covers the browser's Print; the media query covers print
 * emulation and PDF export, which do not always fire it.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(
    () => typeof window !== 'undefined' && window.matchMedia('print').matches,
  );
  useEffect(() => {
    const media = window.matchMedia('print');
    const onMedia = () => setPrinting(media.matches);
    const before = () => setPrinting(true);
    const after = () => setPrinting(media.matches);
    media.addEventListener('change', onMedia);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      media.removeEventListener('change', onMedia);
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}

/** "Open all" / "close all": `version` counts the presses, so every disclosure follows the last. */
export interface OpenAll {
  open: boolean;
  version: number;
  printing: boolean;
}

export const OpenAllContext = createContext<OpenAll>({ open: false, version: 0, printing: false });

/**
 * A disclosure's open state: its own, until the next "open all"/"close all" (a later `version`)
 * overrides it; printing opens it.
 */
export function useDisclosure(initial = false): [boolean, (open: boolean) => void] {
  const all = useContext(OpenAllContext);
  const [own, setOwn] = useState({ open: initial || all.open, version: all.version });
  const open = all.version > own.version ? all.open : own.open;
  const set = useCallback(
    (next: boolean) => setOwn({ open: next, version: all.version }),
    [all.version],
  );
  return [open || all.printing, set];
}
