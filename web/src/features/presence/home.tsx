'use client';

import Link from 'next/link';
import { PageHeader } from '../../ui/page-header';
import { visibleSections } from '../shell/sections';
import { useViewer } from '../viewer/viewer-provider';
import { LiveAgentsBoard } from './live-agents-board';
import { MyStatus } from './my-status';

/**
 * The console's home (/): the live board for supervisors ("Monitoring - Agents"), My status for
 * agents ("Agent Adapter - Set Own Status"), and for anyone else the sections they may open.
 */
export function Home() {
  const viewer = useViewer();
  const greeting = `Welcome, ${viewer.user?.firstName ?? 'API credential'}`;
  if (viewer.can('monitoring.agents')) return <LiveAgentsBoard />;
  if (viewer.can('adapter.status')) {
    return (
      <>
        <PageHeader title={greeting} description="Start your shift and set your status here; your supervisors see each change at once." />
        <MyStatus />
      </>
    );
  }
  const sections = visibleSections(viewer);
  return (
    <>
      <PageHeader title={greeting} />
      {sections.length > 0 ? (
        <section className="panel" aria-labelledby="home-sections">
          <h2 id="home-sections">What you can open</h2>
          <ul>
            {sections.map((section) => (
              <li key={section.href}>
                <Link href={section.href}>{section.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="panel muted">Your roles do not open any section of the console yet. Ask an administrator if you need access.</p>
      )}
    </>
  );
}
