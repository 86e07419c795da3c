import type { ConfigPatch, SimConfig } from '../protocol/config';

const NESTED = ['initiator', 'acceptor', 'kerberos', 'faults'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The smallest patch that turns `base` into `config` (what a link needs to carry). */
export function configPatch(base: SimConfig, config: SimConfig): ConfigPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(config) as (keyof SimConfig)[]) {
    if ((NESTED as readonly string[]).includes(key)) {
      const inner: Record<string, unknown> = {};
      const from = base[key] as unknown as Record<string, unknown>;
      const to = config[key] as unknown as Record<string, unknown>;
      for (const k of Object.keys(to)) if (!same(from[k], to[k])) inner[k] = to[k];
      if (Object.keys(inner).length) patch[key] = inner;
    } else if (!same(base[key], config[key])) patch[key] = config[key];
  }
  return patch as ConfigPatch;
}

export function isModified(base: SimConfig, config: SimConfig): boolean {
  return Object.keys(configPatch(base, config)).length > 0;
}
