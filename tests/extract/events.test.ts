import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { extractEvents } from "../../src/extract/events/index.ts";
import type { EventDate, Mention, Span, Timex, TimexPrecision, TimexType } from "../../src/types.ts";

/** Hand-made inputs: spans found by searching the text. */
function at(text: string, needle: string, from = 0): { start: number; end: number; text: string } {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `"${needle}" not in text`);
  return { start, end: start + needle.length, text: needle };
}
function timex(text: string, needle: string, value: string, precision: TimexPrecision, type: TimexType = "DATE"): Timex {
  return { ...at(text, needle), value, precision, type, rule: "test", known: [], implied: [], anchored: false };
}
function mention(text: string, needle: string, entity: string): Mention {
  return { ...at(text, needle), entity, type: "organization", rule: "test" };
}
function sentences(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/[^.!?]+[.!?]/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const start = (m.index ?? 0) + lead;
    out.push({ text: m[0].trim(), start, end: start + m[0].trim().length });
  }
  return out;
}
const dateOf = (t: Timex): EventDate | null =>
  (t.type === "DATE" || t.type === "TIME") && !/X|_REF/.test(t.value) ? { value: t.value, precision: t.precision } : null;

describe("extractEvents", () => {
  test("a dated sentence becomes an event with entities, keys and offsets", () => {
    const text = "Ainsi, le 14 janvier 2021, Washington a placé Xiaomi sur la liste noire du Pentagone.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      timexes: [timex(text, "14 janvier 2021", "2021-01-14", "day")],
      mentions: [mention(text, "Washington", "etats-unis"), mention(text, "Xiaomi", "xiaomi")],
      dateOf,
    });
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.deepEqual(e.date, { value: "2021-01-14", precision: "day" });
    assert.ok(e.text.startsWith("Le 14 janvier 2021, Washington a placé"), e.text);
    assert.deepEqual(e.entities, ["etats-unis", "xiaomi"]);
    assert.deepEqual(e.timex, at(text, "14 janvier 2021"));
    assert.equal(text.slice(e.start, e.end).toLowerCase(), e.text.toLowerCase(), "offsets cover the clause");
    for (const k of ["plac", "list", "noir"]) assert.ok(e.keys.includes(k), k);
    for (const k of ["janvi", "xiaom", "washington", "2021", "14"]) assert.ok(!e.keys.includes(k), k);
  });

  test("durations, sets, PAST_REF and unresolved values make no event", () => {
    const text = "Depuis trois ans, la firme recrute. Autrefois, elle vendait des radios. Chaque lundi, elle publie un bilan. Le 3 XX, rien.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      timexes: [
        timex(text, "trois ans", "P3Y", "none", "DURATION"),
        timex(text, "Autrefois", "PAST_REF", "ref"),
        timex(text, "Chaque lundi", "XXXX-WXX-1", "none", "SET"),
        timex(text, "Le 3 XX", "XXXX-XX-03", "day"),
      ],
      mentions: [],
      dateOf,
    });
    assert.deepEqual(events, []);
  });

  test("questions and future-only clauses are skipped; past reports kept", () => {
    const text =
      "Le traité sera signé le 3 mars 2026. Qui a signé le 4 mars 2025 ? Le ministre a annoncé le 5 mars 2025 la fermeture du site.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      timexes: [
        timex(text, "3 mars 2026", "2026-03-03", "day"),
        timex(text, "4 mars 2025", "2025-03-04", "day"),
        timex(text, "5 mars 2025", "2025-03-05", "day"),
      ],
      mentions: [],
      dateOf,
    });
    assert.deepEqual(
      events.map((e) => e.date.value),
      ["2025-03-05"],
    );
  });

  test("a sentence with two dates gives two clauses, each with its date", () => {
    const text =
      "En 2020, un rapport du régulateur dénonçait la collecte de données personnelles, tandis que le 12 mai 2021 le fabricant a publié un démenti officiel.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      timexes: [timex(text, "2020", "2020", "year"), timex(text, "12 mai 2021", "2021-05-12", "day")],
      mentions: [mention(text, "fabricant", "acme")],
      dateOf,
    });
    assert.equal(events.length, 2);
    assert.equal(events[0]!.date.value, "2020");
    assert.ok(events[0]!.text.endsWith("données personnelles"), events[0]!.text);
    assert.equal(events[1]!.date.value, "2021-05-12");
    assert.ok(events[1]!.text.startsWith("Le 12 mai 2021 le fabricant a publié"), events[1]!.text);
    assert.ok(!events[1]!.keys.includes("rapport"));
  });

  test("the most precise timex of a clause dates it; text trimmed near 200 characters at a word", () => {
    const filler = "une longue suite de précisions techniques sur le contrat et ses nombreuses clauses ".repeat(4);
    const text = `En mars 2019, et plus exactement le 21 mars 2019, le groupe a signé ${filler}avec son partenaire.`;
    const events = extractEvents(text, {
      sentences: sentences(text),
      timexes: [timex(text, "mars 2019", "2019-03", "month"), timex(text, "21 mars 2019", "2019-03-21", "day")],
      mentions: [],
      dateOf,
    });
    assert.equal(events.length, 1);
    assert.equal(events[0]!.date.value, "2019-03-21");
    assert.ok(events[0]!.text.length <= 201 && events[0]!.text.endsWith("…"), events[0]!.text);
    assert.ok(!/\s…$/.test(events[0]!.text));
  });
});
