// A QR code drawn as SVG from the modules main computed (qrcode, in main): no image URL, so the
// strict content security policy stays as it is.
import { useMemo } from 'react';

/** The quiet zone around the code, in modules (the standard asks for four). */
const QUIET = 4;

export function QrCode({ size, modules, label }: { size: number; modules: string; label: string }) {
  const path = useMemo(() => {
    const parts: string[] = [];
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        if (modules.charAt(y * size + x) === '1')
          parts.push(`M${String(x + QUIET)} ${String(y + QUIET)}h1v1h-1z`);
    return parts.join('');
  }, [size, modules]);
  const total = size + QUIET * 2;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${String(total)} ${String(total)}`}
      shapeRendering="crispEdges"
    >
      <rect width={total} height={total} fill="#ffffff" />
      <path d={path} fill="#111111" />
    </svg>
  );
}
