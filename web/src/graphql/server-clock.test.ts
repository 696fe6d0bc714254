import { narrowOffset } from './server-clock';

describe("the server clock's offset", () => {
  // A PC clock two minutes fast: the server's Date header reads two minutes earlier.
  const fast = 120_000;

  it('is bounded by one answer: the Date header was written between sending and receiving', () => {
    const bounds = narrowOffset(null, { sent: 1_000_000 + fast, received: 1_000_300 + fast, serverDate: 1_000_000 });
    expect(bounds).toEqual({ low: -fast - 300, high: -fast + 1000 });
  });

  it('narrows as answers come in, to well under a second', () => {
    let bounds = narrowOffset(null, { sent: 1_000_000 + fast, received: 1_000_050 + fast, serverDate: 1_000_000 });
    // Dated 5_000_000 though it left at 5_001_020 + fast: the server had not reached 5_001_000 when it left.
    bounds = narrowOffset(bounds, { sent: 5_001_020 + fast, received: 5_001_060 + fast, serverDate: 5_000_000 });
    expect(bounds).toEqual({ low: -fast - 50, high: -fast - 20 });
  });

  it('starts again from the latest answer when the bounds no longer meet (a clock was set)', () => {
    const before = narrowOffset(null, { sent: 1_000_000 + fast, received: 1_000_050 + fast, serverDate: 1_000_000 });
    expect(narrowOffset(before, { sent: 2_000_000, received: 2_000_050, serverDate: 2_000_000 })).toEqual({ low: -50, high: 1000 });
  });
});
