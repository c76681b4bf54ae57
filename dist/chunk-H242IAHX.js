import { createRequire as __nsboxCreateRequire } from "node:module";
import { dirname as __nsboxDirname } from "node:path";
import { fileURLToPath as __nsboxFileURLToPath } from "node:url";
const require = __nsboxCreateRequire(import.meta.url);
const __filename = __nsboxFileURLToPath(import.meta.url);
const __dirname = __nsboxDirname(__filename);
var __getOwnPropNames = Object.getOwnPropertyNames;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};

export {
  __require,
  __commonJS
};
