import type { ReactNode } from 'react';
import { ConsoleShell } from '../../src/features/shell/console-shell';
import { ViewerProvider } from '../../src/features/viewer/viewer-provider';

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <ViewerProvider>
      <ConsoleShell>{children}</ConsoleShell>
    </ViewerProvider>
  );
}
