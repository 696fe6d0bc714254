/**
 * A push-fed async iterator (what a GraphQL subscription consumes). Pushes never wait: a consumer
 * more than `maxBuffered` values behind is failed rather than letting memory grow.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  private finished = false;
  private failure: unknown = null;
  private direct: ((value: T) => boolean) | null = null;

  constructor(
    private readonly onClose: () => void,
    private readonly maxBuffered = 10_000,
  ) {}

  /**
   * Lets the consumer take values as they are pushed, with no promise per value, whenever it is
   * waiting for the next one (so order holds). A value it declines (returns false) reaches its
   * pending `next()` as usual.
   */
  consumeDirectly(consumer: (value: T) => boolean): void {
    this.direct = consumer;
  }

  /** Queues a value for the consumer. */
  push(value: T): void {
    if (this.finished) return;
    if (this.waiting) {
      if (this.takenDirectly(value)) return;
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
      return;
    }
    if (this.buffer.length >= this.maxBuffered) {
      this.fail(new Error('The subscriber fell too far behind; resubscribe with afterSequence'));
      return;
    }
    this.buffer.push(value);
  }

  /** Ends the stream with an error, delivered once the buffered values are consumed. */
  fail(error: unknown): void {
    if (this.finished) return;
    this.failure = error;
    this.finish();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** The consumer stopped (socket closed or operation completed). */
  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.failure = null;
    this.finish();
    if (this.waiting) {
      this.waiting.resolve({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  // A consumer that throws declines: the value reaches it again through next(), where the failure is
  // its own and not the pusher's (the hub delivering to every other subscriber).
  private takenDirectly(value: T): boolean {
    try {
      return this.direct?.(value) ?? false;
    } catch {
      return false;
    }
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.onClose();
  }
}
