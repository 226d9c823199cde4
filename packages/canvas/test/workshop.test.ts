import { describe, expect, it } from 'vitest';
import {
  followViewport,
  presentationMove,
  presentationStep,
  viewportFor,
  formatCountdown,
  pauseTimer,
  resumeTimer,
  startTimer,
  TIMER_UP_SHOWN_MS,
  timerEnd,
  timerPhase,
  timerRemaining,
} from '../src/core/workshop.js';

describe('session timer', () => {
  it('counts down, pauses at what is left and resumes from there', () => {
    const t = startTimer(5, 1_000);
    expect(timerRemaining(t, 1_000)).toBe(300_000);
    expect(timerRemaining(t, 61_000)).toBe(240_000);
    const paused = pauseTimer(t, 61_000);
    expect(timerRemaining(paused, 500_000)).toBe(240_000);
    const resumed = resumeTimer(paused, 500_000);
    expect(timerRemaining(resumed, 530_000)).toBe(210_000);
    expect(timerRemaining(resumed, 10_000_000)).toBe(0);
  });

  it('says "time is up" for a minute after it ran out, then that it ended (for whoever comes later)', () => {
    const t = startTimer(5, 1_000);
    expect(timerPhase(t, 200_000)).toBe('running');
    expect(timerPhase(pauseTimer(t, 200_000), 900_000)).toBe('paused');
    expect(timerEnd(t)).toBe(301_000);
    expect(timerPhase(t, 301_000)).toBe('up');
    expect(timerPhase(t, 301_000 + TIMER_UP_SHOWN_MS)).toBe('up');
    expect(timerPhase(t, 301_001 + TIMER_UP_SHOWN_MS)).toBe('ended');
    expect(timerPhase(t, 86_400_000)).toBe('ended');
  });

  it('refuses nonsense durations', () => {
    expect(() => startTimer(0, 0)).toThrow(RangeError);
    expect(() => startTimer(Number.NaN, 0)).toThrow(RangeError);
    expect(() => startTimer(601, 0)).toThrow(RangeError);
  });

  it('formats the countdown, reaching 0:00 only when time is up', () => {
    expect(formatCountdown(300_000)).toBe('5:00');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(3_725_000)).toBe('1:02:05');
  });
});

describe('follow viewport', () => {
  it('shows the same centre, scaled to fit a smaller pane', () => {
    const lead = { x: -100, y: -50, zoom: 1, width: 1000, height: 800 };
    const v = followViewport(lead, { width: 500, height: 800 });
    expect(v.zoom).toBeCloseTo(0.5);
    // The leader's centre in flow coordinates: (600, 450); it lands at the follower's centre.
    expect((250 - v.x) / v.zoom).toBeCloseTo(600);
    expect((400 - v.y) / v.zoom).toBeCloseTo(450);
  });

  it('keeps the zoom inside the canvas limits', () => {
    const v = followViewport({ x: 0, y: 0, zoom: 2, width: 100, height: 100 }, { width: 1000, height: 1000 });
    expect(v.zoom).toBe(2);
  });
});

describe('presentation', () => {
  const stages = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('says stage n of m, and gives way to the first stage when the one on show was deleted', () => {
    expect(presentationStep(stages, 'b')).toEqual({ index: 1, count: 3, stageId: 'b' });
    expect(presentationStep(stages, 'gone')).toEqual({ index: 0, count: 3, stageId: 'a' });
    expect(presentationStep([], 'a')).toBeNull();
  });

  it('steps forward and back, never past the first or last stage', () => {
    expect(presentationMove(stages, 'a', 1)).toBe('b');
    expect(presentationMove(stages, 'c', 1)).toBe('c');
    expect(presentationMove(stages, 'a', -1)).toBe('a');
    expect(presentationMove(stages, 'c', -2)).toBe('a');
    expect(presentationMove([], 'a', 1)).toBeNull();
  });

  it('fits a stage in the pane between the toolbar and the bar, centred, and shows the top of a tall one', () => {
    const pad = { top: 70, right: 40, bottom: 90, left: 40 };
    const pane = { width: 1000, height: 800 };
    const small = viewportFor({ x: 500, y: 0, width: 200, height: 300 }, pane, pad, 0.05, 1.2);
    expect(small.zoom).toBe(1.2);
    // Its middle lands in the middle of what the toolbar and the bar leave free.
    expect(small.x + (500 + 100) * small.zoom).toBeCloseTo(40 + 920 / 2);
    expect(small.y + 150 * small.zoom).toBeCloseTo(70 + 640 / 2);
    const tall = viewportFor({ x: 500, y: 0, width: 260, height: 3000 }, pane, pad, 1, 1.2);
    expect(tall.zoom).toBe(1);
    expect(tall.y).toBe(70);
  });
});
