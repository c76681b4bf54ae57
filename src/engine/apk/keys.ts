// The extra keys a package request trusts: each is copied into the install sandbox's /etc/apk/keys, where
// apk takes a file named like the signature's key (NAME.rsa.pub) as a PEM public key. Anything else (a
// private key, /etc/shadow) would be copied into the layer for nothing, world-readable: refused first.
import path from "node:path";
import { RefusedFileError, readRegularFile, readRegularFileBelow } from "../fs";
import { UsageError } from "../types";

const MAX_KEY_BYTES = 16 * 1024; // an RSA-8192 public key is under 1.5 KiB
const PEM_PUBLIC = "-----BEGIN PUBLIC KEY-----";

/**
 * Refuses (UsageError) key files apk could not use: one not a small PEM public key named *.pub, or two
 * different keys of one file name (apk finds a key by the name its signature gives, and /etc/apk/keys holds
 * one file of each name: the second would replace the first). The same key given twice is one key.
 */
export function checkKeyFiles(files: readonly string[]): void {
  const byName = new Map<string, { file: string; text: string }>();
  for (const file of files) {
    const text = checkKeyFile(file);
    const name = path.basename(file);
    const first = byName.get(name);
    if (!first) byName.set(name, { file, text });
    else if (first.text !== text)
      throw new UsageError(
        `repository-key: '${first.file}' and '${file}' are different keys of one name (${name}); give only the one the repository is signed with`,
      );
  }
}

/**
 * Refuses (UsageError) an extra key of the same name as one of the rootfs's own (its /etc/apk/keys, Alpine's
 * keys) unless it is that very key (then copying it changes nothing): another key there would replace
 * Alpine's, so that indexes signed by Alpine no longer verify and the extra key is trusted under Alpine's
 * name. apk takes the key a signature names (`.SIGN.RSA.<name>` in the index), so the fix is the name.
 */
export function checkKeysAgainstRootfs(files: readonly string[], rootfsDir: string): void {
  for (const file of files) {
    const name = path.basename(file);
    const own = rootfsKey(rootfsDir, name);
    if (own === null || own.equals(readRegularFile(file, MAX_KEY_BYTES))) continue;
    throw new UsageError(
      `repository-key: '${file}' is another key of the same name as the rootfs's own key ${name}, which it would replace; give your key the name the repository's index is signed under (apk finds a key by that name), and if that is ${name}, sign the index again with a key pair of a name of its own`,
    );
  }
}

/** The rootfs's own key of that name: its content; empty when the entry is no key file; null: none. */
function rootfsKey(rootfsDir: string, name: string): Buffer | null {
  try {
    return readRegularFileBelow(rootfsDir, ["etc", "apk", "keys", name], MAX_KEY_BYTES);
  } catch (e) {
    if (e instanceof RefusedFileError && e.reason === "missing") return null;
    return Buffer.alloc(0); // a link, a directory…: no key of the user's can be it
  }
}

/** The key file's text when apk could use it: a small PEM public key named *.pub; else a UsageError. */
function checkKeyFile(file: string): string {
  const fix = "give the repository's public key file (NAME.rsa.pub)";
  // '@': abuild-keygen names a key after the packager's email (Alpine's are alpine-devel@…-<hex>.rsa.pub).
  if (!/^[A-Za-z0-9._+@-]+\.pub$/.test(path.basename(file)))
    throw new UsageError(`repository-key: '${file}' is not named like an apk key (*.pub); ${fix}`);
  let text: string;
  try {
    text = readRegularFile(file, MAX_KEY_BYTES).toString("latin1");
  } catch (e) {
    const why =
      e instanceof RefusedFileError && e.reason === "too-large"
        ? `is larger than a public key (over ${MAX_KEY_BYTES / 1024} KiB)`
        : "is not a readable key file";
    throw new UsageError(`repository-key: '${file}' ${why}; ${fix}`);
  }
  if (!text.trimStart().startsWith(PEM_PUBLIC))
    throw new UsageError(`repository-key: '${file}' is not a PEM public key (no ${PEM_PUBLIC} line); ${fix}`);
  return text;
}
