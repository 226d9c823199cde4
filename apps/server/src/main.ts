import { readConfig } from './config.js';
import { jsonLogger } from './log.js';
import { startServer } from './server.js';

const config = readConfig();
const server = await startServer(config, jsonLogger);
jsonLogger('info', 'listening', {
  port: server.port,
  url: `http://localhost:${server.port}`,
  storage: server.storage.kind,
  ...(config.databaseUrl ? {} : { dataDir: config.dataDir }),
  relay: config.redisUrl ? 'redis' : 'none',
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    jsonLogger('info', 'shutting down', { signal });
    setTimeout(() => {
      jsonLogger('error', 'shutdown timed out; exiting', { timeoutMs: config.shutdownTimeoutMs });
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        jsonLogger('error', 'shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  });
}
