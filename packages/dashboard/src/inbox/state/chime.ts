import type { Message } from '@parley/core';

export interface ChimeContext {
  /** The conversation on screen (null when on another page or none open). */
  activeId: string | null;
  /** Is the tab visible? */
  visible: boolean;
  muted: boolean;
}

/**
 * Should a live message play the notification sound? Only a visitor's message, only when
 * the agent is not looking at its conversation (another one is open, another page, or the
 * tab is hidden), and only when not muted. Replays (sync after reconnect) never chime: the
 * caller passes live `message` frames only.
 */
export function shouldChime(m: Pick<Message, 'conversationId' | 'author'>, ctx: ChimeContext): boolean {
  if (ctx.muted || m.author.type !== 'visitor') return false;
  return !ctx.visible || ctx.activeId !== m.conversationId;
}

/** At most one chime per `gapMs`: a burst of messages makes one sound. */
export function chimeThrottle(gapMs = 1500): (now: number) => boolean {
  let last = -Infinity;
  return (now) => {
    if (now - last < gapMs) return false;
    last = now;
    return true;
  };
}
