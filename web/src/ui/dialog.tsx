'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: the browser keeps focus inside it, Escape
 * closes it, and focus returns to what opened it. Rendered only while open.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      // Read before showModal moves focus into the dialog (and only then: strict mode runs this twice).
      opener.current = document.activeElement;
      dialog.showModal();
    }
    // The dialog is unmounted rather than closed, so the browser does not give focus back itself:
    // without this, a keyboard user would land on <body>. When the opener has left the page or been
    // disabled (by what the dialog did), the page's heading takes focus instead.
    return () => {
      const element = opener.current;
      const fallback = document.querySelector<HTMLElement>('h1');
      (canTakeFocus(element) ? element : fallback)?.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onClose={onClose} onCancel={(e) => (e.preventDefault(), onClose())}>
      <div className="dialog-header">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="small" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

/** Whether focus can go back to this element: still on the page and not disabled. */
function canTakeFocus(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element.isConnected && !element.matches(':disabled');
}
