import type { Redis } from 'ioredis';
import type { EventPayloads, Topic } from './topics';

type Handler<T extends Topic> = (payload: EventPayloads[T]) => void;

/**
 * Typed publish/subscribe over Redis, shared by every api and worker process. Publishing uses the
 * process's ordinary connection; subscribing needs a connection of its own (Redis puts a
 * subscribed connection in a mode where it can do nothing else).
 */
export class EventBus {
  private readonly handlers = new Map<string, Set<Handler<any>>>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis | null,
    private readonly prefix: string,
  ) {
    subscriber?.on('message', (channel: string, message: string) => {
      const handlers = this.handlers.get(channel);
      if (!handlers) return;
      const payload = JSON.parse(message);
      for (const handler of handlers) handler(payload);
    });
  }

  /** Publishes to every process; call after the transaction that made the change has committed. */
  async publish<T extends Topic>(topic: T, payload: EventPayloads[T]): Promise<void> {
    await this.publisher.publish(this.channel(topic), JSON.stringify(payload));
  }

  /** Calls `handler` for every event on the topic, from any process; returns the unsubscribe. */
  async subscribe<T extends Topic>(topic: T, handler: Handler<T>): Promise<() => Promise<void>> {
    if (!this.subscriber) throw new Error('This EventBus was built without a subscriber connection');
    const channel = this.channel(topic);
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      await this.subscriber.subscribe(channel);
    }
    handlers.add(handler);
    return async () => {
      handlers!.delete(handler);
      if (handlers!.size === 0 && this.handlers.get(channel) === handlers) {
        this.handlers.delete(channel);
        await this.subscriber!.unsubscribe(channel);
      }
    };
  }

  private channel(topic: Topic): string {
    return `${this.prefix}:events:${topic}`;
  }
}
