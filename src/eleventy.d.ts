// Eleventy 3 ships JavaScript without type declarations; these are the parts
// this project uses (https://www.11ty.dev/docs/programmatic/).
declare module "@11ty/eleventy" {
  export class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; pathPrefix?: string });
    write(): Promise<unknown>;
  }
  export const HtmlBasePlugin: unknown;
}
