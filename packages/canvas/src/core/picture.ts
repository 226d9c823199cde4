/**
 * How the canvas gets the server's drawing of the map, the same picture as its SVG export (the
 * app implements it with its HTTP client): the PNG and the PDF are drawn in the server's export
 * workers, with the fonts embedded, so every browser gets the same file.
 */
export interface PictureDownloads {
  /** Fetches the map's picture in this format and hands it to the browser as a download; fails with the server's word. */
  download(format: 'png' | 'pdf'): Promise<void>;
}
