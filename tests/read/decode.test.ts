import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decodeArticleBytes, BinaryFileError, looksBinary } from "../../src/read/decode.ts";

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

describe("decodeArticleBytes", () => {
  test("reads UTF-8 and removes a BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Élysée : réunion à l’aube")]);
    const decoded = decodeArticleBytes(bytes, "a.txt");
    assert.equal(decoded.text, "Élysée : réunion à l’aube");
    assert.equal(decoded.encoding, "utf-8");
    assert.deepEqual(decoded.diagnostics, []);
  });

  test("reads Windows-1252 French text with a warning naming the file", () => {
    // "Été à Noël – 5 €" in Windows-1252: É=C9, é=E9, à=E0, ë=EB, –=96, €=80
    const bytes = new Uint8Array([0xc9, 0x74, 0xe9, 0x20, 0xe0, 0x20, 0x4e, 0x6f, 0xeb, 0x6c, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80]);
    const decoded = decodeArticleBytes(bytes, "ancien.txt");
    assert.equal(decoded.text, "Été à Noël – 5 €");
    assert.equal(decoded.encoding, "windows-1252");
    assert.equal(decoded.diagnostics[0]?.file, "ancien.txt");
    assert.match(decoded.diagnostics[0]!.message, /Windows-1252/);
  });

  test("turns CRLF and lone CR into LF, and NFD accents into NFC", () => {
    const nfd = "Le de\u0301pute\u0301\r\nest arrive\u0301\rhier";
    const decoded = decodeArticleBytes(utf8(nfd), "mac.txt");
    assert.equal(decoded.text, "Le député\nest arrivé\nhier");
  });

  test("reads UTF-16 with a BOM", () => {
    const body = Buffer.from("Grève à la SNCF", "utf16le");
    const decoded = decodeArticleBytes(new Uint8Array([0xff, 0xfe, ...body]), "u16.txt");
    assert.equal(decoded.text, "Grève à la SNCF");
  });

  test("refuses binary content such as a PNG image", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assert.equal(looksBinary(png), true);
    assert.throws(() => decodeArticleBytes(png, "photo.txt"), BinaryFileError);
  });
});
