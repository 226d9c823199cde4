import fs from 'node:fs';

/** Flushes an open file's data to disk and calls `done` (fdatasync on libuv's thread pool by default). */
export type SyncFile = (fd: number, done: (err: Error | null) => void) => void;

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Group commit for a SQLite file in WAL mode. Document appends are committed on the event loop
 * without SQLite's own fsync (synchronous = NORMAL for that transaction: the frames are in the WAL
 * file, not yet on disk), then wait for `durable()`: one fdatasync of the WAL file on the thread
 * pool, shared by every append committed while the previous one ran. fdatasync flushes the file,
 * whichever descriptor wrote it, so a transaction is on disk exactly as with synchronous = FULL,
 * but the event loop never waits for the disk and a busy disk makes the groups larger, not the
 * loop slower. The WAL stays the same file while the store's connection is open; it is checked
 * before each flush anyway and opened again if it was replaced. (SQLite takes its POSIX locks on
 * the database and `-shm` files, never on the WAL, so this descriptor's close cannot drop them.)
 *
 * A failed flush leaves the file's state unknown (a retry may report success for pages that were
 * dropped), so it fails every waiting append and every later one.
 */
export class WalGroupCommit {
  private fd: number | null = null;
  private ino = -1;
  private running = false;
  private waiting: Waiter[] = [];
  private broken: Error | null = null;
  private drained: Array<() => void> = [];

  constructor(
    private readonly walPath: string,
    private readonly syncFile: SyncFile = fs.fdatasync,
  ) {}

  /** Throws when appends must stop: a flush failed, or the store is closed. */
  check(): void {
    if (this.broken) throw this.broken;
  }

  /**
   * Resolves once everything committed to the WAL before this call is on disk (call it after the
   * commit: a flush already running may have started before those frames were written, so this
   * waits for the next one).
   */
  durable(): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.flush();
    });
  }

  private flush(): void {
    const group = this.waiting.splice(0);
    if (!group.length) {
      for (const resolve of this.drained.splice(0)) resolve();
      return;
    }
    let fd: number;
    try {
      fd = this.open();
    } catch (err) {
      this.fail(group, err);
      return this.flush();
    }
    this.running = true;
    this.syncFile(fd, (err) => {
      this.running = false;
      if (err) this.fail(group, err);
      else for (const w of group) w.resolve();
      this.flush();
    });
  }

  private open(): number {
    const { ino } = fs.statSync(this.walPath);
    if (this.fd !== null && ino === this.ino) return this.fd;
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    this.fd = fs.openSync(this.walPath, 'r+');
    this.ino = ino;
    return this.fd;
  }

  private fail(group: Waiter[], err: unknown): void {
    const reason = `storing updates failed: flushing the SQLite WAL: ${err instanceof Error ? err.message : String(err)}`;
    this.broken ??= new Error(reason);
    for (const w of [...group, ...this.waiting.splice(0)]) w.reject(this.broken);
  }

  /** Waits for the flushes requested so far, then closes the WAL descriptor; later appends fail. */
  async close(): Promise<void> {
    if (this.running || this.waiting.length) await new Promise<void>((resolve) => this.drained.push(resolve));
    this.broken ??= new Error('storage is closed');
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
