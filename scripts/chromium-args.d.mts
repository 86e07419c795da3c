/** Chromium's flags for the browser tests and the speed benchmark (see chromium-args.mjs). */
export declare const CHROMIUM_ARGS: string[];
