/**
 * The benchmark's SMTP sink, in a process of its own (forked by bench/mailing.ts, so it does not share
 * an event loop with the senders): it accepts every message, counts it and throws the data away.
 * It tells its parent its port, and answers `count` with how many messages it has taken.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
let bytes = 0;

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  // A benchmark's many pooled connections: no per-connection reverse DNS look-up.
  disableReverseLookup: true,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', port: (server.server.address() as AddressInfo).port });
});

process.on('message', (m: { type: string }) => {
  if (m.type === 'count') process.send!({ type: 'count', received, bytes });
  if (m.type === 'reset') {
    received = 0;
    bytes = 0;
    process.send!({ type: 'reset' });
  }
  if (m.type === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
