// The key on screen: numbered groups of four in a large monospace face, easy to copy by hand.
import { keyGroups } from './key-text.ts';

export function KeyGroups({ recoveryKey, label }: { recoveryKey: string; label: string }) {
  const groups = keyGroups(recoveryKey);
  return (
    <div className="key-groups" role="group" aria-label={label}>
      <ol className="key-groups__list">
        {groups.map((group, index) => (
          // Groups can repeat, so the position is the identity.
          <li key={index} className="key-groups__item">
            <span className="key-groups__number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="key-groups__code">{group}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
