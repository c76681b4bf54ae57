// The extra keys a package request trusts: each is copied into the install sandbox's /etc/apk/keys, where
// apk takes a file named like the signature's key (NAME.rsa.pub) as a PEM public key. Anything else (a
// private key, /etc/shadow) would be copied into the layer for nothing, world-readable: refused first.
import path from "node:path";
import { RefusedFileError, readRegularFile } from "../fs";
import { UsageError } from "../types";

const MAX_KEY_BYTES = 16 * 1024; // an RSA-8192 public key is under 1.5 KiB
const PEM_PUBLIC = "-----BEGIN PUBLIC KEY-----";

/** Refuses (UsageError) a key file apk could not use: not a small PEM public key named *.pub. */
export function checkKeyFile(file: string): void {
  const fix = "give the repository's public key file (NAME.rsa.pub)";
  if (!/^[A-Za-z0-9._+-]+\.pub$/.test(path.basename(file)))
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
}
