// Pure: inputs that mean something only with another. Given alone, each would be dropped without a word
// (an `allow` that opens nothing, a repository never read): refused instead, as the CLI refuses its options.
import { DEFAULT_MIRROR, type NetworkMode, UsageError } from "../engine/index";
import { lines } from "./list-input";

export interface InputContext {
  network: NetworkMode;
  setupNetwork: NetworkMode;
  hasPackages: boolean;
  hasOutputs: boolean;
  hasSetup: boolean;
  allowUntrusted: boolean;
}

/** Throws UsageError for the first input given without the one it needs. */
export function refuseUnusedInputs(input: (name: string) => string, ctx: InputContext): void {
  const first = (name: string) => lines(input(name))[0];
  const alone = (name: string, value: string | undefined, needs: string, fix: string) => {
    if (value !== undefined) throw new UsageError(`${name}: '${value}' only applies with ${needs}; ${fix}`);
  };
  // The session's NAT serves the setup too: with setup-network: nat alone, allow and max-connections are
  // the setup's.
  if (ctx.network !== "nat" && ctx.setupNetwork !== "nat") {
    const natOnly = (name: string, value: string | undefined) =>
      alone(name, value, "network: nat", `set network: nat (or setup-network: nat) or remove ${name}`);
    natOnly("allow", first("allow"));
    // 4096 is action.yml's default, always passed by the runner: only another value was asked for.
    const maxConnections = input("max-connections").trim();
    natOnly("max-connections", maxConnections && maxConnections !== "4096" ? maxConnections : undefined);
  }
  if (!ctx.hasPackages) {
    for (const name of ["repositories", "repository-keys"])
      alone(name, first(name), "packages", `add packages or remove ${name}`);
    if (ctx.allowUntrusted)
      throw new UsageError(
        "allow-untrusted only applies with packages; add packages or remove allow-untrusted",
      );
  }
  if (!ctx.hasSetup)
    alone("setup-network", first("setup-network"), "setup", "add setup or remove setup-network");
  if (!ctx.hasOutputs)
    alone("output-limit", first("output-limit"), "outputs", "add outputs or remove output-limit");
  // latest-stable is action.yml's default: any other version with a tarball would be ignored.
  const alpine = input("alpine-version").trim();
  const rootfs = input("rootfs").trim();
  if (rootfs && alpine && alpine !== "latest-stable") {
    throw new UsageError(
      `alpine-version: '${alpine}' does not apply with rootfs (the tarball is the rootfs, whatever its version); remove one of them`,
    );
  }
  // The mirror serves the rootfs download and the default repositories of packages: beside a tarball it
  // serves only packages without repositories. action.yml's default is always passed: only another counts.
  const mirror = input("mirror").trim();
  if (rootfs && mirror && mirror !== DEFAULT_MIRROR) {
    if (!ctx.hasPackages)
      throw new UsageError(
        `mirror: '${mirror}' is not used with rootfs (the tarball is the rootfs) unless packages are installed from it; remove mirror or add packages`,
      );
    if (first("repositories") !== undefined)
      throw new UsageError(
        `mirror: '${mirror}' is not used with rootfs and repositories (packages come from the repositories given); remove mirror or repositories`,
      );
  }
}
