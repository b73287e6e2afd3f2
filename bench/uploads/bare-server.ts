/** Baseline: a bare Express route that receives the same multipart bytes with busboy, discards them and answers 201. */
import busboy from 'busboy';
import express from 'express';

const app = express();
app.post('/api/procedures/:id/attachments', (req, res) => {
  const parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: 20 * 1024 * 1024 } });
  let size = 0;
  parser.on('file', (_field, stream) => {
    stream.on('data', (chunk: Buffer) => (size += chunk.length));
  });
  parser.on('close', () => res.status(201).json({ size }));
  req.pipe(parser);
});
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
