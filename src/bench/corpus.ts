/**
 * A synthetic French news corpus for the benchmark, deterministic from a seed
 * number. Sentences are recombined from templates whose slots take people,
 * organisations, places, dates of every kind and topical words, so each
 * article gives the extractors real work (entities, time expressions,
 * quotes, events) and the archive grows realistic cross-links.
 */

/** mulberry32: a tiny, well-distributed 32-bit PRNG; deterministic across platforms. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  "Emmanuel Macron", "Xi Jinping", "Joe Biden", "Olaf Scholz", "Giorgia Meloni", "Pedro Sánchez",
  "Claire Fontaine", "Jean-Marc Delorme", "Aminata Diallo", "Hervé Lambert", "Sophie Marchand",
  "Paul-Henri Rivière", "Nadia Benali", "Thomas Keller", "Lucie Garnier", "Karim Haddad",
  "Isabelle Moreau", "Yann Le Goff", "Fatou Ndiaye", "Marc Aubert", "Élodie Perrin", "Julien Carré",
];
const ORGANISATIONS = [
  "Airbus", "Renault", "la SNCF", "l'Union européenne", "l'OTAN", "l'ONU", "Orange", "TotalEnergies",
  "la Commission européenne", "le Conseil constitutionnel", "Huawei", "Samsung", "Microsoft",
  "l'Agence régionale de santé", "la Cour des comptes", "Météo-France", "le groupe Valdor",
  "la société Norvane Industries", "l'association Terre Vive", "le syndicat CFDT",
];
const PLACES = [
  "Paris", "Lyon", "Marseille", "Bordeaux", "Lille", "Nantes", "Strasbourg", "Toulouse", "Bruxelles",
  "Berlin", "Madrid", "Rome", "Pékin", "Washington", "Dakar", "Abidjan", "Montréal", "Genève",
];
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];
const SUBJECTS = [
  "la réforme des retraites", "le budget de la défense", "la cybersécurité des hôpitaux", "la transition énergétique",
  "les droits de douane", "la sécurité alimentaire", "le prix de l'électricité", "la protection des données",
  "la construction de logements", "la pollution de l'air", "les semi-conducteurs", "le transport ferroviaire",
];
const VERBS = ["a annoncé", "a présenté", "a signé", "a rejeté", "a défendu", "a confirmé", "a critiqué", "a dévoilé"];
const NOUNS = ["un plan", "un accord", "un rapport", "une enquête", "un projet de loi", "une sanction", "un investissement", "un partenariat"];
const SPEECH = ["a déclaré", "souligne", "ajoute", "a expliqué", "précise", "rappelle"];

export interface SyntheticArticle {
  name: string;
  text: string;
  /** Year the article's dates fall in, for reporting. */
  year: number;
}

export function syntheticArticle(index: number, seed = 42): SyntheticArticle {
  const random = prng(seed * 100_003 + index);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const year = 2015 + Math.floor(random() * 11);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const person = pick(PEOPLE);
  const other = pick(PEOPLE);
  const org = pick(ORGANISATIONS);
  const place = pick(PLACES);
  const subject = pick(SUBJECTS);
  const sentences = [
    () => `${person} ${pick(VERBS)} ${pick(NOUNS)} sur ${subject} le ${day} ${MONTHS[month - 1]} ${year} à ${place}.`,
    () => `Selon ${org}, ${pick(NOUNS)} ${pick(["sera examiné", "a été adopté", "reste bloqué"])} depuis ${pick(MONTHS)} dernier.`,
    () => `${other} ${pick(SPEECH)} : « Nous ne pouvons pas attendre plus longtemps sur ${subject}, la situation l'exige. »`,
    () => `${pick(WEEKDAYS)[0]!.toUpperCase()}${pick(WEEKDAYS).slice(1)} matin, les représentants de ${org} ont rencontré ${person} pendant ${2 + Math.floor(random() * 5)} heures.`,
    () => `En ${year - 1 - Math.floor(random() * 5)}, ${pick(ORGANISATIONS)} avait déjà ${pick(["alerté sur", "investi dans", "enquêté sur"])} ${subject}.`,
    () => `Les discussions ont lieu tous les ${2 + Math.floor(random() * 4)} ans à ${pick(PLACES)}, rappelle ${other}.`,
    () => `Le montant atteint ${1 + Math.floor(random() * 900)} millions d'euros, d'après les documents consultés début ${MONTHS[(month + 10) % 12]}.`,
    () => `${pick(["Pourtant", "Par ailleurs", "De son côté", "Dans le même temps"])}, ${pick(ORGANISATIONS)} ${pick(VERBS)} ${pick(NOUNS)} concernant ${pick(SUBJECTS)}.`,
    () => `Les habitants de ${place} attendent une décision d'ici la fin de l'année, tandis que ${org} promet de nouvelles mesures.`,
  ];
  const paragraphs: string[] = [];
  let length = 0;
  // About 3.6 KB per article, like the figures quoted in the benchmark issue.
  while (length < 3500) {
    const paragraph = Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(sentences)()).join(" ");
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  const title = `${person} et ${subject} : ${pick(["ce qui change", "les enjeux", "un tournant", "le débat s'intensifie"])} à ${place}`;
  return { name: `article-${String(index).padStart(6, "0")}.txt`, text: `${title}\n\n${paragraphs.join("\n\n")}\n`, year };
}
