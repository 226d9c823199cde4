/**
 * @journeycraft/canvas: the journey map canvas (React Flow) and what goes with it: the grid
 * layout, templates, CSV of touchpoints, and the awareness channel for cursors, selections and
 * live drag previews. Never imports yjs: reads through @journeycraft/doc-react, writes through
 * @journeycraft/doc mutations.
 */
export { JourneyCanvas } from './react/JourneyCanvas.js';
export type { JourneyCanvasProps } from './react/JourneyCanvas.js';
export type { PresentPerson, MapLink, CanvasWorkshop, CanvasVoting } from './react/context.js';
export { renderCounts } from './react/context.js';
export { UndoToasts, UNDO_TOAST_MS } from './react/Deletes.js';
export { TOOLBAR_ID } from './react/Toolbar.js';
export { mentionsIn } from './react/panel/Comments.js';
export { computeLayout, cellAt, GRID } from './core/layout.js';
export type { GridLayout, Column, Row, CardSlot } from './core/layout.js';
export {
  addTouchpoint,
  addStage,
  addLane,
  dropCards,
  dropHeader,
  connectCards,
  cardBundle,
  copyCards,
  pasteClip,
  duplicateCards,
  searchCards,
  selectionTargets,
  planDelete,
  runDelete,
} from './core/commands.js';
export type { CardDrop, CardRecords, Clip, DeletePlan } from './core/commands.js';
export { ImageCache, imageFileProblem } from './core/images.js';
export type { ImageState, ImageTransport } from './core/images.js';
export type { PictureDownloads } from './core/picture.js';
export { STICKY, emotionFor, emotionPoints } from '@journeycraft/picture';
export type { BoardLayout, StickySpot, ClusterSpot } from '@journeycraft/picture';
export {
  boardDropOf,
  applyBoardDrop,
  placeAt,
  createSticky,
  cardCellFor,
  turnStickyIntoCard,
  previousSticky,
  stickyStep,
  STICKY_COLORS,
} from './core/stickies.js';
export type { BoardDrop } from './core/stickies.js';
export { DragOffsets } from './core/dragOffsets.js';
export type { DragOffset } from './core/dragOffsets.js';
export { PeerStore } from './core/peers.js';
export type { AwarenessLike, Peer, RemoteCursor, RemoteDrag, LeadView } from './core/peers.js';
export {
  timerRemaining,
  timerPhase,
  timerEnd,
  TIMER_UP_SHOWN_MS,
  startTimer,
  pauseTimer,
  resumeTimer,
  formatCountdown,
  followViewport,
  viewportMoved,
  presentationStep,
  presentationMove,
  viewportFor,
} from './core/workshop.js';
export type { TimerState, SharedViewport, PresentationStep } from './core/workshop.js';
export { csvCell, touchpointsCsv, TOUCHPOINT_CSV_COLUMNS } from './core/csv.js';
export { mapTemplates, applyTemplate, templateRecords } from './templates/index.js';
export type { MapTemplate } from './templates/index.js';
export type { BuiltTemplate } from './templates/build.js';
export { GraphCache, buildGraph, cardFacts } from './react/graph.js';
