import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { classifyTopics, computeTags as computeTagsOf, loadTopics, tagTerms, type TagDoc, type TagEntity } from "../../src/extract/topics/index.ts";

/** Tags of articles given as text: their candidates counted as extraction does. */
function computeTags(docs: Array<Omit<TagDoc, "terms"> & { title: string; text: string; entities?: TagEntity[] }>, options?: { max?: number }): Map<string, string[]> {
  return computeTagsOf(
    docs.map((d) => ({ ...d, terms: tagTerms(d.title, d.text, (d.entities ?? []).map((e) => ({ id: e.id, names: [...e.surfaces, e.name] }))) })),
    options,
  );
}
import type { Topic } from "../../src/types.ts";

const SPORT = `Le club lyonnais a remporté dimanche soir le match au sommet de la Ligue 1 face à Marseille (2-1).
L'entraîneur a salué l'engagement de ses joueurs, tandis que les supporters envahissaient la pelouse du stade.
Le buteur, auteur d'un doublé, rejoint la tête du classement du championnat.`;

const CYBER = `Un groupe de pirates informatiques lié aux services de renseignement d'un État étranger a mené une vaste
campagne d'espionnage contre plusieurs ministères. Les attaquants ont exploité une faille de sécurité dans un logiciel
de messagerie pour installer un logiciel malveillant. L'ANSSI évoque une cyberattaque d'une ampleur inédite.`;

const TRADE = `Les exportations françaises vers la Chine ont reculé de 8 % au premier semestre, selon les douanes.
Le déficit commercial se creuse et Paris réclame des droits de douane plus élevés sur les véhicules importés.
Les échanges commerciaux entre l'Union européenne et Pékin restent très déséquilibrés.`;

describe("loadTopics", () => {
  test("about fifteen topics with slug ids, labels, descriptions and cues", () => {
    const topics = loadTopics();
    assert.ok(topics.length >= 14 && topics.length <= 20, `${topics.length} topics`);
    for (const t of topics) {
      assert.match(t.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(t.label.length > 0 && t.description.length > 0 && t.cues.length >= 10, t.id);
    }
    assert.equal(new Set(topics.map((t) => t.id)).size, topics.length);
  });

  test("a cue that cannot match as written is a load error", () => {
    const bad: Topic[] = [{ id: "x", label: "X", description: "", cues: ["médaille d'or"] }];
    assert.throws(() => classifyTopics("une médaille d'or", { topics: bad }), /ends with a function word/);
  });
});

describe("classifyTopics", () => {
  test("a sport item is sport, with its cues as evidence", () => {
    const [best] = classifyTopics(SPORT);
    assert.equal(best?.id, "sport");
    assert.ok(best!.evidence.includes("match"));
    assert.ok(best!.evidence.includes("Ligue 1"));
  });

  test("a cyber-espionage item is cybersecurity", () => {
    const result = classifyTopics(CYBER);
    assert.equal(result[0]?.id, "cybersecurite-renseignement");
    assert.ok(result[0]!.evidence.some((e) => /pirates informatiques|espionnage|cyberattaque/.test(e)));
  });

  test("a trade item is economy and trade; phrases are read as one cue", () => {
    const result = classifyTopics(TRADE);
    assert.equal(result[0]?.id, "economie-commerce");
    assert.ok(result[0]!.evidence.includes("droits de douane"));
    // "droits" inside "droits de douane" is not a justice cue.
    assert.ok(!result.some((r) => r.id === "justice"));
  });

  test("a secondary topic only when earned", () => {
    assert.equal(classifyTopics(SPORT).length, 1);
    const mixed = `${CYBER}\nLe fabricant de smartphones visé a corrigé l'application de ses téléphones Android.`;
    const result = classifyTopics(mixed);
    assert.equal(result[0]?.id, "cybersecurite-renseignement");
    assert.ok(result.some((r) => r.id === "technologie"), JSON.stringify(result));
    for (const r of result.slice(1)) assert.ok(r.score >= 0.5 * result[0]!.score);
  });

  test("the title weighs more than the body", () => {
    const body = "Le gouvernement a présenté un plan. Le texte évoque la santé des élèves et l'école.";
    const withTitle = classifyTopics(body, { title: "Hôpital : les urgences saturées, les médecins alertent" });
    assert.equal(withTitle[0]?.id, "sante");
  });

  test("nothing when no topic reaches the floor", () => {
    assert.deepEqual(classifyTopics("Il fait beau ce matin."), []);
  });

  test("acronym cues match only as written: Joe is not JO", () => {
    const r = classifyTopics("Joe a parlé à Joe et Joe a répondu.");
    assert.ok(!r.some((t) => t.id === "sport"));
  });

  test("length normalisation: repeating a cue in a long text does not explode the score", () => {
    const short = classifyTopics(SPORT)[0]!.score;
    const long = classifyTopics(`${SPORT}\n${"Le public est venu nombreux. ".repeat(200)}${"match ".repeat(20)}`)[0]!.score;
    assert.ok(long < short * 2, `${long} vs ${short}`);
  });
});

describe("computeTags", () => {
  const docs = [
    {
      id: "a",
      title: "Les sanctions contre Huawei",
      text: "Washington a durci les sanctions contre Huawei. Les sanctions visent les puces. Huawei conteste les sanctions et la liste noire. La liste noire s'allonge.",
      extraTags: [],
    },
    {
      id: "b",
      title: "Un nouveau stade",
      text: "La ville construit un stade. Le stade accueillera des concerts. Les travaux du stade commencent et la ville paie.",
      extraTags: ["Urbanisme"],
    },
    {
      id: "c",
      title: "Budget",
      text: "La ville vote son budget. Le budget prévoit des travaux, et le budget reste serré pour la ville.",
      extraTags: ["finances locales", "Budget"],
    },
  ];

  test("a word frequent in one document and rare elsewhere becomes its tag", () => {
    const tags = computeTags(docs);
    assert.ok(tags.get("a")!.includes("sanctions"), JSON.stringify(tags.get("a")));
    assert.ok(tags.get("a")!.includes("Huawei"));
    assert.ok(tags.get("a")!.includes("liste noire"), "two-word phrases");
    assert.equal(tags.get("b")![1], "stade");
  });

  test("editor tags first, not repeated by computed ones", () => {
    const tags = computeTags(docs);
    assert.equal(tags.get("b")![0], "Urbanisme");
    assert.deepEqual(tags.get("c")!.slice(0, 2), ["finances locales", "Budget"]);
    assert.equal(tags.get("c")!.filter((t) => t.toLowerCase() === "budget").length, 1);
  });

  test("stopwords never, max respected, deterministic", () => {
    const tags = computeTags(docs, { max: 3 });
    for (const list of tags.values()) {
      assert.ok(list.length <= 3);
      for (const t of list) assert.ok(!["les", "la", "le", "des", "et", "contre", "son"].includes(t.toLowerCase()), t);
    }
    assert.deepEqual(computeTags(docs, { max: 3 }), tags);
    assert.deepEqual([...computeTags([...docs].reverse(), { max: 3 }).entries()].sort(), [...tags.entries()].sort());
  });
});

describe("computeTags: what an editor would pick", () => {
  const renault = {
    id: "renault",
    title: "Renault ferme une usine",
    text:
      "Renault ferme son usine de Flins. La direction de Renault a confirmé la fermeture, et les syndicats dénoncent la fermeture. " +
      "On retrouve les salariés devant l'usine ; la Nouvelle-Calédonie a surpris. Le constructeur a surpris les salariés. " +
      "Un rare mouvement social, un rare moment. La Nouvelle-Calédonie fournit le nickel. Au cœur de la crise, au cœur du conflit, la Nouvelle-Calédonie. " +
      "Le nickel manque, le nickel coûte cher. Les salariés attendent un plan diplomatique, un accord diplomatique.",
    extraTags: ["renault"],
    entities: [
      { id: "renault", name: "Renault", mentions: 2, surfaces: ["Renault"] },
      { id: "flins", name: "Flins-sur-Seine", mentions: 1, surfaces: ["Flins"] },
      { id: "nouvelle-caledonie", name: "Nouvelle-Calédonie", mentions: 3, surfaces: ["Nouvelle-Calédonie"] },
    ],
  };
  const other = {
    id: "autre",
    title: "La Fédération internationale de l'automobile publie son calendrier",
    text: "La FIA publie le calendrier. La FIA ajoute une course. Le calendrier compte une course de plus.",
    extraTags: [],
    entities: [{ id: "fia", name: "Fédération internationale de l'automobile", mentions: 3, surfaces: ["Fédération internationale de l'automobile", "FIA"] }],
  };
  const tags = computeTags([renault, other]);
  const of = (id: string) => tags.get(id)!;

  test("keyword line first, shown by the entity's name; then salient entities; then nouns", () => {
    assert.equal(of("renault")[0], "Renault");
    assert.equal(of("renault")[1], "Nouvelle-Calédonie");
    assert.ok(of("renault").includes("nickel"), JSON.stringify(of("renault")));
    assert.ok(of("renault").includes("fermeture"), JSON.stringify(of("renault")));
  });

  test("a long official name is shown by the acronym the article uses", () => {
    assert.equal(of("autre")[0], "FIA");
  });

  test("no piece of a name, no verb, no adjective, no set phrase", () => {
    for (const bad of ["Nouvelle", "Calédonie", "retrouve", "surpris", "rare", "diplomatique", "cœur", "constructeur"]) {
      assert.ok(!of("renault").some((t) => t.split(" ").includes(bad)), `${bad} in ${JSON.stringify(of("renault"))}`);
    }
  });

  test("an entity mentioned once is not salient", () => {
    assert.ok(!of("renault").includes("Flins-sur-Seine"));
  });

  test("linear: a synthetic archive of 3,000 small articles is tagged in one pass", () => {
    const docs = Array.from({ length: 3000 }, (_, i) => ({
      id: `d${i}`,
      title: `Le projet ${i % 97}`,
      text: `La commune vote le budget${i}. Le budget${i} finance la piscine${i % 13}. La piscine${i % 13} ouvre. Jean Martin${i} salue le budget${i}. Jean Martin${i} sourit.`,
      extraTags: [],
      entities: [{ id: `jm${i}`, name: `Jean Martin${i}`, mentions: 2, surfaces: [`Jean Martin${i}`] }],
    }));
    const result = computeTags(docs);
    assert.equal(result.size, 3000);
    assert.equal(result.get("d1234")![0], "Jean Martin1234");
    assert.ok(result.get("d1234")!.includes("budget1234"), JSON.stringify(result.get("d1234")));
  });
});

describe("tagTerms: one article's candidates, counted at extraction", () => {
  const title = "La Corée du Sud relève ses droits de douane";
  const text =
    "La Corée du Sud relève ses droits de douane sur l'acier. Séoul justifie les droits de douane par la surproduction. " +
    "Les Droits de douane pèsent sur les exportateurs, et la surproduction inquiète.";
  const terms = tagTerms(title, text, [{ id: "coree-du-sud", names: ["Corée du Sud"] }]);
  const term = (key: string) => terms.terms.find((t) => t.key === key);

  test("names are blanked out: no piece of a name becomes a candidate", () => {
    assert.ok(!terms.terms.some((t) => t.key.split(" ").some((w) => ["sud", "coré"].includes(w))), JSON.stringify(terms.terms.map((t) => t.key)));
    assert.deepEqual(terms.inTitle, ["coree-du-sud"]);
    assert.ok(terms.nameWords.includes("sud"));
  });

  test("a phrase keeps its written forms and how it is used", () => {
    const list = tagTerms("Sanctions", "Washington allonge la liste noire. La Liste noire vise les fabricants. Une liste noire inquiète.", []);
    const phrase = list.terms.find((t) => t.key.includes(" ") && t.forms.some(([form]) => form === "liste noire"));
    assert.ok(phrase, JSON.stringify(list.terms.map((t) => t.key)));
    assert.deepEqual(phrase.forms.map(([form]) => form).sort(), ["Liste noire", "liste noire"], "both spellings kept");
    assert.equal(phrase.seen, 3);
    assert.equal(phrase.noun, 3, "each time after a determiner");
    assert.ok(list.terms.some((t) => t.key === phrase.key.split(" ")[0]), "its first word is counted too");
  });

  test("the title counts twice, and a body repeating the headline counts it once", () => {
    const headline = tagTerms("Grève des contrôleurs", "Grève des contrôleurs\n\nLa grève des contrôleurs continue.", []);
    const strike = headline.terms.find((t) => t.forms.some(([form]) => form.toLowerCase() === "grève"))!;
    assert.equal(strike.seen, 2, "once in the title, once in the body (the repeated headline is not counted)");
    assert.equal(strike.weighted, 3, "the title occurrence weighs 2");
  });

  test("candidates read back from the cache (JSON) give the same tags", () => {
    const docs = [
      { id: "a", terms, extraTags: [] },
      { id: "b", terms: tagTerms("Le budget de Lyon", "La ville vote le budget. Le budget finance la piscine. La piscine ouvre.", []), extraTags: [] },
    ];
    assert.deepEqual(computeTagsOf(JSON.parse(JSON.stringify(docs))), computeTagsOf(docs));
  });
});
