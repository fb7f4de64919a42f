// Text with highlighted parts (a search snippet), drawn as text and <mark>, never as HTML.
export interface TextPart {
  text: string;
  hit: boolean;
}

export function HighlightedText({ parts, className }: { parts: readonly TextPart[]; className?: string }) {
  return (
    <span className={className}>
      {parts.map((part, index) =>
        // The parts never reorder: the index is a stable key.
        part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  );
}
