/**
 * The site's URL scheme, in one place: French, accent-free, stable.
 * These paths are published in the JSON export, so changing one breaks links
 * from other sites and tools.
 */
import type { EntityType } from "../types.ts";

export const ENTITY_FOLDERS: Record<EntityType, string> = {
  person: "personnes",
  organization: "organisations",
  place: "lieux",
  product: "produits",
  other: "entites",
};

export const urls = {
  home: () => "/",
  article: (id: string) => `/articles/${id}/`,
  entity: (type: EntityType, id: string) => `/${ENTITY_FOLDERS[type]}/${id}/`,
  entityIndex: (type: EntityType) => `/${ENTITY_FOLDERS[type]}/`,
  topic: (id: string) => `/themes/${id}/`,
  topics: () => "/themes/",
  timeline: () => "/chronologie/",
  event: (id: string) => `/chronologie/#${id}`,
  archives: () => "/archives/",
  year: (year: string) => `/archives/${year}/`,
  month: (year: string, month: string) => `/archives/${year}/${month}/`,
  undated: () => "/archives/sans-date/",
  search: () => "/recherche/",
  thread: (id: string) => `/fils/${id}/`,
  threads: () => "/fils/",
};
