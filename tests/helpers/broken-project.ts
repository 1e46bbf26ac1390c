/**
 * A copy of the project (sharing node_modules) whose article template throws
 * while rendering one article only, so a build fails half-way through
 * rendering, after Eleventy has written other pages.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import assert from "node:assert/strict";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/** Copies the project into `<work>/project`; returns its folder. `source` is the file name of the article that fails. */
export function projectFailingOn(work: string, source: string): string {
  const project = path.join(work, "project");
  mkdirSync(project);
  for (const part of ["src", "templates", "eleventy.config.ts", "package.json", "package-lock.json", "tsconfig.json"]) {
    cpSync(path.join(root, part), path.join(project, part), { recursive: true });
  }
  symlinkSync(path.join(root, "node_modules"), path.join(project, "node_modules"), "dir");
  const template = path.join(project, "templates", "_includes", "pages", "article.njk");
  const original = readFileSync(template, "utf8");
  // Calling an undefined function throws at render time.
  const broken = original.replace(/<article\b/, `{% if article.source == "${source}" %}{{ brokenHelper() }}{% endif %}$&`);
  assert.notEqual(broken, original, "the error was injected");
  writeFileSync(template, broken);
  return project;
}
