/** How far a node is dragged from where the layout puts it, in flow units. */
export interface DragOffset {
  dx: number;
  dy: number;
}

/**
 * Live drag positions, outside React Flow's nodes array: the canvas writes the offset of each
 * node being dragged on every pointer move, and only that node (and its connections) listen to
 * its id. The doc is written once, on drop; the offsets are cleared once the drop is laid out.
 */
export class DragOffsets {
  private offsets = new Map<string, DragOffset>();
  private listeners = new Map<string, Set<() => void>>();

  get(id: string): DragOffset | null {
    return this.offsets.get(id) ?? null;
  }

  /** Ids being dragged now. */
  ids(): string[] {
    return [...this.offsets.keys()];
  }

  set(id: string, offset: DragOffset): void {
    const cur = this.offsets.get(id);
    if (cur && cur.dx === offset.dx && cur.dy === offset.dy) return;
    this.offsets.set(id, { dx: offset.dx, dy: offset.dy });
    this.emit(id);
  }

  /** Forgets every offset (the drag ended), telling each dragged node. */
  clear(): void {
    const ids = [...this.offsets.keys()];
    this.offsets.clear();
    for (const id of ids) this.emit(id);
  }

  /** Calls `listener` whenever the offset of `id` changes. Returns the unsubscribe function. */
  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(id);
    };
  }

  private emit(id: string): void {
    const set = this.listeners.get(id);
    if (set) for (const l of [...set]) l();
  }
}
