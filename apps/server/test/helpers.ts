import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { readConfig, silentLogger, startServer, type RunningServer, type ServerConfig } from '../src/index.js';
import { TEST_ADMIN_TOKEN } from './auth-helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const serverMain = path.resolve(here, '../src/main.ts');
export const repoRoot = path.resolve(here, '../../..');

export function tempDir(prefix = 'jc-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ChildServer {
  port: number;
  url: string;
  proc: ChildProcess;
  /** kill -9: no shutdown hooks, no flush. */
  kill9(): Promise<void>;
  /** With `inspect`: runs a full garbage collection in the server and returns its used heap in bytes. */
  heapAfterGc(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs the real server (from source) as a child process on a free port. With `inspect`, the
 * child listens for the V8 inspector on a free loopback port so tests can force a full GC and
 * read the heap (see `heapAfterGc`): heap numbers without a GC are mostly garbage-timing noise.
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { inspect?: boolean } = {},
): Promise<ChildServer> {
  const flags = ['--conditions=source', '--import', 'tsx', ...(options.inspect ? ['--inspect=127.0.0.1:0'] : [])];
  const proc = spawn(process.execPath, [...flags, serverMain], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_API_TOKEN: TEST_ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'listening' && entry.port) {
            clearTimeout(timer);
            resolve(entry.port);
          }
        } catch {
          /* partial line */
        }
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
    async heapAfterGc() {
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
      if (!inspector) throw new Error('heapAfterGc needs spawnServer(..., { inspect: true })');
      return inspectorHeapAfterGc(inspector);
    },
  };
}

/**
 * An in-process server on port 0 with a fresh data directory and the test owner's API token;
 * `config` overrides the defaults. `base` is its HTTP address.
 */
export async function startTestServer(
  config: Partial<ServerConfig> = {},
): Promise<{ server: RunningServer; base: string }> {
  const server = await startServer(
    { ...readConfig({}), adminApiToken: TEST_ADMIN_TOKEN, port: 0, host: '127.0.0.1', dataDir: tempDir(), ...config },
    silentLogger,
  );
  return { server, base: `http://127.0.0.1:${server.port}` };
}

/** Over the V8 inspector protocol: a full GC (HeapProfiler.collectGarbage), then the used heap. */
async function inspectorHeapAfterGc(url: string): Promise<number> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<{ result?: { result?: { value?: unknown } } }>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse(data.toString()) as { id?: number; error?: { message: string } };
        if (msg.id !== id) return;
        ws.off('message', onMessage);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg as { result?: { result?: { value?: unknown } } });
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const answer = await call('Runtime.evaluate', {
      expression: 'process.memoryUsage().heapUsed',
      returnByValue: true,
    });
    const value = answer.result?.result?.value;
    if (typeof value !== 'number') throw new Error('the inspector did not return the heap size');
    return value;
  } finally {
    ws.close();
  }
}

export async function createMap(baseUrl: string, title = 'Test map'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`create map failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * A stock y-websocket client (no cross-tab channel, so everything goes through the server),
 * signed in as the test server's owner unless given another `token`.
 */
export function connectProvider(
  baseUrl: string,
  mapId: string,
  doc = new Y.Doc(),
  token: string = TEST_ADMIN_TOKEN,
): WebsocketProvider {
  return new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, mapId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
    params: { token },
  });
}

export function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** Resolves on the provider's next `synced` (true) event. */
export function nextSynced(provider: WebsocketProvider, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for synced')), timeoutMs);
    const handler = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', handler);
      resolve();
    };
    provider.on('sync', handler);
  });
}

/**
 * The client's own sync round-trip: sends sync step 1 and waits for the server's step 2.
 * The server answers only after every earlier update of this connection is stored, so when
 * this resolves, those updates are acknowledged.
 */
export async function acknowledged(provider: WebsocketProvider): Promise<void> {
  const done = nextSynced(provider);
  provider.synced = false;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, provider.doc);
  provider.ws!.send(encoding.toUint8Array(encoder));
  await done;
}

/** Connects a fresh client and returns the content it has at its *first* synced event. */
export async function contentAtFirstSync<T>(baseUrl: string, mapId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = new Y.Doc();
  const provider = connectProvider(baseUrl, mapId, doc);
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no synced event')), 20_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve(read(doc));
      });
    });
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** Creates a share link of `role` on a map (as the owner) and returns its token. */
export async function shareLink(baseUrl: string, mapId: string, role: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/maps/${mapId}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    body: JSON.stringify({ role }),
  });
  if (res.status !== 201) throw new Error(`create link failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Joins through a share link under `name` and returns the session token. */
export async function joinLink(baseUrl: string, linkToken: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: linkToken, name }),
  });
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { sessionToken: string }).sessionToken;
}

/** One awareness entry as a client claims it: any client id, any clock, any state. */
export interface CraftedPresence {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** An awareness frame (y-websocket message 1) built with y-protocols from hand-made states. */
export function awarenessFrame(entries: CraftedPresence[]): Uint8Array {
  const aw = new awarenessProtocol.Awareness(new Y.Doc());
  aw.destroy(); // no timers; only its maps are used
  const states = new Map<number, Record<string, unknown>>();
  for (const e of entries) {
    aw.meta.set(e.clientId, { clock: e.clock, lastUpdated: Date.now() });
    if (e.state) states.set(e.clientId, e.state);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(
      aw,
      entries.map((e) => e.clientId),
      states,
    ),
  );
  return encoding.toUint8Array(encoder);
}

/** A bare WebSocket on a map that collects what the server says when it refuses presence. */
export interface RawSyncClient {
  ws: WebSocket;
  /** Reasons of permission-denied (auth) frames received. */
  denied: string[];
  send(frame: Uint8Array): void;
  close(): Promise<void>;
}

export async function rawSyncClient(
  baseUrl: string,
  mapId: string,
  token: string = TEST_ADMIN_TOKEN,
): Promise<RawSyncClient> {
  const ws = new WebSocket(
    `${baseUrl.replace(/^http/, 'ws')}/sync/${mapId}${token ? `?token=${encodeURIComponent(token)}` : ''}`,
  );
  const denied: string[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== 2) return;
    if (decoding.readVarUint(decoder) === 0) denied.push(decoding.readVarString(decoder));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    denied,
    send: (frame) => ws.send(frame),
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === ws.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}

/** An in-memory app holding the sample support-call map, as its owner (see sample-app.ts). */
export { sampleMapApp } from './sample-app.js';
