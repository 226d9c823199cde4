import { Unzip, UnzipInflate, UnzipPassThrough, zipSync } from 'fflate';
import { ErrorCode, LimitExceededError } from '@journeycraft/schema';

/** Limits of filling one custom template (checked where the work happens, in the export worker). */
export interface TemplateLimits {
  /** Most bytes a DOCX template may hold once unzipped, all parts together (default 32 MiB). */
  maxInflatedBytes?: number;
  /** Most tags a DOCX template may fill, every loop iteration counted (default 100,000). */
  maxExpansions?: number;
  /** Largest filled document in bytes (default 8 MiB). */
  maxOutputBytes?: number;
}

export const DEFAULT_TEMPLATE_LIMITS: Required<TemplateLimits> = {
  maxInflatedBytes: 32 * 1024 * 1024,
  maxExpansions: 100_000,
  maxOutputBytes: 8 * 1024 * 1024,
};

/** Limits with the defaults filled in. */
export function templateLimits(limits: TemplateLimits = {}): Required<TemplateLimits> {
  return {
    maxInflatedBytes: limits.maxInflatedBytes ?? DEFAULT_TEMPLATE_LIMITS.maxInflatedBytes,
    maxExpansions: limits.maxExpansions ?? DEFAULT_TEMPLATE_LIMITS.maxExpansions,
    maxOutputBytes: limits.maxOutputBytes ?? DEFAULT_TEMPLATE_LIMITS.maxOutputBytes,
  };
}

/** 413: the template unzips to more than the limit. */
export function inflatedTooLarge(max: number): LimitExceededError {
  return new LimitExceededError(
    `the template unzips to more than ${max} bytes (limit TEMPLATE_MAX_INFLATED_BYTES)`,
    { name: 'inflatedBytes', max, unit: 'bytes', setting: 'TEMPLATE_MAX_INFLATED_BYTES' },
    ErrorCode.PayloadTooLarge,
  );
}

/** 422: filling the template would expand its loops more than the limit. */
export function tooManyExpansions(max: number): LimitExceededError {
  return new LimitExceededError(
    `the template's loops expand to more than ${max} filled fields (limit TEMPLATE_MAX_EXPANSIONS); nest fewer loops`,
    { name: 'loopExpansions', max, unit: 'count', setting: 'TEMPLATE_MAX_EXPANSIONS' },
  );
}

/** 413: the filled document is larger than the limit. */
export function outputTooLarge(max: number): LimitExceededError {
  return new LimitExceededError(
    `the generated document is larger than ${max} bytes (limit EXPORT_MAX_OUTPUT_BYTES)`,
    { name: 'outputBytes', max, unit: 'bytes', setting: 'EXPORT_MAX_OUTPUT_BYTES' },
    ErrorCode.PayloadTooLarge,
  );
}

/** Throws outputTooLarge when `bytes` is over `max`; returns them otherwise. */
export function checkOutputSize(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.byteLength > max) throw outputTooLarge(max);
  return bytes;
}

/** Bytes fed to the unzipper at once: one step inflates at most ~1,000× this (DEFLATE's ratio bound). */
const STEP = 4096;

/**
 * Unzips a zip counting the bytes it really inflates (not what its headers claim), stopping as soon
 * as the total passes `maxBytes` (413 naming the limit), and zips the parts again, stored, so the
 * templater reads exactly what was measured. Throws a plain Error for a damaged zip.
 */
export function boundedRezip(zip: Uint8Array, maxBytes: number): Uint8Array {
  const parts: Record<string, Uint8Array> = {};
  let total = 0;
  let failure: unknown = null;
  const unzip = new Unzip((file) => {
    const chunks: Uint8Array[] = [];
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = err;
        return;
      }
      total += chunk.byteLength;
      if (total > maxBytes) {
        failure = inflatedTooLarge(maxBytes);
        return;
      }
      chunks.push(chunk);
      if (final && !file.name.endsWith('/')) parts[file.name] = concat(chunks);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  for (let at = 0; at < zip.byteLength && !failure; at += STEP) {
    unzip.push(zip.subarray(at, Math.min(at + STEP, zip.byteLength)), at + STEP >= zip.byteLength);
  }
  if (failure) throw failure;
  return zipSync(parts, { level: 0 });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
