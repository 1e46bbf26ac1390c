/**
 * How the build talks to editors and to CI: one line per problem, naming the
 * file (and line) and what to do, a summary, and the same as JSON
 * (`build-report.json`, described in the README).
 */
import type { Archive, Diagnostic } from "../types.ts";
import type { PipelineReport } from "../pipeline.ts";

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}` : d.file;
  const label = d.severity === "error" ? "erreur" : "avertissement";
  return `${label}: ${where}: ${d.message}${d.hint ? `\n  → ${d.hint}` : ""}`;
}

export function countBySeverity(diagnostics: Diagnostic[]): { warnings: number; errors: number } {
  return {
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
    errors: diagnostics.filter((d) => d.severity === "error").length,
  };
}

/** What became of one entry of the seeds folder. Every entry gets exactly
 * one: nothing an editor dropped in the folder disappears without a word. */
export type InputOutcome =
  | { file: string; status: "published"; url: string }
  | { file: string; status: "skipped"; reason: string }
  | { file: string; status: "not-published"; reason: string };

export interface BuildReport {
  /** Format of this file; bumped when a field changes meaning. */
  version: 1;
  /** True when the build ran with --strict / STRICT=1. */
  strict: boolean;
  /** Articles published. */
  articles: number;
  /** Article files read (*.txt, *.md). */
  files: number;
  warnings: number;
  errors: number;
  inputs: InputOutcome[];
  skipped: PipelineReport["skipped"];
  diagnostics: Diagnostic[];
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function inputOutcomes(report: Pick<PipelineReport, "skipped" | "diagnostics">, archive: Pick<Archive, "articles">): InputOutcome[] {
  const outcomes = new Map<string, InputOutcome>();
  for (const article of archive.articles) outcomes.set(article.source, { file: article.source, status: "published", url: article.url });
  for (const { file, reason } of report.skipped) if (!outcomes.has(file)) outcomes.set(file, { file, status: "skipped", reason });
  // The first problem reported about a file is why it is missing: errors
  // first (unreadable, empty, binary), then warnings (not an article file).
  const problems = [...report.diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  for (const d of problems) {
    if (!outcomes.has(d.file)) outcomes.set(d.file, { file: d.file, status: "not-published", reason: d.message });
  }
  return [...outcomes.values()].sort((a, b) => byCodePoint(a.file, b.file));
}

/** The machine-readable report. Deterministic (no timings, no dates) so that
 * identical input gives identical output. */
export function buildReport(report: PipelineReport, archive: Pick<Archive, "articles">, strict: boolean): BuildReport {
  const { warnings, errors } = countBySeverity(report.diagnostics);
  return {
    version: 1,
    strict,
    articles: report.articles,
    files: report.files,
    warnings,
    errors,
    inputs: inputOutcomes(report, archive),
    skipped: report.skipped,
    diagnostics: report.diagnostics,
  };
}

/** The closing line: what was built, what was left out, what needs a look. */
export function formatSummary(report: BuildReport): string {
  const notPublished = report.inputs.filter((i) => i.status === "not-published").length;
  const skipped = report.inputs.filter((i) => i.status === "skipped").length;
  return (
    `${report.articles} article(s) built from ${report.files} file(s)` +
    (notPublished ? `, ${notPublished} not published` : "") +
    (skipped ? `, ${skipped} skipped on purpose` : "") +
    `; ${report.warnings} warning(s), ${report.errors} error(s)`
  );
}

/** `--report FILE` or `--report=FILE`: where to write a copy of the report
 * outside the site (CI keeps it as an artifact even when the build fails). */
export function reportPathFromArgs(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--report") return argv[i + 1];
    if (arg.startsWith("--report=")) return arg.slice("--report=".length) || undefined;
  }
  return undefined;
}
