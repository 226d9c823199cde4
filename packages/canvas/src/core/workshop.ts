/**
 * Workshop arithmetic, framework-free: the session timer (kept in the doc as a start time, a
 * duration and, while paused, what was left) and the viewport a follower applies to see what a
 * facilitator sees.
 */

/** The timer as the map's session state stores it. */
export interface TimerState {
  startedAt: number;
  durationMs: number;
  /** Null while running; what was left when paused. */
  pausedRemainingMs: number | null;
}

/** Milliseconds left at `now` (never below zero). */
export function timerRemaining(timer: TimerState, now: number): number {
  if (timer.pausedRemainingMs !== null) return Math.max(0, timer.pausedRemainingMs);
  return Math.max(0, timer.startedAt + timer.durationMs - now);
}

/** How long a timer that ran out says "Time is up" (after that it reads as ended, not as an alarm). */
export const TIMER_UP_SHOWN_MS = 60_000;

/**
 * What a timer shows at `now`: counting down, held, just run out (the alarm), or ended a while ago
 * (someone who comes to the map later sees when it ended, not a red "Time is up").
 */
export type TimerPhase = 'running' | 'paused' | 'up' | 'ended';

export function timerPhase(timer: TimerState, now: number): TimerPhase {
  if (timer.pausedRemainingMs !== null) return 'paused';
  const end = timerEnd(timer);
  if (now < end) return 'running';
  return now - end <= TIMER_UP_SHOWN_MS ? 'up' : 'ended';
}

/** When a running timer runs out (epoch ms); for a paused one, when it would if resumed now. */
export function timerEnd(timer: TimerState): number {
  return timer.startedAt + timer.durationMs;
}

/** A timer of `minutes` that starts running at `now`. */
export function startTimer(minutes: number, now: number): TimerState {
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 600) {
    throw new RangeError('give the timer between 1 second and 600 minutes');
  }
  return { startedAt: now, durationMs: Math.round(minutes * 60_000), pausedRemainingMs: null };
}

/** The same timer held at what is left at `now`. */
export function pauseTimer(timer: TimerState, now: number): TimerState {
  if (timer.pausedRemainingMs !== null) return timer;
  return { ...timer, pausedRemainingMs: timerRemaining(timer, now) };
}

/** A paused timer running again from `now`, for what was left. */
export function resumeTimer(timer: TimerState, now: number): TimerState {
  if (timer.pausedRemainingMs === null) return timer;
  return { startedAt: now, durationMs: Math.max(1, Math.round(timer.pausedRemainingMs)), pausedRemainingMs: null };
}

/** "mm:ss" (or "h:mm:ss"), rounding up so the display reaches 0:00 exactly when time is up. */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A React Flow viewport (translate and zoom) together with the size of the pane it is shown in. */
export interface SharedViewport {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
}

/**
 * The viewport that shows, in a pane of `size`, the region `lead` shows in its own pane: same
 * centre, zoom scaled so the whole region fits (clamped to `minZoom`..`maxZoom`).
 */
export function followViewport(
  lead: SharedViewport,
  size: { width: number; height: number },
  minZoom = 0.05,
  maxZoom = 2,
): { x: number; y: number; zoom: number } {
  const cx = (lead.width / 2 - lead.x) / lead.zoom;
  const cy = (lead.height / 2 - lead.y) / lead.zoom;
  const scale = Math.min(size.width / Math.max(1, lead.width), size.height / Math.max(1, lead.height));
  const zoom = Math.min(maxZoom, Math.max(minZoom, lead.zoom * scale));
  return { x: size.width / 2 - cx * zoom, y: size.height / 2 - cy * zoom, zoom };
}

/** True when two viewports differ by more than rounding noise. */
export function viewportMoved(a: { x: number; y: number; zoom: number }, b: { x: number; y: number; zoom: number }) {
  return Math.abs(a.x - b.x) > 0.5 || Math.abs(a.y - b.y) > 0.5 || Math.abs(a.zoom - b.zoom) > 0.001;
}

/** Where a presentation stands among the stages: 0-based index, count, the stage shown. */
export interface PresentationStep {
  index: number;
  count: number;
  stageId: string;
}

/**
 * Where the presentation on `stageId` stands among `stages` (in map order). A stage deleted
 * while it was on show gives way to the first stage; no stages: null.
 */
export function presentationStep(stages: ReadonlyArray<{ id: string }>, stageId: string): PresentationStep | null {
  if (!stages.length) return null;
  const index = Math.max(
    0,
    stages.findIndex((s) => s.id === stageId),
  );
  return { index, count: stages.length, stageId: stages[index]!.id };
}

/** The stage `delta` steps from `stageId` (clamped to the first and last); null without stages. */
export function presentationMove(stages: ReadonlyArray<{ id: string }>, stageId: string, delta: number): string | null {
  const step = presentationStep(stages, stageId);
  if (!step) return null;
  return stages[Math.max(0, Math.min(step.count - 1, step.index + delta))]!.id;
}

/**
 * The viewport that shows `rect` (flow units) as large as fits in a pane of `size`, leaving
 * `pad` pixels free on each side (the toolbar above, the presentation bar below), within the
 * zoom limits, centred in what is left; when even `minZoom` (readable text, targets large enough
 * to hit) makes it larger than the pane, its top (or left) edge is shown.
 */
export function viewportFor(
  rect: { x: number; y: number; width: number; height: number },
  size: { width: number; height: number },
  pad: { top: number; right: number; bottom: number; left: number },
  minZoom = 0.05,
  maxZoom = 1.2,
): { x: number; y: number; zoom: number } {
  const w = Math.max(1, size.width - pad.left - pad.right);
  const h = Math.max(1, size.height - pad.top - pad.bottom);
  const zoom = Math.min(
    maxZoom,
    Math.max(minZoom, Math.min(w / Math.max(1, rect.width), h / Math.max(1, rect.height))),
  );
  return {
    x: pad.left + Math.max(0, (w - rect.width * zoom) / 2) - rect.x * zoom,
    y: pad.top + Math.max(0, (h - rect.height * zoom) / 2) - rect.y * zoom,
    zoom,
  };
}
