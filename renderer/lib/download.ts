// Saves text the renderer already holds as a file the user downloads (Blob + <a download>).
export function downloadText(filename: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the object URL goes away.
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

/** A file-name-safe slug: "Lantern Hill Counseling" -> "lantern-hill-counseling". */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'practice'
  );
}
