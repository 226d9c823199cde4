/**
 * Server-to-client WebSocket frames, made once per message: a server's frames are not masked
 * (RFC 6455 §5.1), so the bytes of one binary message are the same for every socket, and a
 * broadcast to N connections frames it once instead of N times.
 */

/** Payloads up to this size are copied into one buffer with their header (one write per socket). */
const COPY_LIMIT = 16 * 1024;

/** One complete binary frame (FIN, opcode 2, unmasked), as buffers to write in order. */
export type Frame = readonly [Buffer] | readonly [Buffer, Buffer];

function header(length: number, extra: number): Buffer {
  const size = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(size + extra);
  out[0] = 0x82;
  if (size === 2) out[1] = length;
  else if (size === 4) {
    out[1] = 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 127;
    out.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    out.writeUInt32BE(length >>> 0, 6);
  }
  return out;
}

/** The binary frame carrying `data`; small payloads share one buffer with the header. */
export function binaryFrame(data: Uint8Array): Frame {
  const payload = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength > COPY_LIMIT) return [header(data.byteLength, 0), payload];
  const out = header(data.byteLength, data.byteLength);
  payload.copy(out, out.length - data.byteLength);
  return [out];
}

/**
 * Frames of the messages being sent now, by message: the room passes one Uint8Array to every
 * connection of a broadcast, so the first send frames it and the others reuse the frame.
 */
export class FrameCache {
  private readonly frames = new WeakMap<Uint8Array, Frame>();

  of(data: Uint8Array): Frame {
    let frame = this.frames.get(data);
    if (!frame) {
      frame = binaryFrame(data);
      this.frames.set(data, frame);
    }
    return frame;
  }
}
