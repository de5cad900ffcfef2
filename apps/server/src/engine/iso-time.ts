/**
 * `new Date(ms).toISOString()` with the last answer remembered. V8 formats a date in ≈ 1 µs; a
 * run's events and rows mostly fall in the same millisecond, so most calls are a comparison.
 */
let lastMs = Number.NaN;
let lastIso = '';

export function isoAt(ms: number): string {
  if (ms !== lastMs) {
    // Assigned only after formatting succeeds: an invalid time throws and caches nothing.
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

export const isoNow = (): string => isoAt(Date.now());
