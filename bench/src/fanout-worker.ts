/**
 * Child process of the fan-out benchmark: runs some of the clients of one map, moves the
 * touchpoints of its writers, and records the latency of every move it receives from others.
 * Talks to the parent over IPC (see FanoutCommand / FanoutReply).
 */
import * as Y from 'yjs';
import { collection, createRecord, userOrigin } from '@journeycraft/doc';
import type { WebsocketProvider } from 'y-websocket';
import { close, connect, nextSynced, now, waitFor } from './client.js';

export interface ClientSpec {
  index: number;
  writer: boolean;
}

export type FanoutCommand =
  | {
      type: 'setup';
      wsBase: string;
      wsParams: Record<string, string>;
      room: string;
      clients: ClientSpec[];
      stageIds: string[];
      laneIds: string[];
    }
  | { type: 'wait-seen'; writers: number }
  | { type: 'start'; at: number; movesPerSecond: number; durationMs: number; writers: number }
  | { type: 'progress' }
  | { type: 'collect' }
  | { type: 'exit' };

export type FanoutReply =
  | { type: 'connected' }
  | { type: 'seen' }
  | { type: 'progress'; sent: number; delivered: number; superseded: number; done: boolean }
  | {
      type: 'collected';
      sent: number;
      delivered: number;
      superseded: number;
      latencies: number[];
      cpuMs: number;
    }
  | { type: 'error'; message: string };

interface Client {
  spec: ClientSpec;
  provider: WebsocketProvider;
  doc: Y.Doc;
}

const clients: Client[] = [];
const latencies: number[] = [];
let delivered = 0;
/**
 * Moves a receiver never saw on their own because a later move of the same card reached it in
 * the same update (a server may merge a batch): the card's state is right, the in-between
 * position was never shown. Counted from the writers' move numbers (`benchSeq`).
 */
let superseded = 0;
const lastSeq = new WeakMap<object, number>();
let sent = 0;
let writersDone = 0;
let writersHere = 0;
/** Moves with an `order` (= send time) before this are setup, not measured. */
let measureFrom = Infinity;
let cpuAtStart = process.cpuUsage();

// Every WebsocketProvider adds a process 'exit' listener; 100 of them are expected here.
process.setMaxListeners(0);

function reply(message: FanoutReply): void {
  process.send!(message);
}

function touchpointId(writer: number): string {
  return `tp-w${writer}`;
}

async function setup(cmd: Extract<FanoutCommand, { type: 'setup' }>): Promise<void> {
  // Connect in small groups so 100 handshakes do not all land in one tick.
  for (let i = 0; i < cmd.clients.length; i += 10) {
    const group = cmd.clients.slice(i, i + 10);
    await Promise.all(
      group.map(async (spec) => {
        const doc = new Y.Doc();
        const provider = connect(cmd.wsBase, cmd.room, doc, cmd.wsParams);
        const client: Client = { spec, provider, doc };
        clients.push(client);
        collection(doc, 'touchpoints').observeDeep((events, txn) => {
          if (txn.local) return;
          const at = now();
          for (const event of events) {
            if (!(event instanceof Y.YMapEvent) || !event.keysChanged.has('order')) continue;
            const target = event.target as Y.Map<unknown>;
            const order = target.get('order');
            if (typeof order === 'number' && order >= measureFrom) {
              latencies.push(at - order);
              delivered++;
              const seq = target.get('benchSeq');
              if (typeof seq === 'number') {
                superseded += Math.max(0, seq - (lastSeq.get(target) ?? -1) - 1);
                lastSeq.set(target, seq);
              }
            }
          }
        });
        await nextSynced(provider);
      }),
    );
  }
  const origin = userOrigin('bench');
  for (const client of clients) {
    if (!client.spec.writer) continue;
    writersHere++;
    createRecord(
      client.doc,
      'touchpoints',
      {
        id: touchpointId(client.spec.index),
        stageId: cmd.stageIds[0]!,
        laneId: cmd.laneIds[0]!,
        title: `Touchpoint moved by client ${client.spec.index}`,
        description: 'A card that one benchmark client keeps dragging between cells.',
        order: 0,
      },
      origin,
    );
  }
  stageIds = cmd.stageIds;
  laneIds = cmd.laneIds;
  reply({ type: 'connected' });
}

let stageIds: string[] = [];
const moveOrigin = userOrigin('bench-mover');
let laneIds: string[] = [];

function start(cmd: Extract<FanoutCommand, { type: 'start' }>): void {
  measureFrom = cmd.at - 1;
  cpuAtStart = process.cpuUsage();
  const interval = 1000 / cmd.movesPerSecond;
  const moves = Math.round((cmd.durationMs / 1000) * cmd.movesPerSecond);
  for (const client of clients) {
    if (!client.spec.writer) continue;
    const tp = collection(client.doc, 'touchpoints').get(touchpointId(client.spec.index))!;
    // Writers are spread evenly over one interval so moves do not all fire in the same tick.
    const phase = ((client.spec.index % cmd.writers) / cmd.writers) * interval;
    let seq = 0;
    // A starved client process fires its timers late; moves that would go out more than 1 s after
    // the window are dropped so that "expected" stays exact.
    const deadline = cmd.at + cmd.durationMs + 1000;
    const tick = () => {
      if (now() > deadline) {
        writersDone++;
        return;
      }
      client.doc.transact(() => {
        tp.set('stageId', stageIds[seq % stageIds.length]!);
        tp.set('laneId', laneIds[(seq >> 1) % laneIds.length]!);
        // The move's order is its send time: receivers compute latency from it.
        tp.set('order', now());
        tp.set('benchSeq', seq);
      }, moveOrigin);
      sent++;
      seq++;
      if (seq >= moves) {
        writersDone++;
        return;
      }
      setTimeout(tick, Math.max(0, cmd.at + phase + seq * interval - now()));
    };
    setTimeout(tick, Math.max(0, cmd.at + phase - now()));
  }
}

process.on('message', (cmd: FanoutCommand) => {
  const run = async () => {
    switch (cmd.type) {
      case 'setup':
        await setup(cmd);
        break;
      case 'wait-seen':
        await waitFor(
          () => clients.every((c) => collection(c.doc, 'touchpoints').size >= cmd.writers),
          60_000,
          'every client to see every writer’s touchpoint',
        );
        reply({ type: 'seen' });
        break;
      case 'start':
        start(cmd);
        break;
      case 'progress':
        reply({ type: 'progress', sent, delivered, superseded, done: writersDone === writersHere });
        break;
      case 'collect': {
        const cpu = process.cpuUsage(cpuAtStart);
        reply({ type: 'collected', sent, delivered, superseded, latencies, cpuMs: (cpu.user + cpu.system) / 1000 });
        break;
      }
      case 'exit':
        for (const c of clients) close(c.provider);
        setTimeout(() => process.exit(0), 50);
        break;
    }
  };
  run().catch((err: unknown) => reply({ type: 'error', message: String((err as Error)?.stack ?? err) }));
});
