/**
 * The article's language, as <html lang> and the search index need it.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { detectLanguage } from "../../src/extract/lang/index.ts";

const samples: Array<[string, string]> = [
  ["fr", "Le conseil municipal de Rennes a voté mardi soir le budget de l’année prochaine, après un débat de plus de quatre heures sur la rénovation des écoles et le prix des cantines."],
  ["en", "The city council of Leeds approved next year's budget on Tuesday evening after a four-hour debate on school repairs and the price of school meals."],
  ["es", "El ayuntamiento de Sevilla aprobó el martes por la noche el presupuesto del año que viene, tras un debate de más de cuatro horas sobre la reforma de las escuelas."],
  ["de", "Der Stadtrat von Leipzig hat am Dienstagabend nach einer mehr als vierstündigen Debatte über die Sanierung der Schulen den Haushalt für das kommende Jahr beschlossen."],
  ["it", "Il consiglio comunale di Torino ha approvato martedì sera il bilancio del prossimo anno, dopo un dibattito di oltre quattro ore sulla ristrutturazione delle scuole."],
  ["ru", "Городской совет Казани во вторник вечером утвердил бюджет на следующий год после более чем четырёхчасовых дебатов о ремонте школ и ценах на школьное питание."],
  ["ar", "وافق مجلس مدينة الدار البيضاء مساء الثلاثاء على ميزانية العام المقبل بعد نقاش استمر أكثر من أربع ساعات حول ترميم المدارس وأسعار الوجبات المدرسية."],
];

describe("language detection", () => {
  for (const [tag, text] of samples) {
    test(`a paragraph in ${tag} is tagged ${tag}`, () => {
      assert.equal(detectLanguage(text).tag, tag);
    });
  }

  test("a text too short to tell takes the archive's language, and says it could not tell", () => {
    assert.deepEqual(detectLanguage("Xiaomi, 2021."), { tag: "fr", detected: "und" });
    assert.equal(detectLanguage("Brexit.", "en").tag, "en");
  });

  test("only languages the site can tag are guessed: the answer always has a BCP 47 tag", () => {
    // franc alone reads this as Scots (sco), which has no tag here: the
    // article would have fallen back to French.
    const text = "It is what it is, and we will see what the board says in the morning about it.";
    assert.equal(detectLanguage(text).tag, "en");
  });
});
