/**
 * WCAG 2 contrast, from the colours Chromium computes (`rgb(…)` / `rgba(…)`): text drawn with its alpha over the
 * backgrounds beneath it, composited down to the white page.
 */
type Rgba = readonly [number, number, number, number];

export function parseColour(css: string): Rgba {
  const match = /^rgba?\(([^)]+)\)$/.exec(css.trim());
  const parts = match?.[1]?.split(/[\s,/]+/).filter((part) => part !== '').map(Number);
  if (!parts || parts.length < 3 || parts.some(Number.isNaN)) throw new Error(`not a computed colour: ${css}`);
  const [r = 0, g = 0, b = 0, a = 1] = parts;
  return [r, g, b, a];
}

/** `top` drawn over an opaque `under`. */
function over(top: Rgba, under: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast of text in `colour` over `backgrounds`, nearest first (each possibly transparent), on a white page. */
export function contrastRatio(colour: string, backgrounds: readonly string[]): number {
  const ground = [...backgrounds].reverse().reduce<Rgba>((under, css) => over(parseColour(css), under), [255, 255, 255, 1]);
  const text = over(parseColour(colour), ground);
  const [lighter, darker] = [luminance(text), luminance(ground)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
