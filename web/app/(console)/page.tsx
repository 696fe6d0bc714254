'use client';

import { useViewer } from '../../src/features/viewer/viewer-provider';

export default function HomePage() {
  const viewer = useViewer();
  return <h1>Welcome, {viewer.user?.firstName ?? 'API credential'}</h1>;
}
