import type { Database } from '../../platform/db/database.js';
import { ASSEMBLY_CHANNEL } from './live.js';

/*
 * One hub per server process. It LISTENs once on the assemblies' channel and fans each change out to
 * that process's open streams of the assembly. A burst of changes (2,000 ballots in a minute) is
 * coalesced: at most one push per assembly per `intervalMs`, its state read once and the same frame
 * written to every screen. The first change after a quiet spell is pushed at once; a change that
 * lands while a push is being read is pushed again after it, so the last ballot is never left out.
 * Other processes get the same NOTIFY from PostgreSQL and push to their own screens.
 */

/** An open stream: the frame to write, and how to end it when the server stops. */
export interface LiveClient {
  send(frame: string): void;
  end(): void;
}

interface Room {
  clients: Set<LiveClient>;
  timer: NodeJS.Timeout | null;
  reading: boolean;
  dirty: boolean;
  lastPushAt: number;
}

export interface HubOptions {
  /** The least time between two pushes to one assembly's screens. */
  intervalMs?: number;
  /** How often every stream gets a comment line (keeps proxies from closing an idle stream) and a fresh state. */
  heartbeatMs?: number;
  onError?: (err: unknown) => void;
}

export class AssemblyHub {
  private readonly rooms = new Map<string, Room>();
  private listening: Promise<() => Promise<void>> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly intervalMs: number;
  private readonly heartbeatMs: number;
  private beats = 0;
  /** Pushes made, for tests and the benchmark: fewer than the changes in a burst. */
  pushes = 0;

  /** `frame` reads an assembly's state and returns it as one SSE frame (null: nothing to send). */
  constructor(
    private readonly database: Database,
    private readonly frame: (assemblyId: string) => Promise<string | null>,
    private readonly opts: HubOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 150;
    this.heartbeatMs = opts.heartbeatMs ?? 15_000;
  }

  /** Adds a stream of the assembly; resolves once this process is listening. Returns its unsubscribe. */
  async subscribe(assemblyId: string, client: LiveClient): Promise<() => void> {
    await this.listen();
    let room = this.rooms.get(assemblyId);
    if (!room) this.rooms.set(assemblyId, (room = { clients: new Set(), timer: null, reading: false, dirty: false, lastPushAt: 0 }));
    room.clients.add(client);
    this.startHeartbeat();
    return () => {
      const current = this.rooms.get(assemblyId);
      if (!current?.clients.delete(client) || current.clients.size > 0) return;
      if (current.timer) clearTimeout(current.timer);
      this.rooms.delete(assemblyId);
    };
  }

  /** Streams open in this process for the assembly. */
  clientCount(assemblyId: string): number {
    return this.rooms.get(assemblyId)?.clients.size ?? 0;
  }

  private listen(): Promise<() => Promise<void>> {
    this.listening ??= this.database.listen(ASSEMBLY_CHANNEL, (payload) => this.onPayload(payload)).catch((err) => {
      // Not listening after all: the next stream tries again.
      this.listening = null;
      throw err;
    });
    return this.listening;
  }

  private onPayload(payload: string): void {
    let assemblyId: unknown;
    try {
      assemblyId = (JSON.parse(payload) as { assemblyId?: unknown }).assemblyId;
    } catch {
      return;
    }
    const room = typeof assemblyId === 'string' ? this.rooms.get(assemblyId) : undefined;
    if (room) this.schedule(assemblyId as string, room);
  }

  /** Pushes soon: at once after a quiet spell, else when the interval since the last push is over. */
  private schedule(assemblyId: string, room: Room): void {
    if (room.reading) {
      room.dirty = true;
      return;
    }
    if (room.timer) return;
    const wait = Math.max(0, room.lastPushAt + this.intervalMs - Date.now());
    room.timer = setTimeout(() => void this.push(assemblyId, room), wait);
  }

  private async push(assemblyId: string, room: Room): Promise<void> {
    room.timer = null;
    room.reading = true;
    room.dirty = false;
    room.lastPushAt = Date.now();
    try {
      const frame = await this.frame(assemblyId);
      if (frame !== null && this.rooms.get(assemblyId) === room) {
        this.pushes++;
        for (const client of room.clients) client.send(frame);
      }
    } catch (err) {
      this.opts.onError?.(err);
    } finally {
      room.reading = false;
    }
    if (room.dirty && this.rooms.get(assemblyId) === room) this.schedule(assemblyId, room);
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      // Every other beat the state itself: a NOTIFY lost while the LISTEN connection was down is made good.
      const refresh = ++this.beats % 2 === 0;
      for (const [assemblyId, room] of this.rooms) {
        for (const client of room.clients) client.send(': heartbeat\n\n');
        if (refresh) this.schedule(assemblyId, room);
      }
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Ends every stream and stops listening (the server is stopping). */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const room of this.rooms.values()) {
      if (room.timer) clearTimeout(room.timer);
      for (const client of room.clients) client.end();
    }
    this.rooms.clear();
    const listening = this.listening;
    this.listening = null;
    const stop = await listening?.catch(() => null);
    await stop?.().catch(() => undefined);
  }
}
