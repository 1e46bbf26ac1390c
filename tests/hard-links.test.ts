/**
 * Kept pages and a search shard's pages are put in another folder as hard
 * links (src/hard-links.ts): the same files, never an overwrite.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { linkOrCopyFiles } from "../src/hard-links.ts";
import { tempDir } from "./helpers/temp.ts";

test("files are linked under the same paths, folders made, an existing file never overwritten", () => {
  const work = tempDir("hard-links-");
  const site = path.join(work, "site");
  const staging = path.join(work, "staging");
  const files = ["articles/crue-de-la-loire/index.html", "articles/greve-sncf/index.html", "themes/climat/index.html"];
  for (const file of files) {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    writeFileSync(path.join(site, file), `<h1>${file}</h1>`);
  }
  assert.deepEqual(linkOrCopyFiles(files, site, staging).sort(), files);
  for (const file of files) {
    assert.equal(statSync(path.join(staging, file)).ino, statSync(path.join(site, file)).ino, `${file} is the same file`);
  }

  const other = path.join(work, "other");
  mkdirSync(path.join(other, "themes", "climat"), { recursive: true });
  writeFileSync(path.join(other, "themes", "climat", "index.html"), "rendu à part");
  assert.throws(() => linkOrCopyFiles(files, site, other), (error: NodeJS.ErrnoException) => error.code === "EEXIST");
  assert.equal(readFileSync(path.join(other, "themes", "climat", "index.html"), "utf8"), "rendu à part");
});
