/** GET /accessibility: the accessibility statement, open without login (a public body publishes it openly). */
import { Router } from 'express';
import { localeOf } from '../locale.ts';
import { renderAccessibility } from '../views/accessibility.ts';

export function accessibilityRoutes(contact?: string): Router {
  const router = Router();
  router.get('/accessibility', (req, res) => {
    res
      .type('html')
      .send(renderAccessibility({ locale: localeOf(req), path: req.originalUrl, account: null, contact }));
  });
  return router;
}
