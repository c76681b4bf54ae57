// apk repositories as the package layer reads them on the host: a repository's APKINDEX.tar.gz (a local
// directory's file, or fetched over http(s)), and the .apk files staged for an install sandbox without network.
import { realpathSync } from "node:fs";
import path from "node:path";
import { errCode, RefusedFileError, readRegularFileBelow } from "../fs";
import { fetchBytes, fetchToFile, NotFoundError } from "../rootfs/download";
import { isGzip } from "../rootfs/extract";
import { SetupError } from "../types";

const MAX_INDEX_BYTES = 64 * 1024 ** 2;
const MAX_PACKAGE_BYTES = 1024 ** 3;
/** All the .apk files one install stages: the index that names them is only verified later, by apk. */
export const MAX_STAGED_BYTES = 8 * 1024 ** 3;

export const isUrl = (r: string) => /^https?:\/\//.test(r);

/**
 * The repositories as a layer's identity: one repository, one spelling. A local directory by its real
 * path (a relative one is the cwd's, a link is followed), a URL without trailing slashes, each once in
 * its first place. The directories must exist (checked before: apk/layer.ts checkPackageRequest).
 */
export function normalizeRepositories(repos: readonly string[]): string[] {
  const spelled = repos.map((r) => (isUrl(r) ? r.replace(/\/+$/, "") : realpathSync(path.resolve(r))));
  return [...new Set(spelled)];
}

/** Downloads of .apk files at a time: a repository's index, not yet verified, can name any number. */
const STAGE_PARALLEL = 4;

/** `stagePackage` for each of `files`, at most STAGE_PARALLEL at a time, all within `budget`. */
export async function stagePackages(
  staged: { url: string; dir: string }[],
  files: string[],
  budget: { left: number },
  signal?: AbortSignal,
): Promise<void> {
  const queue = [...files];
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    // After a failure no file is started, and the ones under way end before this returns: nothing of
    // the install is still writing when its caller cleans up.
    for (let f = queue.shift(); f !== undefined && !failure; f = queue.shift()) {
      try {
        await stagePackage(staged, f, budget, signal);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(STAGE_PARALLEL, queue.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/**
 * Fetch `file` from the first http(s) repository that has it into its staging dir (`dir` of `staged`),
 * straight to disk, within what is left of the install's `budget` (bytes, shared by its fetches).
 */
async function stagePackage(
  staged: { url: string; dir: string }[],
  file: string,
  budget: { left: number },
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]*\.apk$/.test(file)) return;
  const overBudget = () =>
    new SetupError(
      "packages",
      `the packages to download exceed ${MAX_STAGED_BYTES / 1024 ** 3} GiB in all (at ${file}); check the repository's index`,
    );
  for (const s of staged) {
    const cap = Math.min(MAX_PACKAGE_BYTES, budget.left);
    if (cap <= 0) throw overBudget();
    let got = 0;
    try {
      await fetchToFile(`${s.url}/${path.basename(s.dir)}/${file}`, path.join(s.dir, file), {
        maxBytes: cap,
        signal,
        onBytes: (received) => {
          budget.left -= received - got; // a retry starts again from 0
          got = received;
          if (budget.left < 0) throw new Error("over the install's budget"); // the others took it meanwhile
        },
      });
      return;
    } catch (e) {
      const over =
        budget.left < 0 ||
        (cap < MAX_PACKAGE_BYTES && e instanceof SetupError && e.message.includes("larger than"));
      budget.left += got; // a file not kept takes nothing
      if (over) throw overBudget();
      if (e instanceof NotFoundError) continue;
      throw e;
    }
  }
  // not in any http repository: a local one has it, or apk names what is missing
}

/**
 * A local repository's index for `arch`, or the error that kept it away. Read on the host from a directory
 * the caller may not control (a checked-out workspace): only a regular file, never through a symbolic link
 * (one to /dev/zero would be read forever; an absolute one points elsewhere for apk in the sandbox anyway),
 * never blocking on a fifo, and no larger than an http(s) repository's.
 */
/** Why a repository's index could not be read, and what to do when no cached layer stands in for it. */
export class IndexUnreadable extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

export function readLocalIndex(repo: string, arch: string): Buffer | Error {
  try {
    // Below the repository (its real path): no link followed on the way either (`<repo>/x86_64` -> a host dir).
    return readRegularFileBelow(path.resolve(repo), [arch, "APKINDEX.tar.gz"], MAX_INDEX_BYTES);
  } catch (e) {
    const file = `${arch}/APKINDEX.tar.gz`;
    const reason = e instanceof RefusedFileError ? e.reason : "unreadable";
    if (reason === "symlink")
      return new Error(`its ${file} is or lies under a symbolic link; put the index file itself there`);
    if (reason === "not-a-file")
      return new Error(`its ${file} is not a regular file; put the index file there`);
    if (reason === "too-large")
      return new Error(`its ${file} is larger than ${MAX_INDEX_BYTES / 1024 ** 2} MiB; check the repository`);
    return new IndexUnreadable(
      `it has no APKINDEX.tar.gz for ${arch} (${errCode(e)})`,
      `give the directory that holds ${arch}/APKINDEX.tar.gz`,
    );
  }
}

/** A repository's index for `arch`, or the error that kept it away (the caller says which repository). */
export async function readIndex(repo: string, arch: string, signal?: AbortSignal): Promise<Buffer | Error> {
  const index = isUrl(repo) ? await fetchIndex(repo, arch, signal) : readLocalIndex(repo, arch);
  // Not an index at all (a portal's HTML page, a file put there by mistake): apk would read no package
  // from it and say only that the package "is not in the repositories".
  if (index instanceof Buffer && !isGzip(index))
    return new IndexUnreadable(
      `its ${arch}/APKINDEX.tar.gz is not gzip data, so no apk index`,
      "check the repository",
    );
  return index;
}

async function fetchIndex(repo: string, arch: string, signal?: AbortSignal): Promise<Buffer | Error> {
  try {
    return await fetchBytes(`${repo}/${arch}/APKINDEX.tar.gz`, {
      maxBytes: MAX_INDEX_BYTES,
      attempts: 2,
      signal,
    });
  } catch (e) {
    // The download's own reason names no fix: the URL is what to check (a mirror without main and
    // community, a repository path typed wrong).
    return new IndexUnreadable(e instanceof Error ? e.message : String(e), "check the repository's URL");
  }
}
