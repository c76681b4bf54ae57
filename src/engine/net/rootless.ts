// Without root there is no veth or firewall on the host: user-mode networking (pasta, slirp4netns) is
// the only way out of the sandbox's netns.
import { SetupError } from "../types.js";
import { findTool } from "./nat.js";

export type RootlessTool = "pasta" | "slirp4netns";

export function rootlessTool(): RootlessTool | null {
  if (findTool("pasta")) return "pasta";
  if (findTool("slirp4netns")) return "slirp4netns";
  return null;
}

/** The error for a caller who is not root; names what would make nat mode work. */
export function rootlessError(): SetupError {
  const tool = rootlessTool();
  if (!tool) {
    return new SetupError(
      "network",
      "--network nat needs root or passwordless sudo (without them no egress policy can be enforced); run with sudo or use --network none",
    );
  }
  // User-mode stacks forward to any destination (and pasta maps the host's loopback by default): the egress
  // policy (no host, no private ranges, no 169.254.169.254) could not be enforced, so refuse.
  return new SetupError(
    "network",
    `--network nat without root is not supported yet (${tool} is installed, but the egress policy could not be enforced through it); run as root (sudo) or use --network none`,
  );
}
