/**
 * Shared French text utilities: small, dependency-free, documented in each module.
 *
 * - `slugify(name)`: accent-free lowercase hyphenated id.
 * - `splitSentences(text, from?, to?)`: sentences with offsets.
 * - `tokenize(text)` / `words(text)`: tokens with offsets and kinds.
 * - `isStopword(word)` / `FRENCH_STOPWORDS`: French function words.
 */
export { slugify } from "./slugify.ts";
export { splitSentences, type Sentence } from "./sentences.ts";
export { tokenize, words, type Token, type TokenKind } from "./tokens.ts";
export { isStopword, FRENCH_STOPWORDS } from "./stopwords.ts";
