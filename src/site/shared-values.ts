/**
 * Page keys that hash a shared value once.
 *
 * A page's key is a hash of its data as JSON (render-plan.ts). Much of that
 * data is the same object on many pages: an event of the timeline is listed
 * on its year page, on the chronology pages of each of its entities and
 * topics, in its thread and on the pages of the articles that report it. At
 * 4,000 articles the pages' data is about 350 MB of JSON, most of it such
 * repeats, and serialising it was the larger part of planning a build.
 *
 * A value marked with `sharedValue` stands, while keys are computed, for a
 * digest of its own JSON (in which the shared values it holds stand for
 * their digests too), worked out the first time it is met and remembered
 * until the end of that computation. The key still changes exactly when the
 * page's data does, as a hash of the whole JSON would. Outside
 * `withSharedDigests` the value serialises as usual.
 *
 * It rides on JSON.stringify's `toJSON` (a property that is not enumerable,
 * so it is neither copied by a spread nor serialised): the native serialiser
 * does the walk, which a walk in JavaScript over every object did not beat
 * (README, "Performance").
 */
import { createHash } from "node:crypto";

/** Digests of the shared values met during the current `withSharedDigests` call;
 * null outside one. */
let digests: Map<object, string> | null = null;

function toJSON(this: object): unknown {
  if (!digests) return this;
  let digest = digests.get(this);
  if (digest === undefined) {
    // The spread copies the enumerable properties, not this method: the
    // copy serialises field by field, its shared values as their digests.
    digest = `#${createHash("sha256").update(JSON.stringify({ ...this })).digest("base64url")}`;
    digests.set(this, digest);
  }
  return digest;
}

/** Marks `value` (a plain object of the site's view, not changed after this)
 * as shared by many pages; returns it. */
export function sharedValue<T extends object>(value: T): T {
  Object.defineProperty(value, "toJSON", { value: toJSON, enumerable: false });
  return value;
}

/** Runs `serialise` with every shared value serialising as its digest;
 * a value's digest is worked out once per call. */
export function withSharedDigests<T>(serialise: () => T): T {
  digests = new Map();
  try {
    return serialise();
  } finally {
    digests = null;
  }
}
