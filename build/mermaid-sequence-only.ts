import type { Plugin } from 'vite';

/**
 * The lazily loaded modules of mermaid the app uses: the sequence diagram's definition (the only
 * diagram it draws). Matched against the file name of what mermaid imports with `import()`
 * (`sequenceDiagram-WJ2MYXX4.mjs`: the name, then mermaid's build hash).
 */
export const KEPT_MERMAID_MODULES: readonly string[] = ['sequenceDiagram'];

/** Mermaid's own files: its entry and its chunks (`node_modules/mermaid/dist/…`). */
const MERMAID_FILE = /[\\/]node_modules[\\/]mermaid[\\/]dist[\\/].*\.mjs$/;

/** A dynamic import with a literal specifier: `import("./chunks/mermaid.core/ganttDiagram-X.mjs")`. */
const DYNAMIC_IMPORT = /\bimport\(\s*(["'])([^"'\n]+)\1\s*\)/g;

/** The module's name without its directory, extension and mermaid's build hash. */
export function mermaidModuleName(specifier: string): string {
  const file = specifier.split('/').at(-1) ?? specifier;
  return file.replace(/\.m?js$/, '').replace(/-[A-Z0-9]{8}$/, '');
}

/**
 * Mermaid 11 registers every diagram type (and every layout engine, and KaTeX for math labels)
 * as a loader around a dynamic `import()`: a bundler therefore emits all of them — about 3 MB of
 * flowchart, gantt, mindmap, architecture, cytoscape, KaTeX, langium grammars… — although only a
 * parsed diagram of that type ever loads one. Mermaid offers no build without them, so this plugin
 * rewrites, in mermaid's own files, every `import()` of a module not in `keep` into a rejected
 * promise with a clear error. The registrations stay (mermaid still recognises the other diagram
 * types) but drawing one fails with that message instead of fetching code the build left out.
 * Production builds only: the dev server pre-bundles mermaid whole.
 */
export function mermaidSequenceOnly(keep: readonly string[] = KEPT_MERMAID_MODULES): Plugin {
  return {
    name: 'spnego-lab-mermaid-sequence-only',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!MERMAID_FILE.test(id) || !code.includes('import(')) return null;
      let changed = false;
      const out = code.replace(DYNAMIC_IMPORT, (whole, _quote: string, specifier: string) => {
        const name = mermaidModuleName(specifier);
        if (keep.includes(name)) return whole;
        changed = true;
        const message = `mermaid's "${name}" is not part of this build: SPNEGO Lab draws sequence diagrams only (build/mermaid-sequence-only.ts)`;
        return `Promise.reject(new Error(${JSON.stringify(message)}))`;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}
