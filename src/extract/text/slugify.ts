/**
 * `slugify`: the archive's one way of turning a name into an identifier.
 *
 *   slugify("Lee Jae-myung")          // "lee-jae-myung"
 *   slugify("Ministère de l’Économie") // "ministere-de-l-economie"
 *   slugify("Œuvre & Cœur")           // "oeuvre-coeur"
 *
 * Accent-free (NFD, combining marks dropped), lowercase, ASCII letters and
 * digits only, runs of anything else collapsed into one hyphen, no hyphen at
 * either end. Returns "" when nothing is left.
 */
const LIGATURES: Record<string, string> = { œ: "oe", Œ: "oe", æ: "ae", Æ: "ae", ß: "ss" };

export function slugify(input: string): string {
  return input
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
