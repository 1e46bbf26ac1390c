import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildReport, formatSummary, inputOutcomes, reportPathFromArgs } from "../../src/cli/report.ts";
import type { PipelineReport } from "../../src/pipeline.ts";

const pipelineReport = (partial: Partial<PipelineReport>): PipelineReport =>
  ({ files: 0, articles: 0, skipped: [], diagnostics: [], timings: {}, ...partial }) as PipelineReport;

describe("build report", () => {
  test("every entry gets one outcome: published wins, then skipped, then the first error", () => {
    const outcomes = inputOutcomes(
      {
        skipped: [{ file: "_note.md", reason: "name starts with _" }],
        diagnostics: [
          { severity: "warning", file: "ancien.txt", message: "read as Windows-1252" },
          { severity: "warning", file: "vide.txt", message: "something minor" },
          { severity: "error", file: "vide.txt", message: "is empty; it was not published" },
        ],
      },
      { articles: [{ source: "ancien.txt", url: "/articles/ancien/" }] as never },
    );
    assert.deepEqual(outcomes, [
      { file: "_note.md", status: "skipped", reason: "name starts with _" },
      { file: "ancien.txt", status: "published", url: "/articles/ancien/" },
      { file: "vide.txt", status: "not-published", reason: "is empty; it was not published" },
    ]);
  });

  test("the summary counts what was built, left out and reported", () => {
    const report = buildReport(
      pipelineReport({
        files: 3,
        articles: 1,
        skipped: [{ file: "brouillon.md", reason: "draft: true" }],
        diagnostics: [{ severity: "error", file: "vide.txt", message: "is empty" }],
      }),
      { articles: [{ source: "a.txt", url: "/articles/a/" }] as never },
      false,
    );
    assert.equal(formatSummary(report), "1 article(s) built from 3 file(s), 1 not published, 1 skipped on purpose; 0 warning(s), 1 error(s)");
  });

  test("--report FILE and --report=FILE", () => {
    assert.equal(reportPathFromArgs(["--strict", "--report", "ci/rapport.json"]), "ci/rapport.json");
    assert.equal(reportPathFromArgs(["--report=ci/rapport.json"]), "ci/rapport.json");
    assert.equal(reportPathFromArgs(["--strict"]), undefined);
  });
});
