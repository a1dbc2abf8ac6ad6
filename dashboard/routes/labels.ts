/**
 * Analysts' corrections: POST /api/posts/:id/labels (label right) stores a stance and themes with who (the
 * logged-in user or token, never a name from the body) and when; GET lists a post's labels, newest first. The next
 * `classifier train` learns from them. Only JSON bodies are accepted, and a session must also send its CSRF token.
 * A restricted post (violence_threats) answers 404 to anyone without the security role, and only that role may give
 * a post a restricted theme (the post would vanish from the labeller's own view, correction included).
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { isRestrictedTheme, STANCES, THEME_ID_PATTERN } from '../../classifier/types.ts';
import { insertLabel, labelsOfPost } from '../../core/db/post-labels.ts';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { assertPostVisible, requireCapability } from '../auth/guards.ts';
import { can, principalOf } from '../auth/principal.ts';
import { HttpError } from '../errors.ts';
import { jsonBody, pathId } from '../params.ts';

/**
 * Themes made in the dashboard add to the taxonomy's 13, without a fixed ceiling: what bounds a label is the themes
 * table (unknown ids are refused below); this cap only bounds the list before that query.
 */
const MAX_THEMES_PER_LIST = 500;
const themeList = z.array(z.string().regex(THEME_ID_PATTERN)).max(MAX_THEMES_PER_LIST);

const labelSchema = z
  .object({
    stance: z.enum(STANCES),
    themes: themeList.default([]),
    about: themeList.default([]),
    note: z.string().max(2_000).nullable().default(null),
  })
  .strict()
  .refine((label) => label.stance === 'rumour' || label.themes.length === 0, {
    message: 'only a rumour spreads themes; use about for what a counter or neutral post rebuts or reports',
    path: ['themes'],
  })
  .refine((label) => label.stance === 'counter' || label.stance === 'neutral' || label.about.length === 0, {
    message: 'about is only for counter and neutral posts',
    path: ['about'],
  });

export function labelRoutes(deps: DashboardDeps): Router {
  const router = Router();

  router.post(
    '/api/posts/:id/labels',
    requireCapability(deps, 'label'),
    express.json({ limit: '16kb' }),
    async (req, res) => {
      const label = jsonBody(req, labelSchema, 'bad_label', 'label');
      const postId = pathId(req.params['id'], 'post');
      const post = await deps.db.selectFrom('posts').select('id').where('id', '=', postId).executeTakeFirst();
      if (!post) throw new HttpError(404, 'not_found', `no post ${postId}`);
      await assertPostVisible(deps, req, postId);
      const wanted = [...new Set([...label.themes, ...label.about])];
      const restricted = wanted.filter(isRestrictedTheme);
      if (restricted.length > 0 && !can(principalOf(req), 'see_restricted')) {
        const denied = { needs: 'see_restricted', themes: restricted };
        await auditRequest(deps.db, req, 'access_denied', denied, 'denied');
        const field = label.themes.some(isRestrictedTheme) ? 'themes' : 'about';
        const message = `only the security role can label a post ${restricted.join(', ')}`;
        throw new HttpError(403, 'forbidden', message, { field });
      }
      if (wanted.length > 0) {
        const known = await deps.db.selectFrom('themes').select('id').where('id', 'in', wanted).execute();
        const unknown = wanted.filter((id) => !known.some((row) => row.id === id));
        if (unknown.length > 0) {
          throw new HttpError(400, 'bad_label', `themes: unknown theme ${unknown.join(', ')}`, {
            field: 'themes',
          });
        }
      }
      const stored = await insertLabel(deps.db, {
        postId,
        stance: label.stance,
        themes: [...new Set(label.themes)],
        about: [...new Set(label.about)],
        labelledBy: principalOf(req).label,
        note: label.note,
      });
      deps.logger.info({ postId, labelId: stored.id }, 'post labelled');
      await auditRequest(deps.db, req, 'label_post', {
        post_id: postId,
        label_id: stored.id,
        stance: stored.stance,
        themes: stored.themes,
        about: stored.about,
      });
      res.status(201).json({ label: stored });
    },
  );
  router.get('/api/posts/:id/labels', async (req, res) => {
    const postId = pathId(req.params['id'], 'post');
    await assertPostVisible(deps, req, postId);
    const labels = await labelsOfPost(deps.db, postId);
    // Labels carry analysts' notes and names: reading them is audited like reading posts.
    await auditRequest(deps.db, req, 'view_post_labels', { post_id: postId, returned: labels.length });
    res.json({ labels });
  });
  return router;
}
