// What the bundle gives @actions/core in place of node:crypto (scripts/build.mjs): core imports it for one
// call, randomUUID (the delimiter of every value it writes to a runner file), and node:crypto takes ~4 ms
// to load. A version 4 UUID from the engine's random bytes (the kernel's CSPRNG) is the same thing.
import { randomBytes } from "../engine/index";

export function randomUUID(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40; // version 4
  b[8] = ((b[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
