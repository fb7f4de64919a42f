// The frame around the signed-out screens: a calm page with one card in the middle.
import { LockKeyhole } from 'lucide-react';
import type { ReactNode } from 'react';
import { Wordmark } from '../../ui/logo.tsx';

export interface AuthLayoutProps {
  /** The practice's name, shown above the heading. */
  eyebrow?: string | null;
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}

export function AuthLayout({ eyebrow, title, lead, children, wide = false }: AuthLayoutProps) {
  return (
    <div className="auth-page">
      <main className={wide ? 'auth-card auth-card--wide' : 'auth-card'}>
        <Wordmark className="auth-card__brand" />
        {eyebrow && <p className="auth-card__eyebrow">{eyebrow}</p>}
        <h1 className="auth-card__title">{title}</h1>
        {lead && <div className="auth-card__lead">{lead}</div>}
        {children}
      </main>
      <p className="auth-page__footnote">
        <LockKeyhole aria-hidden="true" size={14} />
        Records are encrypted and stay on this computer.
      </p>
    </div>
  );
}
