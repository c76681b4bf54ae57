// apk repositories as the package layer reads them on the host: a repository's APKINDEX.tar.gz (a local
// directory's file, or fetched over http(s)), and the .apk files staged for an install sandbox without network.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fetchBytes, NotFoundError } from "../rootfs/download";

const MAX_INDEX_BYTES = 64 * 1024 ** 2;
const MAX_PACKAGE_BYTES = 1024 ** 3;

export const isUrl = (r: string) => /^https?:\/\//.test(r);

/** Fetch `file` from the first http(s) repository that has it into its staging dir (`dir` of `staged`). */
export async function stagePackage(staged: { url: string; dir: string }[], file: string): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]*\.apk$/.test(file)) return;
  for (const s of staged) {
    try {
      const data = await fetchBytes(`${s.url}/${path.basename(s.dir)}/${file}`, {
        maxBytes: MAX_PACKAGE_BYTES,
      });
      writeFileSync(path.join(s.dir, file), data, { mode: 0o644 });
      return;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  // not in any http repository: a local one has it, or apk names what is missing
}

/** A repository's index for `arch`, or the error that kept it away (the caller says which repository). */
export async function readIndex(repo: string, arch: string): Promise<Buffer | Error> {
  try {
    if (!isUrl(repo)) return readFileSync(path.join(path.resolve(repo), arch, "APKINDEX.tar.gz"));
    return await fetchBytes(`${repo}/${arch}/APKINDEX.tar.gz`, { maxBytes: MAX_INDEX_BYTES, attempts: 2 });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
