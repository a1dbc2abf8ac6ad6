/**
 * POST /api/posts/:id/translation: a machine translation of one post into Swedish, from the configured service
 * (dashboard/translation.ts), on a reader's explicit request. 404 when no service is configured or the post is
 * not visible to the reader (restricted posts to anyone without the security role); 502 when the service fails.
 * Every request is audited: the post's text leaves the system to that service.
 */
import { Router } from 'express';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { assertPostVisible, requireCapability } from '../auth/guards.ts';
import { HttpError } from '../errors.ts';
import { pathId } from '../params.ts';
import { TranslationError } from '../translation.ts';

/** The service's source language: two-letter codes as they are, Dari as Persian, anything else detected by it. */
export function serviceLanguage(lang: string | null): string {
  if (lang === 'prs') return 'fa';
  return lang !== null && /^[a-z]{2}$/.test(lang) ? lang : 'auto';
}

export function translationRoutes(deps: DashboardDeps): Router {
  const router = Router();
  router.post('/api/posts/:id/translation', requireCapability(deps, 'read'), async (req, res) => {
    const translator = deps.translator;
    if (!translator) throw new HttpError(404, 'translation_off', 'no translation service is configured');
    const postId = pathId(req.params['id'], 'post');
    const post = await deps.db
      .selectFrom('posts')
      .select(['id', 'text', 'lang'])
      .where('id', '=', postId)
      .executeTakeFirst();
    if (!post) throw new HttpError(404, 'not_found', `no post ${postId}`);
    await assertPostVisible(deps, req, postId);
    const source = serviceLanguage(post.lang);
    try {
      const text = await translator.translate(post.text, source);
      await auditRequest(deps.db, req, 'translate_post', {
        post_id: postId,
        service: translator.service,
        source,
      });
      res.json({
        postId,
        from: source,
        to: 'sv',
        service: translator.service,
        machineTranslation: true,
        text,
      });
    } catch (error) {
      if (!(error instanceof TranslationError)) throw error;
      await auditRequest(
        deps.db,
        req,
        'translate_post',
        { post_id: postId, service: translator.service, source, error: error.message },
        'failure',
      );
      deps.logger.warn({ postId, service: translator.service, reason: error.message }, 'translation failed');
      throw new HttpError(502, 'translation_failed', error.message);
    }
  });
  return router;
}
