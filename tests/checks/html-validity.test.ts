/**
 * HTML validity: the Nu Html Checker (the W3C validator's engine, npm
 * `vnu-jar`) on every generated page, in one Java run. Zero errors.
 *
 * The jar ships inside the npm package (its `files` list, covered by the
 * lockfile's integrity hash); the package's postinstall only fetches a Java
 * runtime when none is installed, and it is never used here: the machine's
 * `java` runs the jar (`.ci/run` installs one when missing).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { builtSite, fileForPath, htmlPages, type BuiltSite } from "../helpers/site.ts";

const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: string;
  url: string;
  message: string;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  extract?: string;
}

let site: BuiltSite;
before(async () => {
  site = await builtSite("/");
});

/** Runs vnu once over all files; its JSON report is written to stderr. */
function runVnu(files: string[]): Promise<{ messages: VnuMessage[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      "java",
      ["-Xss1024k", "-jar", VNU_JAR, "--errors-only", "--format", "json", ...files],
      { maxBuffer: 64 << 20 },
      (error, _stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(new Error(`could not run java -jar ${VNU_JAR}: ${error.message}`));
        try {
          const report = JSON.parse(stderr) as { messages: VnuMessage[] };
          resolve({ messages: report.messages });
        } catch {
          reject(new Error(`vnu did not print a JSON report:\n${stderr.slice(0, 2000)}`));
        }
      },
    );
  });
}

describe("the Nu Html Checker", () => {
  test("the checker is the jar from the npm package", () => {
    assert.ok(existsSync(VNU_JAR), `${VNU_JAR} exists`);
  });

  test("every generated page: zero errors", async () => {
    const pages = await htmlPages(site);
    assert.ok(pages.length > 10, `pages found: ${pages.length}`);
    const files = pages.map((page) => fileForPath(site, page));
    // A page known to be invalid goes through the same run, so a run that
    // checks nothing (or a report we misread) cannot pass.
    const canary = path.join(mkdtempSync(path.join(tmpdir(), "vnu-canary-")), "invalide.html");
    writeFileSync(canary, '<!doctype html><html lang="fr"><title>x</title><p><div>bloc dans un paragraphe</p></html>');
    const { messages } = await runVnu([...files, canary]);
    rmSync(path.dirname(canary), { recursive: true, force: true });

    const fileOf = (message: VnuMessage) => decodeURIComponent(new URL(message.url).pathname);
    assert.ok(messages.some((message) => message.type === "error" && fileOf(message) === canary), "vnu reports the invalid canary page");
    const problems = messages
      .filter((message) => message.type !== "info" && fileOf(message) !== canary)
      .map((message) => {
        const where = `${path.relative(site.dir, fileOf(message))}:${message.lastLine ?? "?"}:${message.firstColumn ?? message.lastColumn ?? "?"}`;
        const extract = message.extract ? `\n    ${message.extract.replace(/\s+/g, " ").trim()}` : "";
        return `${where} ${message.type}: ${message.message}${extract}`;
      });
    assert.equal(problems.length, 0, `${problems.length} error(s) in ${files.length} pages:\n${problems.join("\n")}`);
  });
});
