/** One end of the channel to a helper thread, as either host gives it. */
export interface HelperPort {
  post(message: unknown, transfer: ArrayBuffer[]): void;
  onMessage(cb: (data: unknown) => void): void;
}

/** The engine's handle on a helper thread. */
export interface HelperThread extends HelperPort {
  /** Called when the thread fails or exits before answering. */
  onFailure(cb: () => void): void;
  terminate(): void;
}

/**
 * The engine's one helper thread of a kind: started on first use, its messages and its failure
 * passed on only while it is the current one (a thread let go earlier may still report its
 * exit), and never started again after a failure.
 */
export class HelperSlot {
  thread: HelperThread | null = null;
  failed = false;

  constructor(
    private readonly start: () => HelperThread | null,
    private readonly onMessage: (data: unknown) => void,
    /** After a failure of the current thread (it is already marked failed). */
    private readonly onFailure: () => void,
  ) {}

  /** The running thread, started now if there is none; null when none can run. */
  open(): HelperThread | null {
    if (this.thread || this.failed) return this.thread;
    let t: HelperThread | null = null;
    try {
      t = this.start();
    } catch {
      t = null;
    }
    if (!t) {
      this.failed = true;
      return null;
    }
    const self = t;
    self.onMessage((data) => {
      if (this.thread === self) this.onMessage(data);
    });
    self.onFailure(() => {
      if (this.thread !== self) return;
      this.failed = true;
      this.onFailure();
    });
    this.thread = self;
    return self;
  }

  /** Lets the thread go (a later open starts another, unless one failed). */
  stop(): void {
    this.thread?.terminate();
    this.thread = null;
  }
}
