import { describe, expect, it } from 'vitest';
import { html } from './html.ts';
import { renderLayout } from './layout.ts';

const page = (path: string, roles: string[]) =>
  renderLayout({
    locale: 'sv',
    title: 'T',
    active: 'matrix',
    account: { name: 'a@kommun.se', roles, csrfToken: 'x' },
    main: html`<p>main</p>`,
    path,
  });
const navLinks = (doc: string) =>
  [...(doc.match(/<nav[\s\S]*?<\/nav>/)?.[0] ?? '').matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('main navigation', () => {
  it('keeps the chosen period on the period pages only', () => {
    const links = navLinks(page('/matrix?from=2026-10-15&to=2026-10-28&by=place&cell=ar', ['analyst']));
    expect(links).toContain('/?from=2026-10-15&amp;to=2026-10-28');
    expect(links).toContain('/matrix?from=2026-10-15&amp;to=2026-10-28');
    expect(links).toContain('/posts?from=2026-10-15&amp;to=2026-10-28');
    expect(links).toContain('/sources');
    expect(links).toContain('/emerging');
  });

  it('shows role-bound entries only to those who hold the role', () => {
    expect(navLinks(page('/', ['viewer']))).not.toContain('/report');
    expect(navLinks(page('/', ['viewer']))).not.toContain('/jobs');
    expect(navLinks(page('/', ['analyst']))).toContain('/report');
    expect(navLinks(page('/', ['admin']))).toContain('/jobs');
    expect(navLinks(page('/', ['viewer']))).toEqual([
      '/',
      '/emerging',
      '/themes',
      '/matrix',
      '/posts',
      '/sources',
    ]);
  });
});
