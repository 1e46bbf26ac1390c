/** The site's own description, shown on every page. */
export const siteMetadata = {
  title: "Archives d’actualité",
  description:
    "Une archive d’articles de presse en français, datés, indexés par personne, organisation, lieu et thème, avec la chronologie des événements qu’ils rapportent.",
  lang: "fr",
  author: "La rédaction",
};
