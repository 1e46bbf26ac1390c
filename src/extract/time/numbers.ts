/**
 * Numbers written in words or Roman numerals. The words themselves come from
 * the numberAtoms table; only the arithmetic lives here: French composes by
 * addition (soixante-dix = 60 + 10, vingt et un = 20 + 1) except that a
 * hundred or a thousand multiplies what precedes it (deux cents = 2 x 100).
 * "quatre-vingt" is an atom of its own in the table, so 4 x 20 needs no rule.
 */
import type { Table } from "./resources.ts";

const atomRegexCache = new WeakMap<Table, RegExp>();

function atomRegex(atoms: Table): RegExp {
  let re = atomRegexCache.get(atoms);
  if (!re) {
    const keys = Object.keys(atoms).sort((a, b) => b.length - a.length);
    // Atoms are whole tokens, separated by blanks, hyphens or "et".
    re = new RegExp(`(${keys.map(escapeRegex).join("|")})|([\\s-]+|et)`, "gy");
    atomRegexCache.set(atoms, re);
  }
  return re;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** "quatre-vingt-dix" -> 90, "deux cent cinquante" -> 250; undefined if the
 * text is not made only of number words. */
export function parseNumberWords(text: string, atoms: Table): number | undefined {
  const re = atomRegex(atoms);
  re.lastIndex = 0;
  let total = 0;
  let current = 0;
  let sawAtom = false;
  while (re.lastIndex < text.length) {
    const m = re.exec(text);
    if (!m) return undefined;
    if (m[1] === undefined) continue; // separator
    const v = atoms[m[1]];
    if (typeof v !== "number") return undefined;
    sawAtom = true;
    if (v === 1000) {
      total += (current || 1) * 1000;
      current = 0;
    } else if (v === 100) {
      current = (current || 1) * 100;
    } else {
      current += v;
    }
  }
  return sawAtom ? total + current : undefined;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** "XXI" -> 21; undefined when not a Roman numeral. */
export function parseRoman(text: string): number | undefined {
  const s = text.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total;
}
