import { MAX_IMAGE_BYTES } from '@journeycraft/schema';

/** How the canvas reaches the server's pictures of this map (the app implements it with its HTTP client). */
export interface ImageTransport {
  /** The bytes of a stored picture of the map. */
  load(imageId: string): Promise<Blob>;
  /** Stores a picture for the map and answers its id; fails with an Error a person can read (the server's word). */
  upload(file: Blob): Promise<{ id: string }>;
}

/** Where one picture is: on its way, ready at an object URL, or not to be had (and why). */
export type ImageState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly url: string }
  | { readonly status: 'failed'; readonly message: string };

const LOADING: ImageState = { status: 'loading' };
const MB = 1024 * 1024;

/**
 * What is wrong with a file before it is sent (null: send it; the server decides the rest, by the
 * file's bytes): too large, or plainly not a picture we take. Same words as the server's.
 */
export function imageFileProblem(file: { size: number; type: string; name?: string }): string | null {
  if (file.size === 0) return 'The file is empty.';
  if (file.size > MAX_IMAGE_BYTES) {
    return `The picture is larger than ${MAX_IMAGE_BYTES / MB} MB, the most a picture may be (it is ${(file.size / MB).toFixed(2)} MB).`;
  }
  return null;
}

/**
 * The pictures of one map as object URLs, fetched once each through the transport and shared by
 * every card and panel that shows them; framework-free (React reads it with `useImage`).
 * An upload primes the cache with the file itself, so it shows at once.
 */
export class ImageCache {
  private readonly states = new Map<string, ImageState>();
  private readonly listeners = new Set<() => void>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private destroyed = false;

  constructor(
    private readonly transport: ImageTransport,
    private readonly urls: { create(blob: Blob): string; revoke(url: string): void } = {
      create: (blob) => URL.createObjectURL(blob),
      revoke: (url) => URL.revokeObjectURL(url),
    },
  ) {}

  /** The state of a picture (loading until `request` has brought it). */
  peek(imageId: string): ImageState {
    return this.states.get(imageId) ?? LOADING;
  }

  /** Starts fetching a picture unless it is here or on its way; resolves when it has settled. */
  request(imageId: string): Promise<void> {
    const state = this.states.get(imageId);
    if (state && state.status !== 'loading') return Promise.resolve();
    const running = this.inFlight.get(imageId);
    if (running) return running;
    this.states.set(imageId, LOADING);
    const done = this.transport.load(imageId).then(
      (blob) => this.settle(imageId, { status: 'ready', url: this.urls.create(blob) }),
      (err: unknown) =>
        this.settle(imageId, {
          status: 'failed',
          message: err instanceof Error && err.message ? err.message : 'The picture could not be loaded.',
        }),
    );
    this.inFlight.set(imageId, done);
    return done;
  }

  /** Fetches every one of these pictures (e.g. before an image of the whole map is made). */
  async preload(imageIds: Iterable<string | null | undefined>): Promise<void> {
    const wanted = new Set<string>();
    for (const id of imageIds) if (id) wanted.add(id);
    await Promise.all([...wanted].map((id) => this.request(id)));
  }

  /** Checks and uploads a file; answers the stored picture's id, or throws with the reason to show. */
  async upload(file: Blob & { name?: string }): Promise<string> {
    const problem = imageFileProblem(file);
    if (problem) throw new Error(problem);
    const { id } = await this.transport.upload(file);
    if (!this.destroyed && this.states.get(id)?.status !== 'ready') {
      this.settle(id, { status: 'ready', url: this.urls.create(file) });
    }
    return id;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets go of every object URL. */
  destroy(): void {
    this.destroyed = true;
    for (const s of this.states.values()) if (s.status === 'ready') this.urls.revoke(s.url);
    this.states.clear();
    this.listeners.clear();
  }

  private settle(imageId: string, state: ImageState): void {
    this.inFlight.delete(imageId);
    if (this.destroyed) {
      if (state.status === 'ready') this.urls.revoke(state.url);
      return;
    }
    const previous = this.states.get(imageId);
    if (previous?.status === 'ready') this.urls.revoke(previous.url);
    this.states.set(imageId, state);
    for (const l of [...this.listeners]) l();
  }
}
