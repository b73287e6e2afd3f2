/** Baseline for bench/scale: a bare Express route (same JSON body, 201) with a /readyz, on PORT. */
import express from 'express';

const app = express();
app.get('/readyz', (_req, res) => void res.json({ status: 'ready' }));
app.post('/api/procedures/:id/submissions', express.json({ limit: '256kb' }), (req, res) => {
  res.status(201).json({ ok: true, keys: Object.keys(req.body as object).length });
});
app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
