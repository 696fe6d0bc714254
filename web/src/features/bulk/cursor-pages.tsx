'use client';

import { useState } from 'react';

/** Forward-only cursor pages (first/after) walked both ways: the cursors of the pages seen so far. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1],
    pageNumber: cursors.length,
    next: (endCursor: string) => setCursors((seen) => [...seen, endCursor]),
    previous: () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    /** Back to the first page, for a new filter. */
    reset: () => setCursors([null]),
  };
}

/** "Page 2 of 5" with Previous and Next, under a table; nothing when everything fits one page. */
export function Pager({
  label,
  pages,
  pageSize,
  totalCount,
  pageInfo,
}: {
  /** What is paged, for the navigation's name ("Upload history pages"). */
  label: string;
  pages: ReturnType<typeof useCursorPages>;
  pageSize: number;
  totalCount: number;
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}) {
  if (totalCount <= pageSize && pages.pageNumber === 1) return null;
  const { endCursor, hasNextPage } = pageInfo;
  return (
    <nav className="toolbar" aria-label={label}>
      <button type="button" className="small" onClick={pages.previous} disabled={pages.pageNumber === 1}>
        Previous
      </button>
      <span className="muted">
        Page {pages.pageNumber} of {Math.max(1, Math.ceil(totalCount / pageSize))}
      </span>
      <button type="button" className="small" onClick={() => endCursor && pages.next(endCursor)} disabled={!hasNextPage || !endCursor}>
        Next
      </button>
    </nav>
  );
}
