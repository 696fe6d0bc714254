'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { signOut } from '../auth/session';
import { useViewer } from '../viewer/viewer-provider';
import { visibleSections } from './sections';

/** The signed-in frame: the menu of the sections the viewer may open, who is signed in, and sign out. */
export function ConsoleShell({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const pathname = usePathname();
  const sections = visibleSections(viewer);
  const isCurrent = (href: string) => (href === '/' ? pathname === '/' : pathname.startsWith(href));
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">Switchboard</div>
        <div className="tenant">{viewer.tenant.name}</div>
        {/* Without the board, home is the agent's own status, or a welcome. */}
        {!viewer.can('monitoring.agents') && (
          <Link href="/" aria-current={pathname === '/' ? 'page' : undefined}>
            {viewer.can('adapter.status') ? 'My status' : 'Home'}
          </Link>
        )}
        {sections.map((section) => (
          <Link key={section.href} href={section.href} aria-current={isCurrent(section.href) ? 'page' : undefined}>
            {section.label}
          </Link>
        ))}
        <div className="account">
          <span>{viewer.user ? `${viewer.user.firstName} ${viewer.user.lastName}` : 'API credential'}</span>
          {viewer.user && <span>{viewer.user.email}</span>}
          <button type="button" className="small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main id="content" className="content">
        {children}
      </main>
    </div>
  );
}
