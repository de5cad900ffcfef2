/**
 * WCAG 2 contrast arithmetic for the theme: enough to nudge a palette colour until text in it is
 * readable (4.5:1 for body text) on the background it sits on. Hex colours only (#rgb, #rrggbb),
 * which is what the palettes hold.
 */

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`Not a hex colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (rgb: Rgb) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `fg` mixed with black (or white) in small steps until it reaches `min` against every background. */
export function readableOn(
  fg: string,
  backgrounds: string[],
  min = 4.5,
  towards: 'black' | 'white' = 'black',
): string {
  const base = parse(fg);
  const target = towards === 'black' ? 0 : 255;
  for (let step = 0; step <= 20; step++) {
    const t = step / 20;
    const color = toHex(base.map((c) => c + (target - c) * t) as Rgb);
    if (backgrounds.every((bg) => contrast(color, bg) >= min)) return color;
  }
  return towards === 'black' ? '#000000' : '#ffffff';
}
