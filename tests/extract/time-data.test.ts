import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { tagTimexes } from "../../src/extract/time/index.ts";
import { groupValue, rules } from "../../src/extract/time/engine.ts";
import { parseNumberWords, parseRoman } from "../../src/extract/time/numbers.ts";
import { isoWeek, mondayOfIsoWeek } from "../../src/extract/time/calendar.ts";
import { normalization, ruleFile, table } from "../../src/extract/time/resources.ts";

describe("rules data", () => {
  test("rule names are unique", () => {
    const names = ruleFile.rules.map((r) => r.name);
    assert.deepEqual(names, [...new Set(names)]);
  });

  test("every named group has a normalization table or is read as digits", () => {
    const digitsOnly = new Set(["year", "hour", "minute", "decade", "half", "century"]);
    for (const r of rules) {
      for (const [, name] of r.regex.source.matchAll(/\(\?<([A-Za-z]\w*)>/g)) {
        const base = name!.replace(/\d+$/, "");
        assert.ok(normalization.groups[base] || digitsOnly.has(base), `${r.name}: group ${name} has no table`);
      }
    }
  });

  test("every rule's example is tagged by that rule with that value", () => {
    for (const r of ruleFile.rules) {
      assert.ok(r.example, `${r.name} has no example`);
      const { text, span, value } = r.example;
      const got = tagTimexes(text, { dct: "2026-11-18" });
      const t = got.find((x) => x.text === span);
      assert.ok(t, `${r.name}: "${span}" not tagged in "${text}" (${JSON.stringify(got.map((x) => [x.text, x.rule]))})`);
      assert.equal(t.value, value, r.name);
      assert.ok(t.rule.split("+").includes(r.name), `${r.name}: fired ${t.rule}`);
    }
  });
});

describe("number words and Roman numerals", () => {
  const atoms = table("numberAtoms");
  const cases: [string, number][] = [
    ["un", 1],
    ["vingt-quatre", 24],
    ["vingt et un", 21],
    ["soixante-dix", 70],
    ["soixante-dix-neuf", 79],
    ["quatre-vingts", 80],
    ["quatre-vingt-dix", 90],
    ["cent", 100],
    ["deux cents", 200],
    ["trois cent cinquante", 350],
    ["mille", 1000],
    ["deux mille vingt-six", 2026],
  ];
  for (const [words, n] of cases) test(`${words} = ${n}`, () => assert.equal(parseNumberWords(words, atoms), n));
  test("not a number", () => assert.equal(parseNumberWords("vingtaine", atoms), undefined));
  test("Roman numerals", () => {
    assert.equal(parseRoman("XX"), 20);
    assert.equal(parseRoman("XIX"), 19);
    assert.equal(parseRoman("XXI"), 21);
    assert.equal(parseRoman("IV"), 4);
    assert.equal(parseRoman("XZ"), undefined);
  });
  test("group values go through the tables", () => {
    assert.equal(groupValue("month", "Août"), 8);
    assert.equal(groupValue("weekday2", "mardi"), 2);
    assert.equal(groupValue("num", "quelques"), "X");
    assert.equal(groupValue("century", "XVIII"), 18);
  });
});

describe("ISO weeks", () => {
  test("week-years at the turn of the year", () => {
    assert.deepEqual(isoWeek({ y: 2026, m: 1, d: 1 }), { y: 2026, w: 1 });
    assert.deepEqual(isoWeek({ y: 2027, m: 1, d: 3 }), { y: 2026, w: 53 });
    assert.deepEqual(isoWeek({ y: 2024, m: 12, d: 30 }), { y: 2025, w: 1 });
    assert.deepEqual(mondayOfIsoWeek(2026, 47), { y: 2026, m: 11, d: 16 });
  });
});
