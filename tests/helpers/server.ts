/**
 * A small static host for the built site, on 127.0.0.1 and a free port, as a
 * plain static host (GitHub Pages, Netlify, nginx) serves it: a folder's
 * index.html, a redirect from "/x" to "/x/" when x is a folder, the site's
 * 404.html for anything missing. With a path prefix the site lives under it
 * and everything outside it is a 404, so a link that escapes the prefix is
 * caught.
 */
import { createReadStream, existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { BuiltSite } from "./site.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

export interface ServedSite {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  /** Absolute URL of a path inside the site: url("chronologie/") under the prefix. */
  url(relative?: string): string;
  close(): Promise<void>;
}

export async function serveSite(site: BuiltSite): Promise<ServedSite> {
  const root = path.resolve(site.dir);
  const prefix = site.pathPrefix;

  const notFound = (response: ServerResponse) => {
    const page = path.join(root, "404.html");
    response.statusCode = 404;
    if (existsSync(page)) {
      response.setHeader("Content-Type", CONTENT_TYPES[".html"]!);
      createReadStream(page).pipe(response);
    } else {
      response.setHeader("Content-Type", CONTENT_TYPES[".txt"]!);
      response.end("Not found\n");
    }
  };

  const server = createServer(async (request, response) => {
    response.setHeader("Cache-Control", "no-store");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.statusCode = 405;
      response.end();
      return;
    }
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      response.statusCode = 400;
      response.end();
      return;
    }
    if (!decoded.startsWith(prefix)) return notFound(response);
    const file = path.join(root, decoded.slice(prefix.length));
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(response);

    let target = file;
    const info = await stat(target).catch(() => null);
    if (info?.isDirectory()) {
      if (!pathname.endsWith("/")) {
        response.statusCode = 301;
        response.setHeader("Location", `${pathname}/`);
        response.end();
        return;
      }
      target = path.join(target, "index.html");
    }
    const fileInfo = target === file ? info : await stat(target).catch(() => null);
    if (!fileInfo?.isFile()) return notFound(response);

    response.statusCode = 200;
    response.setHeader("Content-Type", CONTENT_TYPES[path.extname(target).toLowerCase()] ?? "application/octet-stream");
    response.setHeader("Content-Length", fileInfo.size);
    if (request.method === "HEAD") {
      response.end();
      return;
    }
    createReadStream(target).pipe(response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (relative = "") => `${origin}${prefix}${relative.replace(/^\//, "")}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
