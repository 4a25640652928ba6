import process from 'node:process';
import { getHeapSpaceStatistics } from 'node:v8';

/*
 * Loaded with `node --import ./scripts/lib/memory-report.mjs` into a process that scripts/bench-load.ts
 * starts with an IPC channel: each message `{ memory: <tag> }` is answered with that process's
 * `process.memoryUsage()` and the committed and used size of each V8 heap space, in bytes. Plain
 * JavaScript, so that it runs in the built server without a TypeScript loader; it changes nothing else.
 */
if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || !('memory' in message)) return;
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { committed: s.physical_space_size, used: s.space_used_size }]));
    process.send({ memory: message.memory, usage: process.memoryUsage(), spaces });
  });
  // The channel must not keep a process alive that would otherwise exit.
  process.channel?.unref();
}
