/**
 * Bad inputs an editor could drop into the seeds folder, each beside good
 * articles. Written to a temporary folder by the tests; never checked in as
 * files, so the odd bytes (Windows-1252, lone CR, a PNG) survive git.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../helpers/temp.ts";

/** A real 1×1 PNG (red pixel). */
export const PNG_BYTES = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e5273fcd0000000049454e44ae426082",
  "hex",
);

/** A French news paragraph of our own, long enough for language detection. */
export function frenchParagraph(subject: string): string {
  return (
    `Le conseil municipal de ${subject} a voté mardi soir un budget en hausse pour la rénovation des écoles. ` +
    `La maire a expliqué devant les habitants que les travaux commenceraient au printemps, ` +
    `après une consultation des parents d’élèves et des enseignants. L’opposition a dénoncé un calendrier trop serré.`
  );
}

/** Windows-1252 bytes of a string (only code points it can encode). */
export function windows1252(text: string): Buffer {
  const high: Record<string, number> = { "€": 0x80, "’": 0x92, "‘": 0x91, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97, "œ": 0x9c, "…": 0x85 };
  return Buffer.from(
    Array.from(text, (ch) => {
      if (high[ch] !== undefined) return high[ch]!;
      const code = ch.codePointAt(0)!;
      if (code > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
      return code;
    }),
  );
}

export interface Fixture {
  /** File (or folder) name in the seeds folder. */
  name: string;
  content: string | Buffer | "folder";
}

/** Good articles: each must be published whatever sits beside them. */
export const GOOD: Fixture[] = [
  {
    name: "bon-article.txt",
    content: `Rénovation des écoles : Lyon vote un budget record\n\n${frenchParagraph("Lyon")}\n\n${frenchParagraph("Villeurbanne")}\n`,
  },
  {
    name: "autre-bon.md",
    content: `---\ntitle: Marseille ouvre trois nouvelles bibliothèques\ndate: 2023-05-12\n---\n${frenchParagraph("Marseille")}\n`,
  },
];

export const INJECTION_MD = [
  "---",
  'title: "<script>alert(1)</script> Mairie <img src=x onerror=alert(2)>"',
  'author: "<img src=x onerror=alert(3)>"',
  'tags: ["<script>alert(4)</script>", culture]',
  "source: javascript:alert(5)",
  'topic: "<b onmouseover=alert(6)>politique</b>"',
  "---",
  frenchParagraph("Nantes"),
  "",
  "<script>alert(7)</script>",
  "",
  '<img src="x" onerror="alert(8)">',
  "",
  "Un [lien piégé](javascript:alert(9)) et un [autre](JaVaScRiPt:alert(10)) puis <a href=\"javascript:alert(11)\">brut</a>.",
  "",
  "Lire [Le Monde](https://www.lemonde.fr/politique/) pour en savoir plus, ou <https://exemple.fr/>.",
  "",
].join("\n");

export const INJECTION_TXT = [
  "<script>alert(12)</script> Le préfet <img src=x onerror=alert(13)> annonce un plan",
  "",
  frenchParagraph("Rennes"),
  "",
  "Un lien [piégé](javascript:alert(14)) et <a href=\"javascript:alert(15)\" onclick=\"alert(16)\">clic</a>.",
  "",
].join("\n");

/** The ordinary bad inputs (fast to build). */
export function badInputs(): Fixture[] {
  const nfdTitle = "Élection à Besançon : le député réélu".normalize("NFD");
  return [
    { name: "vide.txt", content: "" },
    { name: "espaces.md", content: "  \n\n\t  \n \n" },
    { name: "photo.txt", content: PNG_BYTES },
    { name: "photo.png", content: PNG_BYTES },
    { name: "README.md", content: "# Notes pour la rédaction\n\nCe dossier contient les articles.\n" },
    { name: "_brouillon.md", content: `Brouillon pas fini\n\n${frenchParagraph("Brest")}\n` },
    { name: "en-cours.md", content: `---\ntitle: Pas encore prêt\ndraft: true\n---\n${frenchParagraph("Tours")}\n` },
    { name: "notes.md", content: "folder" },
    {
      name: "ancien-cms.txt",
      content: windows1252(`L’été à Orléans : la fête coûte 5 €\n\n${frenchParagraph("Orléans")} « Déjà vu », dit l’œnologue…\n`),
    },
    { name: "avec-bom.txt", content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`Grève à Lille : les bus à l’arrêt\n\n${frenchParagraph("Lille")}\n`)]) },
    { name: "fins-crlf.txt", content: `Crue à Nevers : la Loire déborde\r\n\r\n${frenchParagraph("Nevers")}\r\n\r\n${frenchParagraph("Decize")}\r\n` },
    { name: "fins-cr.txt", content: `Neige à Grenoble : les pistes ouvrent\r\r${frenchParagraph("Grenoble")}\r\r${frenchParagraph("Voiron")}\r` },
    { name: "nfd.md", content: `${nfdTitle}\n\n${frenchParagraph("Besançon").normalize("NFD")}\n` },
    { name: "yaml-invalide.md", content: `---\ntitle: Fête à Metz\ndate: [2021-03-01\nauthor: X\n---\n${frenchParagraph("Metz")}\n` },
    { name: "mauvais-types.md", content: `---\ntitle: Marché de Noël à Colmar\ndate: hier\ntags: 3\n---\n${frenchParagraph("Colmar")}\n` },
    { name: "date-impossible.md", content: `---\ntitle: Carnaval de Dunkerque\ndate: 2021-02-30\n---\n${frenchParagraph("Dunkerque")}\n` },
    { name: "date-future.md", content: `---\ntitle: Jeux régionaux à Pau\ndate: 2099-06-01\n---\n${frenchParagraph("Pau")}\n` },
    { name: "titre-double-a.md", content: `---\ntitle: Inondations dans le Gard\n---\n${frenchParagraph("Nîmes")}\n` },
    { name: "titre-double-b.md", content: `---\ntitle: Inondations dans le Gard\n---\n${frenchParagraph("Alès")}\n` },
    { name: "Mon Article Été À Nice.TXT", content: `Festival d’été à Nice : record d’affluence\n\n${frenchParagraph("Nice")}\n` },
    { name: "injection.md", content: INJECTION_MD },
    { name: "injection.txt", content: INJECTION_TXT },
    { name: "evasion-slug.md", content: `---\ntitle: Évasion relative\nslug: ../../etc\n---\n${frenchParagraph("Évry")}\n` },
    { name: "evasion-permalink.md", content: `---\ntitle: Évasion absolue\npermalink: /etc/passwd\n---\n${frenchParagraph("Angers")}\n` },
    { name: "evasion-windows.md", content: `---\ntitle: Évasion Windows\nslug: "..\\\\..\\\\Windows\\\\System32"\n---\n${frenchParagraph("Arles")}\n` },
    { name: "evasion-points.md", content: `---\ntitle: Évasion par points\nslug: ".."\n---\n${frenchParagraph("Laval")}\n` },
    {
      name: "english.txt",
      content:
        "City council approves record school budget\n\n" +
        "The city council voted on Tuesday evening for a larger budget to renovate the schools. The mayor told residents " +
        "that the work would begin in the spring, after talking with parents and teachers. The opposition said the schedule " +
        "was far too tight and asked for a public meeting before any contract is signed.\n",
    },
    {
      name: "sans-date.txt",
      content:
        "Les jardins partagés se multiplient\n\n" +
        "Dans les quartiers, les habitants cultivent ensemble des parcelles de légumes et de fleurs. " +
        "Ces jardins créent du lien entre voisins et permettent aux enfants de découvrir la nature. " +
        "Les associations demandent davantage de terrains pour répondre à la demande croissante.\n",
    },
    {
      name: "sans-entite.txt",
      content:
        "la pluie est revenue\n\n" +
        "il a plu toute la journée et les rues étaient mouillées. les passants marchaient vite sous leurs parapluies " +
        "et les cafés étaient pleins. personne ne savait quand le soleil reviendrait.\n",
    },
  ];
}

/** A 5 MB article and a 10,000-line paragraph (the scale cases). */
export function largeInputs(): Fixture[] {
  const paragraphs: string[] = [];
  const towns = ["Lyon", "Bordeaux", "Toulouse", "Nantes", "Strasbourg", "Rouen", "Dijon", "Reims"];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const p = `${frenchParagraph(towns[i % towns.length]!)} Le ${(i % 28) + 1} mars ${2000 + (i % 25)}, la séance numéro ${i} a duré deux heures.`;
    paragraphs.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  const lines = Array.from({ length: 10_000 }, (_, i) => `ligne ${i} : ${frenchParagraph(towns[i % towns.length]!).slice(0, 90)}`);
  return [
    { name: "tres-long.txt", content: `Le très long compte rendu du conseil\n\n${paragraphs.join("\n\n")}\n` },
    { name: "paragraphe-unique.txt", content: `Un paragraphe sans fin\n\n${lines.join("\n")}\n` },
  ];
}

/** Writes fixtures into a new temporary folder and returns its path. */
export function writeSeeds(fixtures: Fixture[], dir = tempDir("archive-seeds-")): string {
  mkdirSync(dir, { recursive: true });
  for (const fixture of fixtures) {
    const target = path.join(dir, fixture.name);
    if (fixture.content === "folder") {
      mkdirSync(target, { recursive: true });
      writeFileSync(path.join(target, "a-lire.txt"), "Une note rangée dans un dossier.\n");
    } else {
      writeFileSync(target, fixture.content);
    }
  }
  return dir;
}
