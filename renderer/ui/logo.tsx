// The Stillwater mark: still water, three level lines in a rounded square.
import { cx } from './cx.ts';

export function LogoMark({ size = 32, className }: { size?: number; className?: string }) {
  return (
    <svg
      className={cx('logo-mark', className)}
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" className="logo-mark__bg" />
      <path d="M8 12.5c2.7-1.6 5.3-1.6 8 0s5.3 1.6 8 0" className="logo-mark__line" />
      <path d="M8 17c2.7-1.6 5.3-1.6 8 0s5.3 1.6 8 0" className="logo-mark__line logo-mark__line--2" />
      <path d="M8 21.5c2.7-1.6 5.3-1.6 8 0s5.3 1.6 8 0" className="logo-mark__line logo-mark__line--3" />
    </svg>
  );
}

export function Wordmark({ className }: { className?: string }) {
  return (
    <span className={cx('wordmark', className)}>
      <LogoMark size={28} />
      <span className="wordmark__text">Stillwater</span>
    </span>
  );
}
