/** Pause / resume / cancel between batches. The host calls the methods; the training loop awaits `checkpoint()`. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('run cancelled');
  }
}

export type RunState = 'running' | 'paused' | 'cancelled';

export class RunControl {
  private state: RunState = 'running';
  private waiters: (() => void)[] = [];
  private lastYield = 0;
  /** Called once each time the loop actually stops at a checkpoint for a pause (the pause has taken hold). */
  onHeld?: () => void;

  get status(): RunState {
    return this.state;
  }
  pause(): void {
    if (this.state === 'running') this.state = 'paused';
  }
  resume(): void {
    if (this.state === 'paused') this.state = 'running';
    this.flush();
  }
  cancel(): void {
    this.state = 'cancelled';
    this.flush();
  }
  private flush(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }
  /**
   * Called between batches: yields to the event loop (at most every `yieldMs`) so pause/cancel messages can
   * arrive, waits while paused, throws CancelledError when cancelled.
   */
  async checkpoint(yieldMs = 50): Promise<void> {
    const now = Date.now();
    if (now - this.lastYield >= yieldMs) {
      this.lastYield = now;
      await new Promise<void>((r) => setTimeout(r, 0));
    }
    if (this.state === 'paused') this.onHeld?.();
    while (this.state === 'paused') await new Promise<void>((r) => this.waiters.push(r));
    if (this.state === 'cancelled') throw new CancelledError();
  }
}
