import { createTheme, type MantineColorsTuple } from '@mantine/core';

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
