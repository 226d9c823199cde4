import { useEffect, useState } from 'react';
import { ImageCache, type PictureDownloads } from '@journeycraft/canvas';
import { ImageInfoSchema, imagePath, mapPicturePath } from '@journeycraft/schema';
import { RawBody, download, request, saveFile, unreadable } from '../client';

/**
 * The pictures of one map (cards, personas) for the canvas, through the app's HTTP client: a
 * share-link guest's session goes with every request, and errors carry the server's message.
 */
export function mapImages(mapId: string): ImageCache {
  return new ImageCache({
    async load(imageId) {
      return (await download(imagePath(mapId, imageId), { fallbackName: imageId })).blob;
    },
    async upload(file) {
      const answer = ImageInfoSchema.safeParse(
        await request(
          'POST',
          `/api/maps/${encodeURIComponent(mapId)}/images`,
          new RawBody(file, file.type || 'application/octet-stream'),
        ),
      );
      if (!answer.success) throw unreadable();
      return { id: answer.data.id };
    },
  });
}

/** One picture cache per open map (and per credential: a guest's and a member's are not shared). */
export function useMapImages(mapId: string, token: string | null): ImageCache | null {
  const [cache, setCache] = useState<ImageCache | null>(null);
  useEffect(() => {
    const c = mapImages(mapId);
    setCache(c);
    return () => {
      c.destroy();
      setCache((cur) => (cur === c ? null : cur));
    };
  }, [mapId, token]);
  return cache;
}

/**
 * The server's PNG and PDF of a map (drawn in its export workers by the same renderer as the
 * canvas's SVG), downloaded through the app's HTTP client with the guest's session if any.
 */
export function mapPictures(mapId: string): PictureDownloads {
  return {
    async download(format) {
      saveFile(await download(`${mapPicturePath(mapId, format)}?download=1`, { fallbackName: `map.${format}` }));
    },
  };
}
