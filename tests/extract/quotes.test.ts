import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { recognizeEntities, attributeQuotes } from "../../src/extract/entities/index.ts";

const quotes = (text: string) => attributeQuotes(text, recognizeEntities(text).mentions);
const who = (text: string) => quotes(text).map((q) => [q.speaker, q.cue]);

describe("quote spans", () => {
  test("« », “ ” and straight quotes; inner text and offsets", () => {
    const text = "Il a dit : « nous ne céderons pas ici ». Puis “le vote aura lieu demain” et \"rien ne changera pour nous\".";
    const qs = quotes(text);
    assert.deepEqual(qs.map((q) => q.text), ["nous ne céderons pas ici", "le vote aura lieu demain", "rien ne changera pour nous"]);
    for (const q of qs) assert.equal(text.slice(q.start, q.end), q.text);
  });
  test("length rule: 1–3 words are scare quotes, not quotes", () => {
    assert.deepEqual(quotes("Le projet est « simplement » reporté, un « made in Europe » assumé."), []);
  });
});

describe("attribution", () => {
  test("verb after the quote with inverted subject", () => {
    assert.deepEqual(who("« Nous irons jusqu’au bout », a déclaré la sénatrice Odile Marchetti."), [["odile-marchetti", "a déclaré"]]);
    assert.deepEqual(who("“Le calendrier sera tenu sans faute”, assure Emmanuel Macron."), [["emmanuel-macron", "assure"]]);
  });
  test("pronoun after the verb → previous person", () => {
    const text = "Le juge Tomas Lindqvist a rendu son avis. « La loi ne prévoit pas ce cas », a-t-il déclaré.";
    assert.deepEqual(who(text), [["tomas-lindqvist", "a-t-il déclaré"]]);
    const text2 = "Angela Merkel s’est exprimée. « Nous devons rester unis face à cela », rappelle-t-elle.";
    assert.deepEqual(who(text2), [["angela-merkel", "rappelle-t-elle"]]);
  });
  test("verb before the quote; colon; subject nearest to the verb", () => {
    assert.deepEqual(who("Interrogé sur Joe Biden, Donald Trump a répliqué : « Il ne sait pas de quoi il parle »."), [["donald-trump", "a répliqué"]]);
    assert.deepEqual(who("Le général Pierre Aubry : « Nos troupes sont prêtes à partir »."), [["pierre-aubry", ":"]]);
  });
  test("selon, before or after", () => {
    assert.deepEqual(who("« La croissance ralentira nettement cette année », selon le FMI."), [["fonds-monetaire-international", "selon"]]);
    assert.deepEqual(who("Selon Christine Lagarde, « les prix vont encore baisser un peu »."), [["christine-lagarde", "Selon"]]);
  });
  test("selon + relative pronoun is not a source", () => {
    assert.deepEqual(who("Il rompt avec « cette règle tacite et très ancienne », selon laquelle rien ne se dit."), [[null, null]]);
  });
  test("quote on its own line after a line ending with a colon", () => {
    const text = "Le ministre Rafael Ortega a ensuite ajouté :\n\n« Ce texte sera voté avant l’été »";
    assert.deepEqual(who(text), [["rafael-ortega", "ajouté"]]);
  });
  test("a speech verb far from the quote does not attribute it", () => {
    const text = "Le comité, soit dit en passant très discret depuis des années, a remis un prix intitulé « Best Young Leader of the Year ».";
    assert.deepEqual(who(text), [[null, null]]);
  });
  test("organisation speaker when no person", () => {
    assert.deepEqual(who("Airbus a précisé : « Aucun retard n’est prévu pour les livraisons »."), [["airbus", "a précisé"]]);
  });
});

describe("attribution on general news", () => {
  test("the subject nearest before the speech verb wins over a person named earlier in the sentence", () => {
    const text =
      "Claire Mondésir, juriste à l’université de Caen, doute. Quant à savoir si Emmanuel Macron signera le texte, Mondésir conclut avec prudence : « Rien ne l’y oblige avant la rentrée. »";
    assert.deepEqual(who(text), [["claire-mondesir", "conclut"]]);
  });
  test("more speech verbs: confier, regretter, soupirer, plaider", () => {
    assert.deepEqual(who("« On a tenu jusqu’au bout du match », a confié le manager Loïc Perrault."), [["loic-perrault", "a confié"]]);
    assert.deepEqual(who("Son avocat, Me Hugo Talbert, regrettait « une enquête menée à charge dès le début »."), [["hugo-talbert", "regrettait"]]);
    assert.deepEqual(who("« Nous répétons le même message chaque hiver », soupire Nadia Berthier."), [["nadia-berthier", "soupire"]]);
  });
});
