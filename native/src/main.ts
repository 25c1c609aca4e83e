/**
 * The companion's entry: Chrome starts it with the caller's origin as its argument and
 * talks on stdin/stdout (native messaging); it lives as long as that one port. stdout
 * carries frames only, so everything we say goes to stderr, which Chrome sends to its
 * own log. When the browser closes the port, stdin ends and we release every card and exit.
 */
import { createHost, type HostLogLine } from './host';
import { createSmartcardBackend } from './smartcard-backend';
import { HOST_VERSION } from './version';

const log = (l: HostLogLine): void => {
  process.stderr.write(`mynumber-card-bridge-host: #${l.id ?? '-'} ${l.type} ${l.code ?? 'ok'} ${l.ms} ms\n`);
};

const host = createHost({
  backend: createSmartcardBackend(),
  version: HOST_VERSION,
  send: (frame) => process.stdout.write(frame),
  log: process.env.MYNUMBER_HOST_LOG === '1' ? log : undefined,
});

let ending = false;
const end = (): void => {
  if (ending) return;
  ending = true;
  // The unpower replies cannot be waited on forever: a wedged reader must not keep us alive.
  const force = setTimeout(() => process.exit(0), 3_000);
  void host.shutdown().finally(() => {
    clearTimeout(force);
    process.exit(0);
  });
};

process.stdin.on('data', (chunk: Buffer) => host.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
process.stdin.on('end', end);
process.stdin.on('error', end);
// Chrome gone with the pipe half-written: writing would raise EPIPE; there is no one left to tell.
process.stdout.on('error', end);
process.on('SIGTERM', end);
