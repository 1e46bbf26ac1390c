/**
 * Published article URLs stay where they are: the build remembers them in
 * `_urls.json` beside the articles, so a later article with the same title
 * takes a new URL instead of moving the first one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { writeSeeds } from "../bad-input/fixtures.ts";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");

test("a second article with the same title leaves the first one's URL unchanged", async () => {
  const work = tempDir("archive-urls-");
  const seeds = writeSeeds(
    [
      {
        name: "tempete-2023.txt",
        content: "Tempête sur la Bretagne\n\nLe 2 novembre 2023, la tempête Ciaran a privé d’électricité 780 000 foyers bretons, selon Enedis.\n",
      },
    ],
    path.join(work, "seeds"),
  );
  const out = path.join(work, "site");
  const env = { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: path.join(work, "cache"), EXTRACT_WORKERS: "0" };
  const build = () => run("npx", ["tsx", "src/cli/build.ts"], { cwd: root, env });
  const urls = () => (JSON.parse(readFileSync(path.join(out, "data", "articles.json"), "utf8")) as Array<{ source: string; url: string }>).map((a) => [a.source, a.url] as const);

  await build();
  assert.deepEqual(urls(), [["tempete-2023.txt", "/articles/tempete-sur-la-bretagne/"]]);
  assert.deepEqual(JSON.parse(readFileSync(path.join(seeds, "_urls.json"), "utf8")), { "tempete-2023.txt": "tempete-sur-la-bretagne" });

  writeFileSync(
    path.join(seeds, "tempete-2024.txt"),
    "Tempête sur la Bretagne\n\nLe 14 décembre 2024, des rafales à 150 km/h ont frappé le Finistère, a indiqué Météo-France.\n",
  );
  await build();
  const after = new Map(urls());
  assert.equal(after.get("tempete-2023.txt"), "/articles/tempete-sur-la-bretagne/", "the first article did not move");
  assert.match(after.get("tempete-2024.txt")!, /^\/articles\/tempete-sur-la-bretagne-[0-9a-f]{6}\/$/);
  assert.ok(existsSync(path.join(out, "articles", "tempete-sur-la-bretagne", "index.html")));
  assert.match(readFileSync(path.join(out, "articles", "tempete-sur-la-bretagne", "index.html"), "utf8"), /Ciaran/);
});
