import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { binaryFrame } from '../src/sync/frame.js';

// ws's own framing and parsing (on its CommonJS export; its types do not declare them).
const ws = createRequire(import.meta.url)('ws') as {
  Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
  Receiver: new (options: { isServer: boolean }) => Writable;
};
const { Receiver, Sender } = ws;

const sizes = [0, 1, 125, 126, 65535, 65536, 16 * 1024, 16 * 1024 + 1, 300_000];

describe('binaryFrame', () => {
  it.each(sizes)('frames %i bytes exactly as ws frames a binary message from a server', (size) => {
    const data = new Uint8Array(size).map((_, i) => (i * 7) % 251);
    const ours = Buffer.concat(binaryFrame(data));
    const theirs = Buffer.concat(
      Sender.frame(Buffer.from(data), { fin: true, rsv1: false, opcode: 2, mask: false, readOnly: true }),
    );
    expect(ours.equals(theirs)).toBe(true);
  });

  it('is read back by a client’s receiver as the same binary message', async () => {
    const messages: Array<{ data: Buffer; isBinary: boolean }> = [];
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer, isBinary: boolean) => messages.push({ data, isBinary }));
    const payloads = sizes.map((size) => new Uint8Array(size).fill(size % 256));
    for (const p of payloads) for (const part of binaryFrame(p)) receiver.write(part);
    await expect.poll(() => messages.length).toBe(payloads.length);
    messages.forEach((m, i) => {
      expect(m.isBinary).toBe(true);
      expect(m.data.equals(Buffer.from(payloads[i]!))).toBe(true);
    });
  });
});
