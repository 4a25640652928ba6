import { createServer } from 'node:http';
import { Server } from 'socket.io';

/*
 * The ceiling for scripts/bench-chat.ts: the same events on a bare socket.io server with no
 * authentication, no database and no policy. `conversation:join` joins a room; `message:send`
 * acks and broadcasts to it. Prints "listening <port>".
 */
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
const chat = io.of('/chat');
let seq = 0;
chat.on('connection', (socket) => {
  socket.on('conversation:join', async (p: { conversationId: number }, ack: (r: unknown) => void) => {
    await socket.join(`conversation:${p.conversationId}`);
    ack({ ok: true, messages: [], reads: {}, state: 'in_dialogue', hasMore: false });
  });
  socket.on('message:send', (p: { conversationId: number; clientKey: string; body: string }, ack: (r: unknown) => void) => {
    const message = { ...p, seq: ++seq, id: seq, createdAt: new Date().toISOString() };
    ack({ ok: true, message, duplicate: false });
    chat.to(`conversation:${p.conversationId}`).emit('message', message);
  });
});
httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => {
  void io.close(() => process.exit(0));
});
