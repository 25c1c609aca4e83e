/**
 * The companion as Chrome runs it: a child process spoken to in native-messaging frames
 * on its stdin/stdout, every request with a deadline. Used by the end-to-end test of the
 * built single executable; it is a client of the wire contract like the extension.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { encodeFrame, FrameDecoder, parseHostMessage, type ReaderEvent, type WireError } from '../../src/reader/native/index';

export interface HostProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Sends one request; resolves with the reply's fields or its error. */
  request(message: Record<string, unknown>, ms?: number): Promise<Record<string, unknown> & { error?: WireError }>;
  /** Raw bytes to stdin (garbage tests). */
  write(bytes: Uint8Array): void;
  readonly events: ReaderEvent[];
  /** Closes stdin, as Chrome does when the port closes; resolves with the exit code. */
  close(ms?: number): Promise<number | null>;
  readonly stderr: () => string;
}

const REQUEST_MS = 15_000;

export function startHost(file: string, env: NodeJS.ProcessEnv = process.env): HostProcess {
  // Chrome passes the caller's origin as the first argument (Chrome native-messaging docs).
  const child = spawn(file, ['chrome-extension://test/'], { cwd: '/', stdio: ['pipe', 'pipe', 'pipe'], env });
  const decoder = new FrameDecoder();
  const waiting = new Map<number | null, (m: Record<string, unknown> & { error?: WireError }) => void>();
  const events: ReaderEvent[] = [];
  let err = '';
  let nextId = 1;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    for (const r of decoder.push(new Uint8Array(d))) {
      const m = r.kind === 'message' ? parseHostMessage(r.value) : undefined;
      if (m === undefined) continue;
      if (m.kind === 'event') events.push(m.event);
      else if (m.error !== undefined) waiting.get(m.id)?.({ error: m.error });
      else {
        const { id: _id, ...fields } = m.fields;
        waiting.get(m.id)?.(fields);
      }
    }
  });
  return {
    child,
    events,
    stderr: () => err,
    write: (bytes) => child.stdin.write(bytes),
    request(message, ms = REQUEST_MS) {
      const id = typeof message.id === 'number' || message.id === null ? (message.id as number | null) : nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no reply to ${JSON.stringify(message.type)} #${id} within ${ms} ms; host stderr: ${err}`));
        }, ms);
        waiting.set(id, (m) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(m);
        });
        if (message.id !== null) child.stdin.write(encodeFrame({ ...message, id })!);
      });
    },
    close(ms = 5_000) {
      return new Promise((resolve, reject) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => reject(new Error(`host still running ${ms} ms after its stdin closed`)), ms);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.stdin.end();
      });
    },
  };
}
