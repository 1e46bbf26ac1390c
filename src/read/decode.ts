/**
 * Bytes → the text every later stage works on.
 *
 * Editors drop files saved by anything: UTF-8 with or without BOM, UTF-16,
 * Windows-1252 from an old CMS export, CRLF or lone CR line endings, accents
 * in NFD from macOS. All of it becomes one canonical form here so that
 * offsets reported by `npm run extract` mean the same thing everywhere:
 * BOM removed, `\n` line endings, Unicode NFC.
 */
import type { Diagnostic } from "../types.ts";

export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  diagnostics: Diagnostic[];
}

/** Share of control characters above which a file is treated as binary. */
const BINARY_CONTROL_RATIO = 0.1;

export class BinaryFileError extends Error {}

/** True when the bytes look like an image, archive or other binary file
 * rather than text: a NUL byte in the first 8 KB (no text encoding we accept
 * but UTF-16 has one, and UTF-16 is recognised by its BOM first), or many
 * control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  return head.length > 0 && controls / head.length > BINARY_CONTROL_RATIO;
}

/** Decodes a file's bytes. Throws BinaryFileError for binary content. */
export function decodeArticleBytes(bytes: Uint8Array, file: string): DecodedText {
  const diagnostics: Diagnostic[] = [];
  let encoding: DecodedText["encoding"];
  let text: string;

  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else {
    if (looksBinary(bytes)) {
      throw new BinaryFileError(`${file}: binary content (an image or archive?), not an article`);
    }
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
      encoding = "utf-8";
    } catch {
      // Not valid UTF-8. For French text the only likely alternative is the
      // Windows superset of Latin-1, which decodes every byte.
      text = decodeWindows1252(body);
      encoding = "windows-1252";
      diagnostics.push({
        severity: "warning",
        file,
        message: "the file is not valid UTF-8; it was read as Windows-1252 (Latin-1)",
        hint: "re-save it as UTF-8 so every tool reads its accents the same way",
      });
    }
  }

  return { text: normaliseText(text), encoding, diagnostics };
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it has the euro
 * sign, typographic quotes and dashes that French text uses. Node's
 * TextDecoder treats the label as Latin-1 and returns C1 control characters
 * there, so those 27 bytes are mapped here (table from the WHATWG Encoding
 * standard, index-windows-1252).
 */
const WINDOWS_1252_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => WINDOWS_1252_HIGH[b] ?? b);
    text += String.fromCharCode(...chunk);
  }
  return text;
}

/** Line endings to `\n`, Unicode to NFC, a stray BOM removed. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").normalize("NFC");
}
