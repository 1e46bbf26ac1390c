import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { compareTimexValues, tagTimexes, toEventDate } from "../../src/extract/time/index.ts";
import type { Timex } from "../../src/types.ts";

// A Wednesday: ISO week 2026-W47 runs from Monday 16 to Sunday 22 November.
const DCT = "2026-11-18";

/** The timex whose text is exactly `span`, checking its offsets too. */
function find(sentence: string, span: string, dct: string | null = DCT): Timex {
  const all = tagTimexes(sentence, { dct });
  const t = all.find((x) => x.text === span);
  assert.ok(t, `"${span}" not tagged in "${sentence}"; got ${JSON.stringify(all.map((x) => x.text))}`);
  assert.equal(t.start, sentence.indexOf(span));
  assert.equal(t.end, t.start + span.length);
  assert.equal(sentence.slice(t.start, t.end), t.text);
  return t;
}

/** Asserts the single expected timex of a sentence: text, value, type. */
function expectOne(sentence: string, span: string, value: string, type: Timex["type"], dct: string | null = DCT): Timex {
  const t = find(sentence, span, dct);
  assert.equal(t.value, value, `value of "${span}"`);
  assert.equal(t.type, type, `type of "${span}"`);
  return t;
}

const texts = (sentence: string, dct: string | null = DCT): string[] => tagTimexes(sentence, { dct }).map((t) => t.text);

describe("absolute dates (date_day_month_year, date_numeric, date_month_year)", () => {
  test("full date with determiner inside the extent", () => {
    const t = expectOne("Le traité a été signé le 23 septembre 2015 à Genève.", "le 23 septembre 2015", "2015-09-23", "DATE");
    assert.equal(t.rule, "date_day_month_year");
    assert.equal(t.precision, "day");
    assert.deepEqual(t.known, ["year", "month", "day"]);
    assert.deepEqual(t.implied, []);
    assert.equal(t.anchored, false);
  });
  test("numeric and ISO dates", () => {
    expectOne("Arrêté municipal du 22/09/2015 relatif au stationnement.", "22/09/2015", "2015-09-22", "DATE");
    expectOne("Publié le 2015-09-22 sur le site du ministère.", "2015-09-22", "2015-09-22", "DATE");
  });
  test("month and year", () => {
    const t = expectOne("La mesure entrera en vigueur en septembre 2024, selon Bercy.", "septembre 2024", "2024-09", "DATE");
    assert.equal(t.precision, "month");
    assert.equal(t.rule, "date_month_year");
  });
  test("weekday, day, month: year from the dct, or the adjacent year whose weekday fits", () => {
    expectOne("Le vote aura lieu jeudi 3 mars à l'Assemblée.", "jeudi 3 mars", "2026-03-03", "DATE");
    expectOne("Le vote aura lieu jeudi 3 mars à l'Assemblée.", "jeudi 3 mars", "2022-03-03", "DATE", "2022-01-10");
    expectOne("Le vote aura lieu jeudi 3 mars à l'Assemblée.", "jeudi 3 mars", "2022-03-03", "DATE", "2021-12-20");
  });
  test("an impossible date is not tagged", () => {
    assert.deepEqual(texts("Réunion prévue le 31 avril selon le communiqué."), []);
  });
  test("abbreviated month after a day", () => {
    expectOne("Mise à jour du 3 sept. 2025 à la mi-journée.", "3 sept. 2025", "2025-09-03", "DATE");
  });
});

describe("day and month without a year (date_day_month)", () => {
  test("1er novembre takes the dct's year", () => {
    const t = expectOne("Les cimetières étaient bondés le 1er novembre.", "le 1er novembre", "2026-11-01", "DATE");
    assert.deepEqual(t.implied, ["year"]);
    assert.equal(t.anchored, true);
  });
  test("ce 1er novembre keeps the demonstrative", () => {
    expectOne("Ce 1er novembre, la foule a envahi les cimetières.", "Ce 1er novembre", "2026-11-01", "DATE");
  });
  test("without dct: the closest preceding explicit year of the text", () => {
    const s = "En 2019, la grève avait commencé le 5 décembre. Le 1er novembre 2021, tout a repris. Puis le 3 mars, rien.";
    expectOne(s, "le 5 décembre", "2019-12-05", "DATE", null);
    expectOne(s, "le 3 mars", "2021-03-03", "DATE", null);
  });
  test("without dct nor context: X year, implied, not anchored", () => {
    const t = expectOne("Les cimetières étaient bondés le 1er novembre.", "le 1er novembre", "XXXX-11-01", "DATE", null);
    assert.equal(t.anchored, false);
    assert.deepEqual(t.implied, ["year"]);
    assert.equal(toEventDate(t), null);
  });
  test("le 14 janvier dernier: the latest 14 January strictly before dct", () => {
    expectOne("Il avait été arrêté le 14 janvier dernier.", "le 14 janvier dernier", "2026-01-14", "DATE");
    expectOne("Il avait été arrêté le 14 janvier dernier.", "le 14 janvier dernier", "2025-01-14", "DATE", "2026-01-10");
  });
});

describe("months (date_month_cued, date_month_relative, date_mod_month)", () => {
  test("en janvier: preposition outside, nearest January to the dct", () => {
    const t = expectOne("Les soldes commencent en janvier.", "janvier", "2027-01", "DATE");
    assert.equal(t.rule, "date_month_cued");
    expectOne("Les soldes commencent en janvier.", "janvier", "2026-01", "DATE", "2026-02-15");
  });
  test("past or future tense bends a bare month", () => {
    expectOne("Le ministre a annoncé en mars une réforme.", "mars", "2026-03", "DATE", "2026-06-10");
    expectOne("Le texte sera voté en mars au Sénat.", "mars", "2027-03", "DATE", "2026-06-10");
    expectOne("Le chantier a démarré en décembre.", "décembre", "2025-12", "DATE", "2026-06-10");
  });
  test("janvier dernier: latest January strictly before the dct's month", () => {
    expectOne("En janvier dernier, l'usine a fermé.", "janvier dernier", "2026-01", "DATE");
    expectOne("En janvier dernier, l'usine a fermé.", "janvier dernier", "2025-01", "DATE", "2026-01-20");
    expectOne("La foire reviendra en mars prochain.", "mars prochain", "2027-03", "DATE");
  });
  test("janvier dernier without dct stays underspecified", () => {
    expectOne("En janvier dernier, l'usine a fermé.", "janvier dernier", "XXXX-01", "DATE", null);
  });
  test("début, mi-, fin are inside the extent; the value stays the month", () => {
    expectOne("Les résultats sont attendus début septembre.", "début septembre", "2026-09", "DATE", "2026-06-01");
    expectOne("Le festival a lieu à la mi-mars.", "la mi-mars", "2026-03", "DATE", "2026-02-01");
    const t = expectOne("Les travaux dureront jusqu'à fin septembre 2024.", "fin septembre 2024", "2024-09", "DATE");
    assert.equal(t.rule, "date_mod_month");
  });
  test("le mois de mai", () => {
    expectOne("Au mois de mai, la production a chuté.", "mois de mai", "2026-05", "DATE");
  });
  test("a month alone without a cue is not tagged; nor a capitalised Mars", () => {
    assert.deepEqual(texts("La sonde tourne autour de Mars depuis 2021."), ["2021"]);
    assert.deepEqual(texts("Le chanteur Bruno Mars remplit le stade."), []);
  });
  test("sept alone is a number, not September", () => {
    assert.deepEqual(texts("Les sept accusés ont comparu."), []);
  });
});

describe("years (date_year_cued, date_the_year, date_mod_year, ranges)", () => {
  test("en 2019 / depuis 2010: preposition outside the extent", () => {
    const t = expectOne("En 2019, l'entreprise comptait 300 salariés.", "2019", "2019", "DATE");
    assert.equal(t.rule, "date_year_cued");
    assert.equal(t.precision, "year");
    expectOne("Le taux stagne depuis 2010.", "2010", "2010", "DATE");
    expectOne("La flotte sera renouvelée d'ici 2030.", "2030", "2030", "DATE");
    expectOne("Le site restera ouvert jusqu'en 2025.", "2025", "2025", "DATE");
  });
  test("l'année 2020, fin 2023, mi-2024", () => {
    expectOne("L'année 2020 restera marquée par la pandémie.", "L'année 2020", "2020", "DATE");
    expectOne("Le chantier s'achèvera fin 2023.", "fin 2023", "2023", "DATE");
    expectOne("Les ventes ont rebondi à la mi-2024.", "la mi-2024", "2024", "DATE");
  });
  test("ranges: de 2010 à 2015, entre 2010 et 2015, 2010-2015", () => {
    assert.deepEqual(texts("Il a dirigé la région de 2010 à 2015."), ["2010", "2015"]);
    assert.deepEqual(texts("Les prix ont doublé entre 2010 et 2015."), ["2010", "2015"]);
    assert.deepEqual(texts("Le plan 2010-2015 a échoué."), ["2010", "2015"]);
  });
  test("a year in parentheses", () => {
    expectOne("Le film Parasite (2019) a triomphé.", "2019", "2019", "DATE");
  });
  test("bare numbers are not years", () => {
    assert.deepEqual(texts("La compagnie a commandé 300 Boeing pour 2000 millions."), []);
    assert.deepEqual(texts("Le Xiaomi 15 Ultra tourne sous Windows 10 avec la 5G."), []);
    assert.deepEqual(texts("Un plan de 300 milliards et une hausse de 2,5 % en un an."), ["un an"]);
    assert.deepEqual(texts("Le livre a été tiré en 1500 exemplaires."), []);
    assert.deepEqual(texts("Il a vendu 2019 voitures."), []);
    assert.deepEqual(texts("Le score final est de 2021 points en 2021."), ["2021"]);
  });
});

describe("relative dates (date_relative_day, date_relative_unit, date_this_unit, date_ago)", () => {
  const s = "Hier, aujourd'hui et demain, la grève continue.";
  test("hier, aujourd'hui, demain with dct", () => {
    expectOne(s, "Hier", "2026-11-17", "DATE");
    expectOne(s, "aujourd'hui", "2026-11-18", "DATE");
    const t = expectOne(s, "demain", "2026-11-19", "DATE");
    assert.equal(t.anchored, true);
    assert.deepEqual(t.implied, ["year", "month", "day"]);
  });
  test("typographic apostrophe", () => {
    expectOne("Aujourd’hui, l’année dernière semble loin.", "Aujourd’hui", "2026-11-18", "DATE");
    expectOne("Aujourd’hui, l’année dernière semble loin.", "l’année dernière", "2025", "DATE");
  });
  test("without dct: X placeholders, never an invented year", () => {
    const t = expectOne(s, "Hier", "XXXX-XX-XX", "DATE", null);
    assert.equal(t.anchored, false);
    expectOne("Il y a trois ans, tout a changé.", "Il y a trois ans", "XXXX", "DATE", null);
    expectOne("Le marché recule cette semaine.", "cette semaine", "XXXX-WXX", "DATE", null);
  });
  test("years and months", () => {
    expectOne("L'année dernière, les ventes ont chuté.", "L'année dernière", "2025", "DATE");
    expectOne("Les tarifs baisseront l'an prochain.", "l'an prochain", "2027", "DATE");
    expectOne("Cette année, le budget augmente.", "Cette année", "2026", "DATE");
    expectOne("Les chiffres de ce mois-ci sont bons.", "ce mois-ci", "2026-11", "DATE");
    expectOne("Le mois dernier, l'inflation a ralenti.", "Le mois dernier", "2026-10", "DATE");
  });
  test("weeks are ISO weeks", () => {
    const t = expectOne("Le marché recule cette semaine.", "cette semaine", "2026-W47", "DATE");
    assert.equal(t.precision, "week");
    expectOne("La semaine dernière, trois usines ont fermé.", "La semaine dernière", "2026-W46", "DATE");
    expectOne("Le sommet a lieu la semaine prochaine.", "la semaine prochaine", "2026-W48", "DATE");
    // 1 January 2026 is a Thursday: its ISO week is 2026-W01; 3 January 2027 (a Sunday) is in 2026-W53.
    expectOne("Le marché recule cette semaine.", "cette semaine", "2026-W01", "DATE", "2026-01-01");
    expectOne("Le marché recule cette semaine.", "cette semaine", "2026-W53", "DATE", "2027-01-03");
  });
  test("il y a N ..., dans N ...", () => {
    const t = expectOne("Il y a trois ans, l'usine employait mille personnes.", "Il y a trois ans", "2023", "DATE");
    assert.equal(t.rule, "date_ago");
    expectOne("L'accident s'est produit il y a deux jours.", "il y a deux jours", "2026-11-16", "DATE");
    expectOne("Le verdict tombera dans trois jours.", "trois jours", "2026-11-21", "DATE");
    expectOne("Il y a quelques années, personne n'y croyait.", "Il y a quelques années", "PAST_REF", "DATE");
  });
  test("partial dct: resolve as far as possible", () => {
    expectOne("L'an dernier, les ventes ont chuté.", "L'an dernier", "2025", "DATE", "2026");
    expectOne("Hier, la grève a continué.", "Hier", "XXXX-XX-XX", "DATE", "2026");
    expectOne("Le mois dernier, l'inflation a ralenti.", "Le mois dernier", "2026-10", "DATE", "2026-11");
    expectOne("Les soldes commencent en janvier.", "janvier", "2026-01", "DATE", "2026");
  });
});

describe("anaphoric dates (date_anaphoric_day, date_anaphoric_unit)", () => {
  test("le lendemain follows the last resolved day of the text", () => {
    const s = "La manifestation a eu lieu le 3 mars. Le lendemain, le préfet a réagi. La veille, rien.";
    expectOne(s, "Le lendemain", "2026-03-04", "DATE");
    expectOne(s, "La veille", "2026-03-03", "DATE");
    expectOne(s, "Le lendemain", "2021-03-04", "DATE", "2021-05-05");
  });
  test("le lendemain without any earlier day: dct + 1, else X", () => {
    expectOne("Le lendemain, le préfet a réagi.", "Le lendemain", "2026-11-19", "DATE");
    expectOne("Le lendemain, le préfet a réagi.", "Le lendemain", "XXXX-XX-XX", "DATE", null);
  });
  test("l'année suivante, cette année-là follow the text's last year", () => {
    const s = "Elle fonde sa société en 2012. L'année suivante, elle lève des fonds. Cette année-là, tout réussit.";
    expectOne(s, "L'année suivante", "2013", "DATE");
    expectOne(s, "Cette année-là", "2013", "DATE");
  });
});

describe("weekdays (date_weekday)", () => {
  test("bare weekday: the tense picks the side of the dct, else its ISO week", () => {
    // dct Wednesday 2026-11-18. A future tense looks forward, a past tense back.
    const t = expectOne("Le conseil se réunira mardi.", "mardi", "2026-11-24", "DATE");
    assert.deepEqual(t.known, ["weekday"]);
    expectOne("Le conseil se réunira vendredi.", "vendredi", "2026-11-20", "DATE");
    expectOne("Mardi, le conseil s'est réuni.", "Mardi", "2026-11-17", "DATE");
    expectOne("Le club a gagné samedi soir.", "samedi soir", "2026-11-14TEV", "TIME");
    expectOne("Le ministre a parlé mercredi.", "mercredi", "2026-11-18", "DATE");
    expectOne("Conseil municipal vendredi : ordre du jour.", "vendredi", "2026-11-20", "DATE");
  });
  test("dernier / prochain: strictly before or after the dct", () => {
    expectOne("Mardi dernier, le conseil s'est réuni.", "Mardi dernier", "2026-11-17", "DATE");
    expectOne("Mercredi dernier, la séance a été levée.", "Mercredi dernier", "2026-11-11", "DATE");
    expectOne("Le verdict est attendu lundi prochain.", "lundi prochain", "2026-11-23", "DATE");
    expectOne("Le verdict est attendu mercredi prochain.", "mercredi prochain", "2026-11-25", "DATE");
  });
  test("without dct: XXXX-WXX-d", () => {
    const t = expectOne("Le conseil se réunira mardi.", "mardi", "XXXX-WXX-2", "DATE", null);
    assert.equal(toEventDate(t), null);
  });
});

describe("seasons, quarters, decades, centuries", () => {
  test("seasons", () => {
    const t = expectOne("Les prix ont grimpé à l'automne.", "l'automne", "2026-FA", "DATE");
    assert.equal(t.precision, "season");
    expectOne("Les prix ont grimpé à l'automne.", "l'automne", "XXXX-FA", "DATE", null);
    expectOne("Cet été, les plages étaient vides.", "Cet été", "2026-SU", "DATE");
    expectOne("Été 2024 : les JO de Paris.", "Été 2024", "2024-SU", "DATE");
    expectOne("Le projet sera lancé au printemps 2027.", "printemps 2027", "2027-SP", "DATE");
    expectOne("L'hiver dernier a été doux.", "L'hiver dernier", "2025-WI", "DATE");
  });
  test("été the participle and the Printemps arabe are not seasons", () => {
    assert.deepEqual(texts("Le texte a été voté par le Sénat."), []);
    assert.deepEqual(texts("Le Printemps arabe a bouleversé la région."), []);
  });
  test("quarters and semesters", () => {
    const t = expectOne("Le PIB a progressé au troisième trimestre 2020.", "troisième trimestre 2020", "2020-Q3", "DATE");
    assert.equal(t.precision, "quarter");
    expectOne("Le chiffre d'affaires du premier trimestre a reculé.", "premier trimestre", "2026-Q1", "DATE");
    expectOne("Les résultats du premier semestre 2021 sont bons.", "premier semestre 2021", "2021-H1", "DATE");
  });
  test("decades", () => {
    const t = expectOne("Dans les années 1950, la ville comptait dix usines.", "les années 1950", "195X", "DATE");
    assert.equal(t.precision, "decade");
    expectOne("Un quartier ouvrier (années 1950) rasé.", "années 1950", "195X", "DATE");
    expectOne("La mode des années 80 revient.", "années 80", "198X", "DATE");
    expectOne("Depuis les années 2000, le chômage baisse.", "les années 2000", "200X", "DATE");
  });
  test("centuries (Roman or Arabic)", () => {
    const t = expectOne("Au XXe siècle, la ville s'est industrialisée.", "XXe siècle", "19", "DATE");
    assert.equal(t.precision, "century");
    expectOne("Le château date du XVIIIe siècle.", "XVIIIe siècle", "17", "DATE");
    expectOne("Les défis du 21e siècle sont immenses.", "21e siècle", "20", "DATE");
  });
});

describe("times (time_hour, time_hour_minute, parts of day, merges)", () => {
  test("à 20 heures: preposition outside, anchored on the dct's day", () => {
    const t = expectOne("Le match débutera à 20 heures.", "20 heures", "2026-11-18T20:00", "TIME");
    assert.equal(t.precision, "minute");
    assert.equal(t.rule, "time_hour");
    expectOne("Le match débutera à 20 heures.", "20 heures", "XXXX-XX-XXT20:00", "TIME", null);
  });
  test("20 h 30, 20h30, 8 h du soir", () => {
    expectOne("Rendez-vous à 20 h 30 devant la mairie.", "20 h 30", "2026-11-18T20:30", "TIME");
    expectOne("Rendez-vous à 20\u00a0h\u00a030 devant la mairie.", "20\u00a0h\u00a030", "2026-11-18T20:30", "TIME");
    expectOne("Rendez-vous 9h45 devant la mairie.", "9h45", "2026-11-18T09:45", "TIME");
    expectOne("L'explosion a eu lieu vers 8 h du soir.", "8 h du soir", "2026-11-18T20:00", "TIME");
  });
  test("a bare clock time belongs to the day its paragraph has just named", () => {
    const story = "Lundi, la digue a cédé près de Quimperlé. Les pompiers sont arrivés à 5 h 10 et ont évacué quarante maisons.";
    expectOne(story, "5 h 10", "2026-11-16T05:10", "TIME");
    // Both ends of a range lean on the same day.
    const range = "Le 12 juillet 2025, le préfet a interdit l'arrosage entre 8 heures et 20 heures.";
    expectOne(range, "8 heures", "2025-07-12T08:00", "TIME");
    expectOne(range, "20 heures", "2025-07-12T20:00", "TIME");
  });
  test("a clock time after a new paragraph or after another expression keeps the dct's day", () => {
    expectOne("Lundi, la digue a cédé.\nLa préfecture fera le point à 18 heures.", "18 heures", "2026-11-18T18:00", "TIME");
    expectOne("Le musée a rouvert samedi. Les visites ont lieu tous les jeudis jusqu'à 21 heures.", "21 heures", "2026-11-18T21:00", "TIME");
  });
  test("hier vers 18 h is one TIME", () => {
    const t = expectOne("Le suspect a été interpellé hier vers 18 h dans le centre.", "hier vers 18 h", "2026-11-17T18:00", "TIME");
    assert.equal(t.rule, "date_relative_day+time_hour");
    expectOne("Le conseil se réunira mardi à 14 h.", "mardi à 14 h", "2026-11-24T14:00", "TIME");
    expectOne("Le 3 mars 2021 à 15h, le verdict est tombé.", "Le 3 mars 2021 à 15h", "2021-03-03T15:00", "TIME");
  });
  test("day + part of day", () => {
    const t = expectOne("Mercredi matin, les agriculteurs ont bloqué l'autoroute.", "Mercredi matin", "2026-11-18TMO", "TIME");
    assert.equal(t.precision, "partOfDay");
    expectOne("Hier soir, la tension est montée.", "Hier soir", "2026-11-17TEV", "TIME");
    expectOne("Hier soir, la tension est montée.", "Hier soir", "XXXX-XX-XXTEV", "TIME", null);
    expectOne("Demain matin, les écoles resteront fermées.", "Demain matin", "2026-11-19TMO", "TIME");
    expectOne("Le 3 mars au soir, la foule s'est dispersée.", "Le 3 mars au soir", "2026-03-03TEV", "TIME");
    expectOne("Le vote a eu lieu mardi midi.", "mardi midi", "2026-11-17T12:00", "TIME");
  });
  test("this morning / afternoon / tonight", () => {
    expectOne("Cet après-midi, le président s'exprimera.", "Cet après-midi", "2026-11-18TAF", "TIME");
    expectOne("Le ministre l'a confirmé ce matin.", "ce matin", "2026-11-18TMO", "TIME");
  });
  test("nights", () => {
    const t = expectOne("L'incendie s'est déclaré dans la nuit de lundi à mardi.", "la nuit de lundi à mardi", "2026-11-16TNI", "TIME");
    assert.equal(t.rule, "time_night_between");
    expectOne("Un bar a brûlé dans la nuit de dimanche à lundi.", "la nuit de dimanche à lundi", "2026-11-15TNI", "TIME");
    expectOne("Des heurts ont éclaté dans la nuit du 3 au 4 mars 2021.", "la nuit du 3 au 4 mars 2021", "2021-03-03TNI", "TIME");
  });
  test("la soirée de mardi, la matinée du 3 mars; the night's day feeds le lendemain", () => {
    expectOne("Dans la soirée de mardi, le calme est revenu.", "la soirée de mardi", "2026-11-17TEV", "TIME");
    expectOne("Dans la matinée du 3 mars, le calme est revenu.", "la matinée du 3 mars", "2026-03-03TMO", "TIME");
    expectOne("Dans la nuit de lundi à mardi, un incendie. Le lendemain, l'enquête.", "Le lendemain", "2026-11-17", "DATE");
  });
  test("a part of day alone is not tagged", () => {
    assert.deepEqual(texts("Le matin, il court ; le soir, il lit."), []);
    assert.deepEqual(texts("Il travaille l'après-midi."), []);
  });
});

describe("durations (duration_number_unit and friends)", () => {
  test("digits and number words", () => {
    const t = expectOne("Le blocage a duré 48 heures.", "48 heures", "PT48H", "DURATION");
    assert.equal(t.rule, "duration_number_unit");
    assert.equal(t.precision, "none");
    expectOne("Il a passé sept ans en prison.", "sept ans", "P7Y", "DURATION");
    expectOne("Les travaux dureront trois mois.", "trois mois", "P3M", "DURATION");
    expectOne("Un délai de vingt-quatre heures a été accordé.", "vingt-quatre heures", "PT24H", "DURATION");
    expectOne("Elle a vécu soixante-dix ans au village.", "soixante-dix ans", "P70Y", "DURATION");
    expectOne("Un moratoire de quatre-vingt-dix jours.", "quatre-vingt-dix jours", "P90D", "DURATION");
    expectOne("Une peine de deux cent cinquante jours.", "deux cent cinquante jours", "P250D", "DURATION");
    expectOne("Il a été absent vingt et un jours.", "vingt et un jours", "P21D", "DURATION");
  });
  test("vague amounts", () => {
    expectOne("Les négociations ont pris plusieurs semaines.", "plusieurs semaines", "PXW", "DURATION");
    expectOne("Il reste quelques jours pour voter.", "quelques jours", "PXD", "DURATION");
    expectOne("Le dossier traîne depuis des années.", "des années", "PXY", "DURATION");
    expectOne("Ces dernières années, le chômage a baissé.", "Ces dernières années", "PXY", "DURATION");
  });
  test("les dernières 72 heures; pendant deux jours (preposition outside)", () => {
    expectOne("Au cours des dernières 72 heures, trois séismes.", "dernières 72 heures", "PT72H", "DURATION");
    expectOne("Les dernières 72 heures ont été décisives.", "Les dernières 72 heures", "PT72H", "DURATION");
    expectOne("Les 72 dernières heures ont été décisives.", "Les 72 dernières heures", "PT72H", "DURATION");
    expectOne("Le salon a fermé pendant deux jours.", "deux jours", "P2D", "DURATION");
  });
  test("un an, une demi-heure, deux ans et demi", () => {
    expectOne("Les deux camps ont signé une trêve d'un an.", "un an", "P1Y", "DURATION");
    expectOne("Les deux camps ont signé une trêve d’un an.", "un an", "P1Y", "DURATION");
    expectOne("Il a attendu une demi-heure.", "une demi-heure", "PT30M", "DURATION");
    expectOne("Le chantier a duré deux ans et demi.", "deux ans et demi", "P2.5Y", "DURATION");
  });
  test("un jour (some day) is not a duration", () => {
    assert.deepEqual(texts("Un jour, il reviendra."), []);
  });
});

describe("sets (set_every_unit, set_each_unit, set_per_unit, set_weekday)", () => {
  test("tous les N ..., tous les jours", () => {
    const t = expectOne("Le recensement a lieu tous les cinq ans.", "tous les cinq ans", "P5Y", "SET");
    assert.equal(t.precision, "none");
    expectOne("Le marché se tient tous les jours.", "tous les jours", "P1D", "SET");
    expectOne("Les bus passent toutes les dix minutes.", "toutes les dix minutes", "PT10M", "SET");
  });
  test("chaque, par", () => {
    expectOne("Le club organise un tournoi chaque année.", "chaque année", "P1Y", "SET");
    expectOne("Le pays produit un million de tonnes par an.", "par an", "P1Y", "SET");
    expectOne("Le marché a lieu chaque lundi.", "chaque lundi", "XXXX-WXX-1", "SET");
    expectOne("Le marché a lieu tous les mardis.", "tous les mardis", "XXXX-WXX-2", "SET");
    expectOne("La fête revient chaque été.", "chaque été", "XXXX-SU", "SET");
  });
});

describe("vague references (ref_past, ref_present, ref_future)", () => {
  test("values and extents", () => {
    expectOne("Le maire a récemment démissionné.", "récemment", "PAST_REF", "DATE");
    expectOne("Autrefois, le port était actif.", "Autrefois", "PAST_REF", "DATE");
    expectOne("Il est actuellement en fuite.", "actuellement", "PRESENT_REF", "DATE");
    expectOne("C'est maintenant ou jamais.", "maintenant", "PRESENT_REF", "DATE");
    const t = expectOne("Il faudra à l'avenir mieux anticiper.", "l'avenir", "FUTURE_REF", "DATE");
    assert.equal(t.precision, "ref");
    assert.equal(toEventDate(t), null);
  });
  test("l'avenir without à is a noun, not a time", () => {
    assert.deepEqual(texts("L'avenir de l'usine est incertain."), []);
  });
});

describe("lists, ranges, weekends, parts of a period (date_day_of_list, date_weekend, date_mod_this_unit, date_year_of)", () => {
  test("les 3 et 4 mars, du 10 au 12 avril 2024: the first day borrows month and year", () => {
    assert.deepEqual(
      tagTimexes("Les 3 et 4 mars, puis du 10 au 12 avril 2024, le salon ferme.", { dct: DCT }).map((t) => [t.text, t.value]),
      [
        ["3", "2026-03-03"],
        ["4 mars", "2026-03-04"],
        ["10", "2024-04-10"],
        ["12 avril 2024", "2024-04-12"],
      ],
    );
  });
  test("la crise de 2008, la loi de 1905 are years; de 2000 manifestants is not", () => {
    expectOne("La crise de 2008 a frappé l'industrie.", "2008", "2008", "DATE");
    expectOne("La loi de 1905 sur la laïcité.", "1905", "1905", "DATE");
    expectOne("Le G20 de 2025 s'ouvre à Johannesburg.", "2025", "2025", "DATE");
    assert.deepEqual(texts("Une foule de 2000 manifestants a défilé."), []);
  });
  test("week-ends", () => {
    expectOne("Ce week-end, les routes seront chargées.", "Ce week-end", "2026-W47-WE", "DATE");
    expectOne("Le week-end dernier, trois accidents.", "Le week-end dernier", "2026-W46-WE", "DATE");
  });
  test("fin d'année, la fin du mois, la fin de l'année 2025", () => {
    expectOne("Le texte sera voté en fin d'année.", "fin d'année", "2026", "DATE");
    expectOne("Le loyer est dû à la fin du mois.", "la fin du mois", "2026-11", "DATE");
    expectOne("Le projet aboutira d'ici la fin de l'année 2025.", "la fin de l'année 2025", "2025", "DATE");
  });
  test("la même année follows the text; le même jour needs a day", () => {
    const s = "Il est élu en 2019. La même année, il se marie.";
    expectOne(s, "La même année", "2019", "DATE");
    expectOne("Le 3 mars, il démissionne. Le même jour, il part.", "Le même jour", "2026-03-03", "DATE");
  });
  test("time ranges: de 9 h à 17 h", () => {
    assert.deepEqual(
      tagTimexes("La mairie est ouverte de 9 h à 17 h.", { dct: DCT }).map((t) => [t.text, t.value]),
      [
        ["9 h", "2026-11-18T09:00"],
        ["17 h", "2026-11-18T17:00"],
      ],
    );
  });
});

describe("whole sentences: sorted, non-overlapping, longest wins", () => {
  test("a news paragraph", () => {
    const s =
      "Le 12 octobre 2026, la direction a annoncé la fermeture du site, ouvert en 1987. " +
      "Les salariés ont fait grève pendant deux semaines. Mardi dernier, une réunion a duré 48 heures.";
    const all = tagTimexes(s, { dct: DCT });
    assert.deepEqual(
      all.map((t) => [t.text, t.value]),
      [
        ["Le 12 octobre 2026", "2026-10-12"],
        ["1987", "1987"],
        ["deux semaines", "P2W"],
        ["Mardi dernier", "2026-11-17"],
        ["48 heures", "PT48H"],
      ],
    );
    for (let i = 1; i < all.length; i++) assert.ok(all[i]!.start >= all[i - 1]!.end);
  });
  test("il y a trois ans beats trois ans; janvier dernier beats janvier", () => {
    assert.deepEqual(texts("Il y a trois ans, en janvier dernier, tout a basculé."), ["Il y a trois ans", "janvier dernier"]);
  });
  test("empty text", () => {
    assert.deepEqual(tagTimexes(""), []);
  });
});

describe("toEventDate", () => {
  test("resolved DATE and TIME only", () => {
    const [d] = tagTimexes("Le 23 septembre 2015, rien.");
    assert.deepEqual(toEventDate(d!), { value: "2015-09-23", precision: "day" });
    const [t] = tagTimexes("Hier soir, rien.", { dct: DCT });
    assert.deepEqual(toEventDate(t!), { value: "2026-11-17TEV", precision: "partOfDay" });
    const [dur] = tagTimexes("Il a attendu 48 heures.");
    assert.equal(toEventDate(dur!), null);
    const [set] = tagTimexes("Il vient chaque lundi.");
    assert.equal(toEventDate(set!), null);
  });
});

describe("compareTimexValues", () => {
  test("mixed precisions in chronological order", () => {
    const values = ["2015-W38-WE", "2015-09-22", "2016", "2015-09", "2015", "2015-Q3", "19", "195X", "2015-09-22T08:00", "2015-09-22TEV", "2015-W39", "2015-SU", "XXXX-09", "PAST_REF"];
    const sorted = [...values].sort(compareTimexValues);
    assert.deepEqual(sorted, [
      "19",
      "195X",
      "2015",
      "2015-SU",
      "2015-Q3",
      "2015-09",
      "2015-W38-WE",
      "2015-W39",
      "2015-09-22",
      "2015-09-22T08:00",
      "2015-09-22TEV",
      "2016",
      "PAST_REF",
      "XXXX-09",
    ]);
  });
  test("sign", () => {
    assert.ok(compareTimexValues("2015", "2015-09") < 0);
    assert.ok(compareTimexValues("2015-09-22", "2015-09") > 0);
    assert.equal(compareTimexValues("2015-09", "2015-09"), 0);
  });
});

describe("seasons and sets found by the evaluation corpus", () => {
  test("a bare season takes its year from the tense or from depuis", () => {
    expectOne("Les commandes chutent depuis l'automne.", "l'automne", "2025-FA", "DATE", "2026-01-28");
    expectOne("Les commandes ont chuté à l'automne.", "l'automne", "2025-FA", "DATE", "2026-01-28");
    expectOne("Le chantier sera terminé à l'automne.", "l'automne", "2026-FA", "DATE", "2026-01-28");
    expectOne("Depuis l'hiver, rien ne bouge.", "l'hiver", "2025-WI", "DATE", "2026-01-28");
  });
  test("quarters and semesters as set units", () => {
    expectOne("Le cabinet publie ses chiffres tous les trimestres.", "tous les trimestres", "P1Q", "SET");
    expectOne("Un rapport est remis chaque semestre.", "chaque semestre", "P1H", "SET");
  });
});
