import { EventStream } from './event-stream';

describe('EventStream handing values over directly', () => {
  it('gives a waiting consumer each value as it is pushed, and queues values while it is busy', async () => {
    const stream = new EventStream<number>(() => undefined);
    const direct: number[] = [];
    stream.consumeDirectly((value) => value % 2 === 1 && direct.push(value) > 0);
    const first = stream.next();
    stream.push(1); // taken directly: the consumer still waits
    stream.push(2); // declined: reaches the pending next()
    stream.push(3); // the consumer is busy with 2: queued behind it, not taken directly
    expect(direct).toEqual([1]);
    expect(await first).toEqual({ value: 2, done: false });
    expect(await stream.next()).toEqual({ value: 3, done: false });
  });

  it("treats a throwing consumer as declining, so the pusher's other work goes on", async () => {
    const stream = new EventStream<string>(() => undefined);
    stream.consumeDirectly(() => {
      throw new Error('socket gone');
    });
    const pending = stream.next();
    expect(() => stream.push('Ada')).not.toThrow();
    expect(await pending).toEqual({ value: 'Ada', done: false });
  });
});
