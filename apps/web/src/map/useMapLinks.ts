import { useEffect, useState } from 'react';
import type { MapLink } from '@journeycraft/canvas';
import { listMaps } from '../api';

const NONE: readonly MapLink[] = [];

/** The other maps of the workspace (for sub-journey links), fetched once per map page; empty offline. */
export function useMapLinks(currentId: string): readonly MapLink[] {
  const [links, setLinks] = useState<readonly MapLink[]>(NONE);
  useEffect(() => {
    let live = true;
    listMaps().then(
      (maps) => live && setLinks(maps.filter((m) => m.id !== currentId).map((m) => ({ id: m.id, title: m.title }))),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [currentId]);
  return links;
}
