import type { ReactNode } from 'react';
import Link from 'next/link';

import { HealthBadge } from '@/components/HealthBadge';
import { RepoStars } from '@/components/RepoStars';

export const metadata = { title: 'Fullstack demo' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <Link href="/">Users</Link> · <Link href="/items">Items</Link> · <Link href="/login">Log in</Link>
          <HealthBadge />
        </nav>
        {children}
        <footer>
          <RepoStars repo="acme/fullstack-demo" />
        </footer>
      </body>
    </html>
  );
}
