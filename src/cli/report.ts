/**
 * How the build talks to editors: one line per problem, naming the file (and
 * line) and what to do, then a summary.
 */
import type { Diagnostic } from "../types.ts";

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
