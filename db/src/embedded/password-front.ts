import { createHash, timingSafeEqual } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * The embedded engine's loopback port, with a password. pglite-socket answers any startup with
 * "authentication OK", so any local process could connect as superuser (read key hashes, drop
 * the audit trigger). This front speaks the start of the PostgreSQL protocol itself — declines
 * TLS, asks for the password in clear (loopback only), checks it in constant time — and only
 * then connects the client to the engine, which listens on a Unix socket in a directory only
 * this user can open, and passes the client's startup message on: from there on it forwards
 * bytes both ways.
 */
const PROTOCOL_3 = 196_608;
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
/** Larger than any real startup or password message; more is not a client. */
const MAX_MESSAGE_BYTES = 10_000;
const AUTHENTICATION_TIMEOUT_MS = 10_000;

export function startPasswordFront(options: {
  password: string;
  enginePath: string;
  host: string;
}): Promise<{ server: Server; port: number }> {
  const expected = digest(options.password);
  const server = createServer((client) => authenticate(client, expected, options.enginePath));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host, () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

function authenticate(client: Socket, expected: Buffer, enginePath: string): void {
  let buffered = Buffer.alloc(0);
  let startup: Buffer | null = null;
  const timer = setTimeout(() => client.destroy(), AUTHENTICATION_TIMEOUT_MS);
  const fail = (message: string) => {
    clearTimeout(timer);
    client.end(errorResponse(message));
  };
  client.on('error', () => client.destroy());
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (buffered.length > MAX_MESSAGE_BYTES) return fail('message too long');
    for (;;) {
      if (startup === null) {
        if (buffered.length < 8) return;
        const length = buffered.readInt32BE(0);
        const code = buffered.readInt32BE(4);
        if (length < 8 || length > MAX_MESSAGE_BYTES) return fail('invalid startup packet');
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          buffered = buffered.subarray(8);
          client.write('N'); // no encryption on loopback: go on in the clear
          continue;
        }
        if (code !== PROTOCOL_3) return fail('unsupported protocol');
        if (buffered.length < length) return;
        startup = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        client.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // AuthenticationCleartextPassword
        continue;
      }
      // The password message: 'p', its length, the password and a NUL.
      if (buffered.length < 5) return;
      const length = buffered.readInt32BE(1);
      if (buffered[0] !== 0x70 || length < 5 || length > MAX_MESSAGE_BYTES)
        return fail('expected a password');
      if (buffered.length < 1 + length) return;
      const given = buffered.subarray(5, length).toString('utf8').replace(/\0$/, '');
      const rest = buffered.subarray(1 + length);
      client.off('data', onData);
      clearTimeout(timer);
      if (!timingSafeEqual(digest(given), expected)) return fail('password authentication failed for user');
      return connectToEngine(client, enginePath, Buffer.concat([startup, rest]));
    }
  };
  client.on('data', onData);
}

function connectToEngine(client: Socket, enginePath: string, firstBytes: Buffer): void {
  client.pause();
  const engine = createConnection(enginePath, () => {
    engine.write(firstBytes);
    client.pipe(engine);
    engine.pipe(client);
    client.resume();
  });
  const closeBoth = () => {
    client.destroy();
    engine.destroy();
  };
  engine.on('error', closeBoth);
  engine.on('close', closeBoth);
  client.on('close', closeBoth);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A FATAL ErrorResponse, as PostgreSQL sends when it refuses a connection. */
function errorResponse(message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C28P01\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header[0] = 0x45; // 'E'
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}
