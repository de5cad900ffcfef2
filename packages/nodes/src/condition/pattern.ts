/**
 * RE2 compilation for `matches` conditions (browser-safe: the definition checks patterns at save
 * time with it). RE2 is linear time in the input; it has no lookaround and no backreferences, and
 * repeat counts go up to 1000.
 */
import { RE2JS } from 're2js';
import { NodeError } from '../contract.js';

export function flagsOf(caseSensitive: boolean): number {
  return caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE;
}

/** Compiles with RE2; a clear message when RE2 refuses the syntax (lookaround, backreferences). */
export function compilePattern(pattern: string, caseSensitive: boolean): RE2JS {
  try {
    return RE2JS.compile(pattern, flagsOf(caseSensitive));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new NodeError(
      `invalid regular expression (RE2 syntax: no lookaround, no backreferences): ${reason}`,
      { code: 'invalid_config' },
    );
  }
}
