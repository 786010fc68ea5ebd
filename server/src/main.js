#!/usr/bin/env node
// @ts-check
/** `npm run serve`: the app and its team-maps sync server on one origin. */
import { configFromEnv } from './config.js';
import { createCollabServer } from './app.js';

const server = await createCollabServer(configFromEnv());
await server.listen();
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
