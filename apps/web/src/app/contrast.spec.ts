import { contrast, readableOn } from './contrast';

describe('contrast', () => {
  it('matches the WCAG ratios of known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // Mantine's default dimmed grey on white: the 3.32 the axe scan reported.
    expect(contrast('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
    expect(contrast('#fff', '#000')).toBeCloseTo(21, 5);
  });

  it('refuses what is not a hex colour', () => {
    expect(() => contrast('rgb(0,0,0)', '#fff')).toThrow('Not a hex colour: rgb(0,0,0)');
  });
});

describe('readableOn', () => {
  it('keeps a colour that is already readable', () => {
    expect(readableOn('#495057', ['#ffffff'])).toBe('#495057');
  });

  it('darkens a colour until it reads on every background given', () => {
    const fixed = readableOn('#e67700', ['#fff3bf', '#ffffff']);
    expect(contrast(fixed, '#fff3bf')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(fixed).not.toBe('#e67700');
  });

  it('lightens towards white for dark backgrounds', () => {
    const fixed = readableOn('#828282', ['#2e2e2e', '#242424'], 4.5, 'white');
    expect(contrast(fixed, '#2e2e2e')).toBeGreaterThanOrEqual(4.5);
  });
});
