import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { extractEvents } from "../../src/extract/events/index.ts";
import { mergeEvents } from "../../src/link/events.ts";
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
function mention(text: string, needle: string, entity: string, type: Mention["type"] = "organization", from = 0): Mention {
  return { ...at(text, needle, from), entity, type, rule: "test" };
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
    // "liste noire" is one key, the one its synonyms ("sanctions", "blacklist") share.
    for (const k of ["plac", "list noir"]) assert.ok(e.keys.includes(k), k);
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

/** One paragraph per line. */
function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    out.push({ text: line, start, end: start + line.length });
    start += line.length + 1;
  }
  return out;
}

describe("extractEvents: who a clause speaks of", () => {
  test("'ce dernier' is the last person named before in the paragraph, and the text names him", () => {
    const text = "Marc Vidal dirige la coopérative Terres d'Oc depuis dix ans. En 2018, ce dernier obtient une distinction pour son travail.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      paragraphs: paragraphs(text),
      timexes: [timex(text, "2018", "2018", "year")],
      mentions: [mention(text, "Marc Vidal", "marc-vidal", "person"), mention(text, "Terres d'Oc", "terres-d-oc")],
      dateOf,
    });
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]!.entities, ["marc-vidal"]);
    assert.equal(events[0]!.text, "En 2018, Marc Vidal obtient une distinction pour son travail.");
  });

  test("'la firme' is the last organisation, 'le pays' the last place; nothing outside the paragraph", () => {
    const text =
      "Le constructeur Alpina a quitté la Norvège.\nLa firme a fermé son usine le 3 mars 2022. Le pays a perdu 400 emplois le 4 mars 2022.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      paragraphs: paragraphs(text),
      timexes: [timex(text, "3 mars 2022", "2022-03-03", "day"), timex(text, "4 mars 2022", "2022-03-04", "day")],
      mentions: [mention(text, "Alpina", "alpina"), mention(text, "Norvège", "norvege", "place")],
      dateOf,
    });
    assert.deepEqual(
      events.map((e) => e.entities),
      [[], []],
      "the names are in the previous paragraph",
    );
    const joined = text.replace("\n", " ");
    const same = extractEvents(joined, {
      sentences: sentences(joined),
      paragraphs: paragraphs(joined),
      timexes: [timex(joined, "3 mars 2022", "2022-03-03", "day"), timex(joined, "4 mars 2022", "2022-03-04", "day")],
      mentions: [mention(joined, "Alpina", "alpina"), mention(joined, "Norvège", "norvege", "place")],
      dateOf,
    });
    assert.deepEqual(
      same.map((e) => e.entities),
      [["alpina"], ["norvege"]],
    );
  });

  test("'le fondateur de X' is a person; an impersonal 'il' and a title before a name refer to no one", () => {
    const text =
      "Sophie Marin a créé Lumio. En 2020, la fondatrice de Lumio a reçu un prix. Le 2 mai 2021, il y a eu un incendie. Le 5 mai 2021, le président Paul Ferrand a signé le décret.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      paragraphs: paragraphs(text),
      timexes: [timex(text, "2020", "2020", "year"), timex(text, "2 mai 2021", "2021-05-02", "day"), timex(text, "5 mai 2021", "2021-05-05", "day")],
      mentions: [
        mention(text, "Sophie Marin", "sophie-marin", "person"),
        mention(text, "Lumio", "lumio"),
        mention(text, "Lumio", "lumio", "organization", text.indexOf("fondatrice")),
        mention(text, "Paul Ferrand", "paul-ferrand", "person"),
      ],
      dateOf,
    });
    assert.deepEqual(events.map((e) => [...e.entities].sort()), [["lumio", "sophie-marin"], [], ["paul-ferrand"]]);
  });
});

describe("extractEvents: short texts that stand alone", () => {
  test("asides, inline connectives and source notes are left out of the text and of the keys", () => {
    const text =
      "Or, le 9 juin 2023 — un vendredi, soit dit en passant — la mairie a en effet voté le budget (AFP). Le 10 juin 2023, le préfet a validé le vote, selon Le Progrès.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      timexes: [timex(text, "9 juin 2023", "2023-06-09", "day"), timex(text, "10 juin 2023", "2023-06-10", "day")],
      mentions: [mention(text, "AFP", "afp"), mention(text, "Le Progrès", "le-progres")],
      dateOf,
    });
    assert.deepEqual(
      events.map((e) => e.text),
      ["Le 9 juin 2023 la mairie a voté le budget.", "Le 10 juin 2023, le préfet a validé le vote."],
    );
    assert.ok(!events[0]!.entities.includes("afp"));
    assert.ok(!events[0]!.keys.some((k) => k.startsWith("vendred") || k.startsWith("pass")), events[0]!.keys.join(" "));
  });

  test("a clause that only says the article has news is no event; the news after 'que' is", () => {
    const text =
      "On en apprend aujourd'hui un peu plus sur les projets du groupe. On apprend aujourd'hui que la directrice a démissionné.";
    const events = extractEvents(text, {
      sentences: sentences(text),
      timexes: [timex(text, "aujourd'hui", "2024-02-01", "day"), { ...timex(text, "aujourd'hui", "2024-02-01", "day"), ...at(text, "aujourd'hui", 40) }],
      mentions: [],
      dateOf,
    });
    assert.deepEqual(
      events.map((e) => e.text),
      ["La directrice a démissionné."],
    );
  });

  test("long texts are cut at a comma, never inside a quotation", () => {
    const text =
      "Le 1er avril 2024, la ministre a présenté le plan national pour les forêts de montagne, affirmant que « la filière bois doit être soutenue par tous les acteurs du territoire sans exception », devant les élus réunis à Grenoble.";
    const events = extractEvents(text, { sentences: sentences(text), timexes: [timex(text, "1er avril 2024", "2024-04-01", "day")], mentions: [], dateOf });
    assert.equal(events[0]!.text, "Le 1er avril 2024, la ministre a présenté le plan national pour les forêts de montagne…");
  });
});

describe("two reports of one event, worded differently, merge", () => {
  test("'a reçu un prix' (the founder of X) and 'ce dernier reçoit une médaille' become one timeline entry", () => {
    const a = "Sophie Marin dirige Lumio. En 2020, la fondatrice de Lumio a reçu un prix de la région.";
    const b = "Sophie Marin est une figure de la tech. En 2020, cette dernière reçoit une médaille régionale.";
    const other = "Paul Ferrand dirige Norba. En 2020, ce dernier reçoit une médaille régionale.";
    const run = (text: string, ms: Mention[]) =>
      extractEvents(text, { sentences: sentences(text), paragraphs: paragraphs(text), timexes: [timex(text, "2020", "2020", "year")], mentions: ms, dateOf });
    const timeline = mergeEvents([
      { articleId: "a", events: run(a, [mention(a, "Sophie Marin", "sophie-marin", "person"), mention(a, "Lumio", "lumio"), mention(a, "Lumio", "lumio", "organization", 30)]), topics: [] },
      { articleId: "b", events: run(b, [mention(b, "Sophie Marin", "sophie-marin", "person")]), topics: [] },
      { articleId: "c", events: run(other, [mention(other, "Paul Ferrand", "paul-ferrand", "person"), mention(other, "Norba", "norba")]), topics: [] },
    ]);
    assert.equal(timeline.length, 2, JSON.stringify(timeline, null, 1));
    assert.deepEqual(timeline.find((e) => e.entities.includes("sophie-marin"))!.articles, ["a", "b"]);
  });
});
