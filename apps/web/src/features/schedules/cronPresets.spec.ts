import { cronToPreset, presetToCron, switchPreset, type Preset } from './cronPresets';

describe('cron presets', () => {
  it('write the cron of each preset and read it back', () => {
    const presets: [Preset, string][] = [
      [{ kind: 'hourly', minute: 15 }, '15 * * * *'],
      [{ kind: 'daily', time: '08:05' }, '5 8 * * *'],
      [{ kind: 'weekdays', time: '08:00' }, '0 8 * * 1-5'],
      [{ kind: 'weekly', weekday: 3, time: '17:30' }, '30 17 * * 3'],
      [{ kind: 'monthly', day: 1, time: '09:00' }, '0 9 1 * *'],
    ];
    for (const [preset, cron] of presets) {
      expect(presetToCron(preset)).toBe(cron);
      expect(cronToPreset(cron)).toEqual(preset);
    }
  });

  it('reads anything else, seconds included, as a custom cron', () => {
    expect(cronToPreset('*/5 * * * * *')).toEqual({ kind: 'custom', cron: '*/5 * * * * *' });
    expect(cronToPreset('0 8 * 1 *')).toEqual({ kind: 'custom', cron: '0 8 * 1 *' });
    expect(cronToPreset('0 8,12 * * *').kind).toBe('custom');
  });

  it('keeps the chosen time when switching presets', () => {
    expect(switchPreset({ kind: 'daily', time: '07:45' }, 'weekly')).toEqual({
      kind: 'weekly',
      weekday: 1,
      time: '07:45',
    });
    expect(switchPreset({ kind: 'weekdays', time: '07:45' }, 'custom')).toEqual({
      kind: 'custom',
      cron: '45 7 * * 1-5',
    });
  });
});
