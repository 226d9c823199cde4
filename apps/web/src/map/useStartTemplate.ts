import { useEffect, useRef } from 'react';
import type { MapStore, TxOrigin } from '@journeycraft/doc';
import { applyTemplate } from '@journeycraft/canvas';

/** The template chosen when the map was created (`?template=id` on the map's address). */
export function templateFromUrl(): string | null {
  return new URLSearchParams(location.search).get('template');
}

/**
 * Fills a freshly created map from the template picked on the list page, once the doc has
 * synced with the server and only if the map is still empty; then drops `?template` from the URL.
 */
export function useStartTemplate(store: MapStore | null, synced: boolean, origin: TxOrigin): void {
  const done = useRef(false);
  useEffect(() => {
    const id = templateFromUrl();
    if (!id || done.current || !store || !synced) return;
    done.current = true;
    const empty = !store.getRecords('stages').length && !store.getRecords('lanes').length;
    if (empty) applyTemplate(store.doc, id, origin, store.getMeta());
    history.replaceState(history.state, '', location.pathname);
  }, [store, synced, origin]);
}
