import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { contrast } from './contrast';
import { cssVariablesResolver, theme } from './theme';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const vars = cssVariablesResolver(full);
const gray = full.colors.gray;
const dark = full.colors.dark;

describe('theme colours', () => {
  it('makes dimmed text readable (WCAG AA) on every light and dark surface it sits on', () => {
    for (const bg of [full.white, gray[0], gray[1], gray[2]]) {
      expect(contrast(vars.light['--mantine-color-dimmed']!, bg)).toBeGreaterThanOrEqual(4.5);
    }
    for (const bg of [dark[5], dark[6], dark[7], dark[8]]) {
      expect(contrast(vars.dark['--mantine-color-dimmed']!, bg)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('makes every colour’s text and light-variant text readable on white and on its own tint', () => {
    for (const [name, shades] of Object.entries(full.colors)) {
      if (name === 'dark') continue;
      expect(
        contrast(vars.light[`--mantine-color-${name}-text`]!, full.white),
      ).toBeGreaterThanOrEqual(4.5);
      const lightColor = vars.light[`--mantine-color-${name}-light-color`]!;
      expect(contrast(lightColor, shades[1])).toBeGreaterThanOrEqual(4.5);
      expect(contrast(vars.dark[`--mantine-color-${name}-text`]!, dark[7])).toBeGreaterThanOrEqual(
        4.5,
      );
    }
  });

  it('keeps colours that were already readable as they were', () => {
    // brand-6 on white is 6.2:1 already; the theme must not darken the primary text.
    expect(vars.light['--mantine-color-brand-text']).toBe(full.colors.brand?.[6]);
  });
});
