import { describe, expect, it } from 'vitest';
import { nextPace, PACE } from './statistics-projector.js';

describe('the statistics projector paces itself by how busy the event loop was during its pause', () => {
  it('keeps small batches and long pauses while chatbot steps and messages keep the loop busy', () => {
    expect(nextPace(8, 0.6)).toEqual({ batch: PACE.smallBatch, pauseMs: PACE.busyPauseMs });
    expect(nextPace(64, PACE.busyShare)).toEqual({ batch: PACE.smallBatch, pauseMs: PACE.busyPauseMs });
  });

  it('doubles the batch while a backlog remains and the loop is idle, up to the largest batch', () => {
    let pace: { batch: number; pauseMs: number } = { batch: PACE.smallBatch, pauseMs: PACE.busyPauseMs };
    const batches: number[] = [];
    for (let i = 0; i < 6; i++) {
      pace = nextPace(pace.batch, 0.02);
      batches.push(pace.batch);
    }
    expect(batches).toEqual([16, 32, 64, 128, 128, 128]);
    expect(pace.pauseMs).toBe(PACE.idlePauseMs);
  });

  it('falls back to small batches as soon as the loop gets busy again', () => {
    expect(nextPace(128, 0.3).batch).toBe(PACE.smallBatch);
    expect(nextPace(128, 0.1).batch).toBe(PACE.largestBatch);
  });
});
