import { describe, expect, it } from 'vitest';
import { html } from './html.ts';

describe('html', () => {
  it('escapes interpolated text, including attributes and nested arrays', () => {
    const payload = `<img src=x onerror="alert('x')">&`;
    const out = html`<p title="${payload}">${[payload, html`<b>${payload}</b>`]}</p>`.value;
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;');
    expect(out).toContain('<b>&lt;img');
  });

  it('renders nothing for null, undefined and false', () => {
    expect(html`a${null}${undefined}${false}b`.value).toBe('ab');
  });
});
