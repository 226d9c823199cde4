import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { ImageState } from '../../core/images.js';
import { useCanvas } from '../context.js';

/** A stored picture of the map as the canvas can show it (null: none asked for, or no picture source). */
export function useImage(imageId: string | null | undefined): ImageState | null {
  const { images } = useCanvas();
  const subscribe = useCallback((l: () => void) => (images ? images.subscribe(l) : () => {}), [images]);
  const snap = useCallback(() => (images && imageId ? images.peek(imageId) : null), [images, imageId]);
  const state = useSyncExternalStore(subscribe, snap, snap);
  useEffect(() => {
    if (images && imageId) void images.request(imageId);
  }, [images, imageId]);
  return state;
}
