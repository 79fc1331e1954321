/**
 * Typing signals (docs/protocol.md): send `typing: true` at most every 2 s
 * while the composer changes and `typing: false` when it is cleared or sent;
 * hide someone else's indicator after 6 s without a renewal. Pure: the clock
 * and the sender are injected.
 */
export const TYPING_THROTTLE_MS = 2000;
export const TYPING_TIMEOUT_MS = 6000;

export class TypingSignal {
  private lastSent = -Infinity;
  private active = false;

  constructor(
    private readonly send: (typing: boolean) => boolean,
    private readonly now: () => number = Date.now,
    private readonly throttleMs = TYPING_THROTTLE_MS,
  ) {}

  /** The composer changed; `empty` when it holds only whitespace now. */
  input(empty: boolean): void {
    if (empty) return this.stop();
    const t = this.now();
    if (t - this.lastSent >= this.throttleMs) {
      if (this.send(true)) {
        this.lastSent = t;
        this.active = true;
      }
    }
  }

  /** The composer was cleared or the message sent. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.lastSent = -Infinity;
    this.send(false);
  }

  /** The connection dropped: the server forgets typing state with the socket. */
  reset(): void {
    this.active = false;
    this.lastSent = -Infinity;
  }
}
