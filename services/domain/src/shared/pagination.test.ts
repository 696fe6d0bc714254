import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, encodeCursor, pageSize } from './pagination';

describe('pagination', () => {
  it('uses the default page size when none is asked for and allows up to the maximum', () => {
    expect(pageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(null)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(200);
  });

  it('refuses a page larger than 200, negative or fractional, naming `first`', () => {
    for (const first of [201, -1, 2.5]) {
      expect(() => pageSize(first)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }));
    }
  });

  it('round-trips a cursor and refuses one it did not make, naming `after`', () => {
    expect(decodeCursor(encodeCursor(['ada@example.com']), 1)).toEqual(['ada@example.com']);
    expect(() => decodeCursor('not-a-cursor', 1)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }));
    expect(() => decodeCursor(encodeCursor(['a', 'b']), 1)).toThrow(expect.objectContaining({ field: 'after' }));
  });
});
