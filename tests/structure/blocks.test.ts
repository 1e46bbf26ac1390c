import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { structureArticle, inferTitle, summarise, splitKeywords, wordCount } from "../../src/structure/blocks.ts";

const kinds = (text: string) => structureArticle(text, 0, "txt").blocks.map((b) => [b.kind, b.text]);

describe("structureArticle (plain text)", () => {
  test("a short first line is the headline; blocks keep offsets into the text", () => {
    const text = "Inondations dans le Gard : trois communes évacuées\n\nLes pluies ont repris dans la nuit. Les pompiers sont mobilisés.\n\nLe préfet appelle à la prudence.";
    const s = structureArticle(text, 0, "txt");
    assert.equal(s.title?.text, "Inondations dans le Gard : trois communes évacuées");
    assert.equal(s.blocks.length, 2);
    for (const b of s.blocks) assert.equal(text.slice(b.start, b.end), b.text);
  });

  test("an article that starts with its lede has no headline", () => {
    const text = "Le Parlement européen a adopté mardi une directive sur le devoir de vigilance des entreprises, après deux ans de négociations.\nLes ONG saluent un texte historique.";
    assert.equal(structureArticle(text, 0, "txt").title, null);
    const title = inferTitle(text.split("\n")[0]!, 80);
    assert.ok(title.length <= 81 && title.endsWith("…"), title);
    assert.ok(text.startsWith(title.slice(0, -1)) && text[title.length - 1] === " ", "cut at a word boundary");
  });

  test("single newlines separate paragraphs, short lines between paragraphs are subheadings", () => {
    assert.deepEqual(kinds("Titre de l'article\n\nPremier paragraphe assez long pour être du texte.\nUn enjeu européen\nDeuxième paragraphe, lui aussi complet."), [
      ["paragraph", "Premier paragraphe assez long pour être du texte."],
      ["heading", "Un enjeu européen"],
      ["paragraph", "Deuxième paragraphe, lui aussi complet."],
    ]);
  });

  test("a subheading glued to the end of a paragraph is split off", () => {
    const text = "Titre\n\nLe ministre a conclu : « Nous verrons bien. »Les syndicats restent mobilisés\n\nLa grève continue jeudi.";
    const s = structureArticle(text, 0, "txt");
    assert.deepEqual(s.blocks.map((b) => [b.kind, b.text]), [
      ["paragraph", "Le ministre a conclu : « Nous verrons bien. »"],
      ["heading", "Les syndicats restent mobilisés"],
      ["paragraph", "La grève continue jeudi."],
    ]);
    for (const b of s.blocks) assert.equal(text.slice(b.start, b.end), b.text);
  });

  test("comment forms, related links, credits and keyword lines leave the body", () => {
    const text = [
      "Le Tour de France partira de Lille",
      "",
      "Les organisateurs ont dévoilé jeudi le parcours de la prochaine édition.",
      "",
      "À lire aussi :",
      "",
      "Le maillot jaune change de sponsor",
      "Pogacar vise un nouveau record",
      "",
      "Crédit photo : Jean Dupont / AFP",
      "Mots-clés : cyclisme, Tour de France",
      "Réagissez à cet article",
      "Laisser un commentaire",
      "Votre adresse e-mail ne sera pas publiée.",
    ].join("\n");
    const s = structureArticle(text, 0, "txt");
    assert.deepEqual(s.blocks.map((b) => b.text), ["Les organisateurs ont dévoilé jeudi le parcours de la prochaine édition."]);
    assert.equal(s.credit, "Jean Dupont / AFP");
    assert.deepEqual(s.keywords, ["cyclisme", "Tour de France"]);
    assert.deepEqual(
      [...new Set(s.boilerplate.map((b) => b.kind))].sort(),
      ["comment-prompt", "credit", "keywords", "related-links"],
    );
  });

  test("a short lower-case label under the headline becomes a tag", () => {
    const s = structureArticle("Le nouveau TGV entre en service\n\nferroviaire\n\nLa SNCF a mis en circulation son nouveau train.", 0, "txt");
    assert.deepEqual(s.keywords, ["ferroviaire"]);
    assert.deepEqual(s.blocks.map((b) => b.kind), ["paragraph"]);
  });

  test("a line in quotation marks is a quote block", () => {
    assert.deepEqual(kinds("Titre\n\nLe maire a pris la parole.\n« Nous reconstruirons l’école. »\nPuis il est parti."), [
      ["paragraph", "Le maire a pris la parole."],
      ["quote", "« Nous reconstruirons l’école. »"],
      ["paragraph", "Puis il est parti."],
    ]);
  });

  test("hard-wrapped lines of one paragraph are joined", () => {
    const s = structureArticle("Titre court\n\nLa commission a rendu son rapport sur la qualité de l'eau dans les communes\nrurales du département, qui pointe des retards.", 0, "txt");
    assert.equal(s.blocks.length, 1);
    assert.match(s.blocks[0]!.text, /communes rurales/);
  });
});

describe("structureArticle (Markdown)", () => {
  test("an h1 is the headline, ## are subheadings, > is a quote", () => {
    const text = "# Le budget adopté\n\nL'Assemblée a voté\nle texte hier.\n\n## Les réactions\n\n> C'est un jour sombre.\n\nFin.";
    const s = structureArticle(text, 0, "md");
    assert.equal(s.title?.text, "Le budget adopté");
    assert.deepEqual(s.blocks.map((b) => [b.kind, b.text]), [
      ["paragraph", "L'Assemblée a voté le texte hier."],
      ["heading", "Les réactions"],
      ["quote", "C'est un jour sombre."],
      ["paragraph", "Fin."],
    ]);
  });
});

describe("summaries and keywords", () => {
  test("summarise keeps whole sentences", () => {
    const lede = "Première phrase de l'article, assez longue pour compter. ".repeat(8);
    const summary = summarise(lede, 150);
    assert.ok(summary.length <= 150);
    assert.match(summary, /compter\.$/);
  });

  test("splitKeywords handles commas and bare lists", () => {
    assert.deepEqual(splitKeywords("Chine, cybersécurité; Xiaomi"), ["Chine", "cybersécurité", "Xiaomi"]);
    assert.deepEqual(splitKeywords("xiaomi huawei"), ["xiaomi", "huawei"]);
  });
});

describe("wordCount", () => {
  test("counts the space-separated parts that have a letter or a digit", () => {
    // Guillemets and dashes alone are no words; "8 h" is two.
    assert.equal(wordCount("Le « 11 » novembre — à 8 h"), 6);
    // No-break and narrow no-break spaces separate words too.
    assert.equal(wordCount("le 12\u00a0mars, 2\u202f000 euros\u202f!"), 6);
    assert.equal(wordCount("  Xi Jinping\n\ta offert un téléphone.  "), 6);
    assert.equal(wordCount("— « » …"), 0);
    assert.equal(wordCount(""), 0);
    // A letter outside the Basic Multilingual Plane is a letter.
    assert.equal(wordCount("𝐀 😀"), 1);
  });
});
