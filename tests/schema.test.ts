import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { exportJsonSchema } from "../src/link/schema.ts";

test("schema/archive.schema.json is the schema the code validates against (run `npm run schema` after changing src/types.ts)", () => {
  const committed = JSON.parse(readFileSync(new URL("../schema/archive.schema.json", import.meta.url), "utf8"));
  assert.deepEqual(committed, exportJsonSchema());
});
