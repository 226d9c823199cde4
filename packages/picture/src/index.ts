/**
 * @journeycraft/picture: the journey map as a picture of real shapes. One pure renderer from a map
 * snapshot to SVG (no React, no DOM, no Yjs), used by the browser's export and the server's
 * map.svg/png/pdf and session summary; and the grid layout the canvas shares with it.
 */
export { renderMapPicture } from './render.js';
export type { MapPicture, PictureGrid, PictureOptions, ImageSource } from './render.js';
export { escapeXml, textElement, boldTextElement } from './svg.js';
export type { TextRun, TextPainter } from './svg.js';
export { textWidth, wrapText, ellipsize, FONT_FAMILY } from './text.js';
export type { Weight } from './text.js';
export { computeLayout, cellKey, labelWidth, GRID } from './layout.js';
export type { GridLayout, Column, Row, CardSlot, LabelledLink } from './layout.js';
export {
  AROUND_REACH,
  ROUTE_HANDLES,
  connectionCurve,
  curveBetween,
  curvePath,
  labelBox,
  placeConnections,
  pointAt,
  routeConnections,
  routeCurve,
  verticalAt,
} from './connections.js';
export type {
  ConnectionEnds,
  ConnectionRoute,
  Curve,
  HandleSide,
  LabelPlace,
  LabelSide,
  RoutedConnection,
} from './connections.js';
export { STICKY, FREE_CLUSTER_WIDTH, clusterHeight, groupBoard, groupHeight, placeFree, placeGroup } from './board.js';
export type { BoardLayout, BoardRect, BoardGroups, ClusterSpot, StickyGroup, StickySpot } from './board.js';
export { emotionFor, emotionPoints, smoothPath, curves } from './emotion.js';
export type { EmotionPoint } from './emotion.js';
export { channelIcons, laneColors } from './colors.js';
