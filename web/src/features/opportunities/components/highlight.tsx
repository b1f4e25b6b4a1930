/**
 * Shows Meilisearch's highlighted text (`<mark>缝纫</mark>工`) as React nodes: only the mark tags
 * become elements, everything else stays text, so posted text can never inject markup.
 */
export function Highlight({ text, fallback }: { text: string | undefined; fallback: string }) {
  const source = text ?? fallback;
  const parts = source.split(/(<mark>.*?<\/mark>)/g).filter(Boolean);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith('<mark>') ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder
          <mark key={index}>{part.slice(6, -7)}</mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
