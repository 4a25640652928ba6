import { createServer } from 'node:http';
import express from 'express';

/*
 * The ceiling for scripts/bench-load.ts: one Express route with no middleware, in a process of its
 * own (so its CPU time is measured apart from the load generator's). Prints "listening <port>".
 */
const app = express();
app.disable('x-powered-by');
app.get('/hello', (_req, res) => {
  res.send('hello');
});
const server = createServer(app).listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
