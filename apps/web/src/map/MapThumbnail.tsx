import { useState } from 'react';
import { mapPicturePath, type MapSummary } from '@journeycraft/schema';

/** Width of the thumbnail as drawn by the server, in pixels (twice the box, for sharp screens). */
const THUMBNAIL_WIDTH = 320;

/**
 * A small picture of a map in the map list: the server's drawing of it (the same as the PNG
 * export), loaded lazily when the row scrolls into view. The URL carries the map's version, so the
 * browser keeps the picture until the map changes. A picture that cannot be drawn says so.
 */
export function MapThumbnail({ map }: { map: Pick<MapSummary, 'id' | 'title' | 'updatedAt'> }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <div className="map-thumb map-thumb-missing" role="img" aria-label={`No picture of ${map.title}`}>
        No preview
      </div>
    );
  }
  const src = `${mapPicturePath(map.id, 'png')}?width=${THUMBNAIL_WIDTH}&v=${encodeURIComponent(map.updatedAt)}`;
  return (
    <img
      className="map-thumb"
      src={src}
      alt={`Picture of the map ${map.title}`}
      loading="lazy"
      decoding="async"
      width={160}
      height={100}
      onError={() => setFailed(true)}
    />
  );
}
