import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED_OPTIONS, formatEmbedOptions, parseEmbedOptions } from './options';

describe('embed options', () => {
  it('default to the diagram with its inspector, full height', () => {
    expect(parseEmbedOptions('#scenario=kerberos-to-ntlm-fallback&step=3')).toEqual(
      DEFAULT_EMBED_OPTIONS,
    );
    expect(DEFAULT_EMBED_OPTIONS).toEqual({ narrative: false, inspector: true, compact: false });
  });

  it('read bare keys and 1/true as on, 0/false as off', () => {
    expect(parseEmbedOptions('#scenario=x&narrative&inspector=0&compact=1')).toEqual({
      narrative: true,
      inspector: false,
      compact: true,
    });
    expect(parseEmbedOptions('narrative=true&inspector=false&compact=0')).toEqual({
      narrative: true,
      inspector: false,
      compact: false,
    });
    expect(parseEmbedOptions('#inspector=1&narrative=off').inspector).toBe(true);
    expect(parseEmbedOptions('#inspector=1&narrative=off').narrative).toBe(false);
  });

  it('are written back as the keys that differ from the defaults, and read back the same', () => {
    expect(formatEmbedOptions(DEFAULT_EMBED_OPTIONS)).toBe('');
    const options = { narrative: true, inspector: false, compact: true };
    expect(formatEmbedOptions(options)).toBe('narrative&inspector=0&compact');
    expect(parseEmbedOptions(`#view=simulate&step=2&${formatEmbedOptions(options)}`)).toEqual(
      options,
    );
  });
});
