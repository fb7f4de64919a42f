// A titled card that groups one part of a page (a settings section, a form).
import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export interface SectionProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
}

export function Section({ title, description, children, className, headingLevel = 2 }: SectionProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={cx('section', className)}>
      <div className="section__header">
        <Heading className="section__title">{title}</Heading>
        {description && <p className="section__description">{description}</p>}
      </div>
      <div className="section__body">{children}</div>
    </section>
  );
}
