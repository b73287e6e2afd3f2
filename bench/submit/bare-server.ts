/** Baseline: a bare Express route that parses the same JSON body and answers 201. */
import express from 'express';

const app = express();
app.post('/api/procedures/:id/submissions', express.json({ limit: '256kb' }), (req, res) => {
  res.status(201).json({ ok: true, keys: Object.keys(req.body as object).length });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
