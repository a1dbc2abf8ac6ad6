/** What every logged-in page needs besides its own data: locale, formatters, account, model version, sample count. */
import type { Request } from 'express';
import type { DashboardDeps } from '../app.ts';
import { can, principalOf } from '../auth/principal.ts';
import { formatters, localeOf, type Formatters, type Locale } from '../locale.ts';
import type { Account } from '../views/layout.ts';
import { countSamplePosts } from '../../core/db/posts.ts';

export interface PageContext {
  locale: Locale;
  fmt: Formatters;
  account: Account | null;
  modelVersion: string;
  samplePosts: number;
  path: string;
  hideRestricted: boolean;
  canExport: boolean;
  canLabel: boolean;
}

export async function pageContext(deps: DashboardDeps, req: Request): Promise<PageContext> {
  const principal = principalOf(req);
  const locale = localeOf(req);
  const [modelVersion, samples] = await Promise.all([deps.modelVersion(), countSamplePosts(deps.db)]);
  return {
    locale,
    fmt: formatters(locale),
    account:
      principal.kind === 'user'
        ? { name: principal.label, roles: principal.roles, csrfToken: principal.csrfToken }
        : null,
    modelVersion,
    samplePosts: samples,
    path: req.originalUrl,
    hideRestricted: !can(principal, 'see_restricted'),
    canExport: can(principal, 'export'),
    canLabel: can(principal, 'label'),
  };
}
