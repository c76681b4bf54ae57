// Request → the exact minirootfs file on the mirror and its expected sha256.
import { SetupError, UsageError } from "../types";
import { type FetchOptions, fetchText, NotFoundError } from "./download";
import {
  type AlpineRequest,
  type MinirootfsRelease,
  minirootfsFileName,
  parseReleasesYaml,
  parseSha256File,
  pickMinirootfs,
  versionFromFileName,
} from "./version";

export interface Release {
  version: string;
  file: string;
  url: string;
  sha256: string;
}

export const DEFAULT_MIRROR = "https://dl-cdn.alpinelinux.org/alpine";

export function normalizeMirror(mirror: string): string {
  let u: URL;
  try {
    u = new URL(mirror);
  } catch {
    u = new URL("invalid:");
  }
  if ((u.protocol !== "http:" && u.protocol !== "https:") || u.search || u.hash) {
    throw new UsageError(`mirror: '${mirror}' is not an http(s) URL like ${DEFAULT_MIRROR}`);
  }
  return u.href.replace(/\/+$/, "");
}

export async function resolveRelease(
  req: AlpineRequest,
  mirror: string,
  arch: string,
  fetchOpts: FetchOptions,
): Promise<Release> {
  const yamlUrl = `${mirror}/${req.dir}/releases/${arch}/latest-releases.yaml`;
  const unknown = (url: string) =>
    new SetupError(
      "download",
      `Alpine ${req.text} is not available for ${arch} at ${mirror} (${url} was not found)`,
      "release",
    );
  let yaml: string;
  try {
    yaml = await fetchText(yamlUrl, fetchOpts);
  } catch (e) {
    throw e instanceof NotFoundError ? unknown(yamlUrl) : e;
  }
  const rel = pickMinirootfs(parseReleasesYaml(yaml), arch);
  if (!rel) {
    throw new SetupError("download", `${yamlUrl} lists no alpine-minirootfs release for ${arch}`, "mirror");
  }
  if (req.kind !== "exact" || rel.version === req.version) {
    const mislabel = mislabelled(rel, req);
    if (mislabel) throw new SetupError("download", `${yamlUrl} is inconsistent: ${mislabel}`, "mirror");
    // Download from the release's own branch rather than through the latest-stable alias,
    // which may move to a newer branch between the two requests.
    const dir = /^v\d+\.\d+$/.test(rel.branch) ? rel.branch : req.dir;
    const url = `${mirror}/${dir}/releases/${arch}/${rel.file}`;
    return { version: rel.version, file: rel.file, url, sha256: rel.sha256 };
  }
  // An older point release of the branch: not in the yaml, but kept beside it with a .sha256 file.
  const file = minirootfsFileName(req.version, arch);
  const url = `${mirror}/${req.dir}/releases/${arch}/${file}`;
  let text: string;
  try {
    text = await fetchText(`${url}.sha256`, fetchOpts);
  } catch (e) {
    throw e instanceof NotFoundError ? unknown(`${url}.sha256`) : e;
  }
  const sha256 = parseSha256File(text);
  if (!sha256) throw new SetupError("download", `${url}.sha256 does not hold a sha256 checksum`, "mirror");
  return { version: req.version, file, url, sha256 };
}

/**
 * Where the release list's entry disagrees with itself or with the request (its `version` is what the
 * result and the cache report): the file's name, the branch and a requested branch must all name that
 * version. Null when they agree.
 */
function mislabelled(rel: MinirootfsRelease, req: AlpineRequest): string | null {
  const named = versionFromFileName(rel.file);
  if (named !== null && named !== rel.version) return `version ${rel.version} but file ${rel.file}`;
  const series = rel.version.split(".").slice(0, 2).join(".");
  if (/^v\d+\.\d+$/.test(rel.branch) && rel.branch !== `v${series}`) {
    return `version ${rel.version} but branch ${rel.branch}`;
  }
  if (req.kind === "branch" && req.text !== series)
    return `version ${rel.version} listed for Alpine ${req.text}`;
  return null;
}
