import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import { readableOn } from './contrast';

/** Flowpress brand: a calm indigo-violet, used for primary actions and selection. */
const brand: MantineColorsTuple = [
  '#eef0ff',
  '#dcdefa',
  '#b5b9ef',
  '#8c92e5',
  '#6971dc',
  '#525cd7',
  '#4651d5',
  '#3742bd',
  '#303aaa',
  '#252f96',
];

export const theme = createTheme({
  primaryColor: 'brand',
  colors: { brand },
  primaryShade: { light: 6, dark: 5 },
  // Filled buttons and badges pick black or white text by the fill's lightness (green, yellow).
  autoContrast: true,
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily: "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  headings: {
    fontFamily: "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontWeight: '650',
  },
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
    Badge: { defaultProps: { radius: 'sm' } },
  },
});

/** Text contrast WCAG 2 AA asks of body text; a little above 4.5 so rounding never tips it under. */
const AA = 4.6;

/**
 * Colours Mantine derives for text, made readable (WCAG 2 AA) here once rather than page by page:
 * - `dimmed` (secondary text) is darker in light and lighter in dark, readable on the body, the
 *   grey surfaces and the light-variant fills it sits on;
 * - every colour's `-text` (`c="orange"`) reads on white, and its `light` variant's text (badges,
 *   light buttons) reads on the tinted fill behind it; in dark, `-text` reads on the dark surfaces.
 * The e2e axe scan (e2e/tests/a11y.spec.ts) checks the result on every page.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const gray = t.colors.gray;
  const dark = t.colors.dark;
  const light: Record<string, string> = {
    '--mantine-color-dimmed': readableOn(
      gray[6],
      [t.white, gray[0], gray[1], gray[2], brand[0]],
      AA,
    ),
  };
  const darkVars: Record<string, string> = {
    '--mantine-color-dimmed': readableOn(
      dark[2],
      [dark[4], dark[5], dark[6], dark[7], dark[8]],
      AA,
      'white',
    ),
  };
  for (const [name, shades] of Object.entries(t.colors)) {
    if (name === 'dark') continue;
    light[`--mantine-color-${name}-text`] = readableOn(shades[6], [t.white, gray[0]], AA);
    light[`--mantine-color-${name}-light-color`] = readableOn(
      shades[9],
      [shades[1], shades[2], t.white],
      AA,
    );
    darkVars[`--mantine-color-${name}-text`] = readableOn(
      shades[4],
      [dark[6], dark[7], dark[8]],
      AA,
      'white',
    );
  }
  return { variables: {}, light, dark: darkVars };
};
