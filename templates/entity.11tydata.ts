// The pages' URL, title and description (why not in the front matter: src/site/page-data.ts).
export { entityPage as default } from "../src/site/page-data.ts";
