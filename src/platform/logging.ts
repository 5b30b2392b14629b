import type { LoggerOptions } from 'pino';

/**
 * Log options for every logger the program makes: JSON lines where a machine reads them (production,
 * files, CI), readable lines where a person watches a terminal. pino-pretty only re-formats what the
 * serializers and redaction already made, so both carry the same (no personal) data.
 */
export function logOptions(level: string, terminal: boolean = process.stdout.isTTY === true): LoggerOptions {
  // Silent needs no worker thread to format nothing.
  if (!terminal || level === 'silent') return { level };
  return {
    level,
    // A transport runs in a worker thread: formatting never slows a request down.
    transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
  };
}
