// The banner over a form that shows main's message (and issues for fields the form does not show).
import type { FormProblem } from '../lib/form-errors.ts';
import { Banner } from './banner.tsx';

export function ProblemBanner({ problem, title }: { problem: FormProblem | null; title?: string }) {
  if (!problem) return null;
  return (
    <Banner tone="danger" live title={title}>
      {problem.message}
      {problem.details.length > 0 && (
        <ul className="banner__list">
          {problem.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </Banner>
  );
}
