// The pages' URL, title and description (why not in the front matter: src/site/page-data.ts).
export { timelineYearPage as default } from "../src/site/page-data.ts";
