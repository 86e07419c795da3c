import { describe, expect, it } from 'vitest';
import { embedUrl, iframeSnippet } from './snippet';

describe('embed snippet', () => {
  it('points at embed.html beside the page the user is on, under any sub-path', () => {
    const hash = '#view=simulate&scenario=kerberos-to-ntlm-fallback&step=3';
    expect(embedUrl(hash, 'https://docs.example.org/docs/spnego-lab/#view=simulate')).toBe(
      `https://docs.example.org/docs/spnego-lab/embed.html${hash}`,
    );
    expect(embedUrl(hash, 'http://127.0.0.1:4173/index.html?x=1')).toBe(
      `http://127.0.0.1:4173/embed.html${hash}`,
    );
  });

  it('escapes the address and title, and listens only to the frame’s own origin', () => {
    const snippet = iframeSnippet(
      'https://docs.example.org/lab/embed.html#view=simulate&scenario=ntlm&step=2',
      'SPNEGO Lab: "NTLM" <only>',
    );
    expect(snippet).toContain(
      'src="https://docs.example.org/lab/embed.html#view=simulate&amp;scenario=ntlm&amp;step=2"',
    );
    expect(snippet).toContain('title="SPNEGO Lab: &quot;NTLM&quot; &lt;only>"');
    expect(snippet).toContain(`e.origin !== "https://docs.example.org"`);
    expect(snippet).toContain("e.data?.type !== 'spnego-lab:height'");
  });
});
