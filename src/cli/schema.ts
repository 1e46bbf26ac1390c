/**
 * `npm run schema`: writes schema/archive.schema.json, the JSON Schema of the
 * public export, from the zod schemas in src/types.ts. A test fails when the
 * committed file and the code disagree.
 */
import { writeFile } from "node:fs/promises";
import { exportJsonSchema } from "../link/schema.ts";

await writeFile(new URL("../../schema/archive.schema.json", import.meta.url), `${JSON.stringify(exportJsonSchema(), null, 2)}\n`);
console.log("schema/archive.schema.json written");
