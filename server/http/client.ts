/** Serves the built React client: hashed assets cached for a year, index.html for every page route. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

export function clientRoutes(distDir: string): Router {
  const router = express.Router();
  const index = path.join(distDir, 'index.html');
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/).*/u, (_req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('画面がまだビルドされていません。npm run build を実行してください。\nThe client has not been built yet: run npm run build.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
