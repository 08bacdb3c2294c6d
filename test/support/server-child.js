/**
 * The child side of `server-process.ts` (`ServerProcess`): a whole test server (`startTestServer`) in a Node
 * process of its own, driven over IPC. Plain JavaScript so that `fork` needs no TypeScript loader.
 *
 *   argv[2]   the environment for the server, as JSON
 *   ← { type: 'ready', url, key, databaseUrl } | { type: 'failed', message }
 *   → { type: 'query', id, sql, params }   ← { type: 'rows', id, rows } | { type: 'error', id, message }
 *   → { type: 'close' }                    the server closes and the process exits 0
 */
const { startTestServer } = require('@ioc/server/dist/testing/test-server');

async function main() {
  const server = await startTestServer(JSON.parse(process.argv[2] || '{}'));
  let closing = null;
  const close = () => {
    closing = closing || server.close().finally(() => process.exit(0));
    return closing;
  };
  process.on('message', (message) => {
    if (message.type === 'close') void close();
    if (message.type === 'query') {
      server.dataSource
        .query(message.sql, message.params)
        .then((rows) => process.send({ type: 'rows', id: message.id, rows }))
        .catch((error) => process.send({ type: 'error', id: message.id, message: String(error.message) }));
    }
  });
  process.on('disconnect', () => void close());
  process.send({
    type: 'ready',
    url: server.url,
    key: server.key,
    databaseUrl: server.server.config.databaseUrl,
  });
}

main().catch((error) => {
  process.send({ type: 'failed', message: String(error && error.stack ? error.stack : error) });
  process.exit(1);
});
