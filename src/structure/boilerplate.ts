/**
 * Recognises page furniture line by line, from the rules in
 * data/boilerplate.json.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const Rule = z.object({ rule: z.string(), pattern: z.string(), tail: z.boolean().optional() });
const RuleFile = z.object({
  commentPrompts: z.array(Rule),
  relatedHeaders: z.array(Rule),
  credit: z.array(Rule),
  keywords: z.array(Rule),
  share: z.array(Rule),
});

export interface CompiledRule {
  rule: string;
  pattern: RegExp;
  /** For comment prompts: everything after the line is the comment form too. */
  tail: boolean;
}

export type RuleFamily = keyof z.infer<typeof RuleFile>;

function compile(rules: z.infer<typeof Rule>[]): CompiledRule[] {
  return rules.map((r) => ({ rule: r.rule, pattern: new RegExp(r.pattern, "iu"), tail: r.tail ?? false }));
}

let cached: Record<RuleFamily, CompiledRule[]> | undefined;

export function boilerplateRules(): Record<RuleFamily, CompiledRule[]> {
  if (cached) return cached;
  const raw = RuleFile.parse(JSON.parse(readFileSync(new URL("./data/boilerplate.json", import.meta.url), "utf8")));
  cached = {
    commentPrompts: compile(raw.commentPrompts),
    relatedHeaders: compile(raw.relatedHeaders),
    credit: compile(raw.credit),
    keywords: compile(raw.keywords),
    share: compile(raw.share),
  };
  return cached;
}

/** The first rule of a family that matches the line, with its named groups. */
export function matchRule(
  family: RuleFamily,
  line: string,
): { rule: CompiledRule; groups: Record<string, string> } | null {
  for (const rule of boilerplateRules()[family]) {
    const match = rule.pattern.exec(line);
    if (match) return { rule, groups: { ...(match.groups ?? {}) } };
  }
  return null;
}
