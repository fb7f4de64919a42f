// A seconds countdown for "try again in 0:42" (sign-in back-off from main's retryAfterSeconds).
import { useEffect, useRef, useState } from 'react';

export function useCountdown(): { remaining: number; start(seconds: number): void } {
  const [remaining, setRemaining] = useState(0);
  const deadline = useRef(0);
  const running = remaining > 0;

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      setRemaining(Math.max(0, Math.ceil((deadline.current - Date.now()) / 1000)));
    }, 250);
    return () => {
      window.clearInterval(timer);
    };
  }, [running]);

  return {
    remaining,
    start: (seconds) => {
      deadline.current = Date.now() + seconds * 1000;
      setRemaining(seconds);
    },
  };
}
