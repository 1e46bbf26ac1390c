import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { bandWidth, EMPTY_BAND, BREAK_WIDTH, layoutAxis, MAX_MARKS, MAX_ROWS, MIN_BAND, yearFraction, type AxisEvent } from "../../src/site/timeline-axis.ts";

const ev = (id: string, value: string): AxisEvent => ({
  id,
  date: { value, precision: value.length === 4 ? "year" : value.length === 7 ? "month" : "day" },
  label: `${value} : ${id}`,
  href: `#${id}`,
});

describe("timeline axis geometry", () => {
  test("inside a year, a mark sits where its date falls", () => {
    assert.equal(yearFraction("2023-01-01T00:00"), 0);
    assert.ok(Math.abs(yearFraction("2023-07-02T00:00") - 0.5) < 0.01);
    const axis = layoutAxis([ev("janvier", "2023-01-10"), ev("juillet", "2023-07-02"), ev("decembre", "2023-12-20")]);
    const [band] = axis.bands;
    const x = Object.fromEntries(axis.marks.map((m) => [m.id, m.x + m.width / 2]));
    assert.ok(x.janvier! < x.juillet! && x.juillet! < x.decembre!);
    assert.ok(Math.abs(x.juillet! - (band!.x + band!.width / 2)) < 3, `${x.juillet} vs ${band!.x + band!.width / 2}`);
  });

  test("a mark spans what its date covers: a month is a bar, a year fills its band", () => {
    const axis = layoutAxis([ev("jour", "2023-03-15"), ev("mois", "2023-03"), ev("annee", "2023")]);
    const width = Object.fromEntries(axis.marks.map((m) => [m.id, m.width]));
    assert.ok(width.jour! < width.mois! && width.mois! < width.annee!);
    assert.ok(width.annee! >= axis.bands[0]!.width - 5);
  });

  test("overlapping marks go to separate rows, within a bounded height", () => {
    const same = Array.from({ length: 20 }, (_, i) => ev(`e${i}`, "2023-05-01"));
    const axis = layoutAxis(same);
    const rows = new Set(axis.marks.map((m) => m.y));
    assert.equal(rows.size, MAX_ROWS);
    assert.ok(axis.height < 200);
    assert.equal(axis.marks.length, 20, "every event keeps its link");
  });

  test("long empty stretches are compressed into one break; a single empty year keeps its band", () => {
    const axis = layoutAxis([ev("a", "1990-05-01"), ev("b", "2020-05-01"), ev("c", "2022-05-01")]);
    assert.deepEqual(axis.bands.map((b) => b.year), ["1990", "2020", "2021", "2022"]);
    assert.deepEqual(axis.breaks.map((b) => b.label), ["1991–2019"]);
    assert.equal(axis.bands.find((b) => b.year === "2021")!.width, EMPTY_BAND);
    assert.ok(axis.width < 3 * MIN_BAND + EMPTY_BAND + BREAK_WIDTH + 20);
  });

  test("density: busier years get a taller bar and a wider band", () => {
    const events = [...Array.from({ length: 12 }, (_, i) => ev(`x${i}`, `2021-${String(i + 1).padStart(2, "0")}-10`)), ev("y", "2022-02-01")];
    const axis = layoutAxis(events);
    const [y2021, y2022] = axis.bands;
    assert.equal(y2021!.count, 12);
    assert.ok(y2021!.barHeight > y2022!.barHeight);
    assert.ok(y2021!.width >= y2022!.width);
    assert.equal(bandWidth(1000), bandWidth(100), "a band never grows without bound");
  });

  test("dates that cannot be placed are left out of the drawing, not dropped from the page", () => {
    const axis = layoutAxis([ev("ok", "2020-01-01"), { id: "flou", date: { value: "PAST_REF", precision: "ref" }, label: "jadis", href: "#flou" }]);
    assert.deepEqual(axis.unplaced, ["flou"]);
    assert.equal(axis.marks.length, 1);
    assert.equal(layoutAxis([]).marks.length, 0);
  });

  test("beyond MAX_MARKS events, one bar per month, linking where the caller says, the same size whatever the count", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ev(`e${i}`, `202${Math.floor(i / 12) % 2}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`));
    const axis = layoutAxis([...many(MAX_MARKS + 1), ev("annee", "2021")], { monthHref: (y, m) => `/chronologie/${y}/#mois-${m}` });
    assert.equal(axis.marks.length, 0);
    assert.equal(axis.count, MAX_MARKS + 2);
    assert.equal(axis.months.length, 24, "two years of months");
    const march2021 = axis.months.find((m) => m.href === "/chronologie/2021/#mois-03")!;
    assert.match(march2021.label, /^mars 2021 : \d+ événements$/);
    const bigger = layoutAxis(many(5000));
    assert.deepEqual([bigger.width, bigger.height, bigger.months.length], [axis.width, axis.height, 24]);
    assert.equal(bigger.months[0]!.href, null, "no link unless asked");
  });
});
