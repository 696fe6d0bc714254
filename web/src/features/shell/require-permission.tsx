'use client';

import type { ReactNode } from 'react';
import { useViewer } from '../viewer/viewer-provider';

/** Renders a section only for viewers holding its permission; others are told so, not shown an empty page. */
export function RequirePermission({ permission, label, children }: { permission: string; label: string; children: ReactNode }) {
  const viewer = useViewer();
  if (viewer.can(permission)) return children;
  return (
    <div className="panel" role="alert">
      <h1>{label}</h1>
      <p className="muted">Your roles do not include access to {label}. Ask an administrator if you need it.</p>
    </div>
  );
}
