/**
 * French named entities and quotes for one article.
 *
 *   const { mentions, entities } = recognizeEntities(text, { regions });
 *   const quotes = attributeQuotes(text, mentions);
 *
 * - `loadGazetteer()`: known entities from data/gazetteer.json (validated, cached).
 * - `recognizeEntities(text, { gazetteer?, regions? })`: mentions (sorted,
 *   non-overlapping, JS string offsets into `text`) and the entities they
 *   refer to, canonicalised within the article.
 * - `attributeQuotes(text, mentions)`: quotes of ≥ 4 words with speaker and cue.
 * - `entityIdFor(name)`: the id given to entities not in the gazetteer.
 */
export { loadGazetteer, type Gazetteer, type GazetteerEntry } from "./gazetteer.ts";
export { recognizeEntities, entityIdFor, type RecognizeOptions } from "./recognize.ts";
export { attributeQuotes, findQuoteSpans, MIN_QUOTE_WORDS, type QuoteSpan } from "./quotes.ts";
