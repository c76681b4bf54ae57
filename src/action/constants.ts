// Named keys of what the main step hands to the post step (core.saveState → STATE_*), in one place (the
// setup-node shape), so the two steps cannot drift apart.
export enum State {
  Privilege = "privilege",
  CacheDir = "cache-dir",
  TempDir = "temp-dir",
}
