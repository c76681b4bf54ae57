#!/usr/bin/env node
"use strict";
var __nsboxImportMetaUrl = require("node:url").pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// koffi-fs:node_modules/koffi/src/koffi/index.cjs
var require_koffi = __commonJS({
  "koffi-fs:node_modules/koffi/src/koffi/index.cjs"(exports2, module2) {
    var m = require("node:fs");
    module2.exports = { closeSync: m.closeSync, existsSync: m.existsSync, openSync: m.openSync, readSync: m.readSync };
  }
});

// koffi-util:node_modules/koffi/src/koffi/index.cjs
var require_koffi2 = __commonJS({
  "koffi-util:node_modules/koffi/src/koffi/index.cjs"(exports2, module2) {
    var m = require("node:util");
    module2.exports = { deprecate: m.deprecate };
  }
});

// koffi-native:@koromix/koffi-linux-arm
var require_koffi_linux_arm = __commonJS({
  "koffi-native:@koromix/koffi-linux-arm"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-linux-arm64
var require_koffi_linux_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-arm64"(exports2, module2) {
    module2.exports = require(require("node:path").join(__dirname, "koffi", "linux_arm64", "koffi.node"));
  }
});

// koffi-native:@koromix/koffi-linux-ia32
var require_koffi_linux_ia32 = __commonJS({
  "koffi-native:@koromix/koffi-linux-ia32"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-linux-x64
var require_koffi_linux_x64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-x64"(exports2, module2) {
    module2.exports = require(require("node:path").join(__dirname, "koffi", "linux_x64", "koffi.node"));
  }
});

// koffi-native:@koromix/koffi-linux-riscv64
var require_koffi_linux_riscv64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-riscv64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-freebsd-ia32
var require_koffi_freebsd_ia32 = __commonJS({
  "koffi-native:@koromix/koffi-freebsd-ia32"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-freebsd-x64
var require_koffi_freebsd_x64 = __commonJS({
  "koffi-native:@koromix/koffi-freebsd-x64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-freebsd-arm64
var require_koffi_freebsd_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-freebsd-arm64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-openbsd-ia32
var require_koffi_openbsd_ia32 = __commonJS({
  "koffi-native:@koromix/koffi-openbsd-ia32"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-openbsd-x64
var require_koffi_openbsd_x64 = __commonJS({
  "koffi-native:@koromix/koffi-openbsd-x64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-win32-ia32
var require_koffi_win32_ia32 = __commonJS({
  "koffi-native:@koromix/koffi-win32-ia32"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-win32-x64
var require_koffi_win32_x64 = __commonJS({
  "koffi-native:@koromix/koffi-win32-x64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-win32-arm64
var require_koffi_win32_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-win32-arm64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-darwin-x64
var require_koffi_darwin_x64 = __commonJS({
  "koffi-native:@koromix/koffi-darwin-x64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-darwin-arm64
var require_koffi_darwin_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-darwin-arm64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-linux-loong64
var require_koffi_linux_loong64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-loong64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-android-arm64
var require_koffi_android_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-android-arm64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-android-x64
var require_koffi_android_x64 = __commonJS({
  "koffi-native:@koromix/koffi-android-x64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-linux-ppc64
var require_koffi_linux_ppc64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-ppc64"(exports2, module2) {
    module2.exports = null;
  }
});

// koffi-native:@koromix/koffi-openbsd-arm64
var require_koffi_openbsd_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-openbsd-arm64"(exports2, module2) {
    module2.exports = null;
  }
});

// node_modules/koffi/src/koffi/src/static.cjs
var require_static = __commonJS({
  "node_modules/koffi/src/koffi/src/static.cjs"(exports2, module2) {
    function loadStatic(pkg) {
      let native = null;
      if (pkg == "linux-arm") {
        try {
          native = require_koffi_linux_arm();
        } catch (err) {
        }
      }
      if (pkg == "linux-arm64") {
        try {
          native = require_koffi_linux_arm64();
        } catch (err) {
        }
      }
      if (pkg == "linux-ia32") {
        try {
          native = require_koffi_linux_ia32();
        } catch (err) {
        }
      }
      if (pkg == "linux-x64") {
        try {
          native = require_koffi_linux_x64();
        } catch (err) {
        }
      }
      if (pkg == "linux-riscv64") {
        try {
          native = require_koffi_linux_riscv64();
        } catch (err) {
        }
      }
      if (pkg == "freebsd-ia32") {
        try {
          native = require_koffi_freebsd_ia32();
        } catch (err) {
        }
      }
      if (pkg == "freebsd-x64") {
        try {
          native = require_koffi_freebsd_x64();
        } catch (err) {
        }
      }
      if (pkg == "freebsd-arm64") {
        try {
          native = require_koffi_freebsd_arm64();
        } catch (err) {
        }
      }
      if (pkg == "openbsd-ia32") {
        try {
          native = require_koffi_openbsd_ia32();
        } catch (err) {
        }
      }
      if (pkg == "openbsd-x64") {
        try {
          native = require_koffi_openbsd_x64();
        } catch (err) {
        }
      }
      if (pkg == "win32-ia32") {
        try {
          native = require_koffi_win32_ia32();
        } catch (err) {
        }
      }
      if (pkg == "win32-x64") {
        try {
          native = require_koffi_win32_x64();
        } catch (err) {
        }
      }
      if (pkg == "win32-arm64") {
        try {
          native = require_koffi_win32_arm64();
        } catch (err) {
        }
      }
      if (pkg == "darwin-x64") {
        try {
          native = require_koffi_darwin_x64();
        } catch (err) {
        }
      }
      if (pkg == "darwin-arm64") {
        try {
          native = require_koffi_darwin_arm64();
        } catch (err) {
        }
      }
      if (pkg == "linux-loong64") {
        try {
          native = require_koffi_linux_loong64();
        } catch (err) {
        }
      }
      if (pkg == "android-arm64") {
        try {
          native = require_koffi_android_arm64();
        } catch (err) {
        }
      }
      if (pkg == "android-x64") {
        try {
          native = require_koffi_android_x64();
        } catch (err) {
        }
      }
      if (pkg == "linux-ppc64") {
        try {
          native = require_koffi_linux_ppc64();
        } catch (err) {
        }
      }
      if (pkg == "openbsd-arm64") {
        try {
          native = require_koffi_openbsd_arm64();
        } catch (err) {
        }
      }
      return native;
    }
    module2.exports = { loadStatic };
  }
});

// node_modules/koffi/src/koffi/index.cjs
var require_koffi3 = __commonJS({
  "node_modules/koffi/src/koffi/index.cjs"(exports2, module2) {
    var __create2 = Object.create;
    var __defProp2 = Object.defineProperty;
    var __getOwnPropDesc2 = Object.getOwnPropertyDescriptor;
    var __getOwnPropNames2 = Object.getOwnPropertyNames;
    var __getProtoOf2 = Object.getPrototypeOf;
    var __hasOwnProp2 = Object.prototype.hasOwnProperty;
    var __esm = (fn, res, err) => function __init() {
      if (err) throw err[0];
      try {
        return fn && (res = (0, fn[__getOwnPropNames2(fn)[0]])(fn = 0)), res;
      } catch (e) {
        throw err = [e], e;
      }
    };
    var __export = (target, all) => {
      for (var name in all)
        __defProp2(target, name, { get: all[name], enumerable: true });
    };
    var __copyProps2 = (to, from, except, desc) => {
      if (from && typeof from === "object" || typeof from === "function") {
        for (let key of __getOwnPropNames2(from))
          if (!__hasOwnProp2.call(to, key) && key !== except)
            __defProp2(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc2(from, key)) || desc.enumerable });
      }
      return to;
    };
    var __toESM2 = (mod, isNodeMode, target) => (target = mod != null ? __create2(__getProtoOf2(mod)) : {}, __copyProps2(
      // If the importer is in node compatibility mode or this is not an ESM
      // file that has been converted to a CommonJS file using a Babel-
      // compatible transform (i.e. "__esModule" has not been set), then set
      // "default" to the CommonJS "module.exports" for node compatibility.
      isNodeMode || !mod || !mod.__esModule ? __defProp2(target, "default", { value: mod, enumerable: true }) : target,
      mod
    ));
    var __toCommonJS = (mod) => __copyProps2(__defProp2({}, "__esModule", { value: true }), mod);
    function determineAbi() {
      let abi = process.arch.toString();
      if (abi == "riscv32" || abi == "riscv64") {
        let file = openFile(process.execPath, "r");
        try {
          let header = readElfHeader(file);
          let float_abi = header.e_flags & 6;
          switch (float_abi) {
            case 0:
              {
              }
              break;
            case 2:
              {
                abi += "f";
              }
              break;
            case 4:
              {
                abi += "d";
              }
              break;
            case 6:
              {
                abi += "q";
              }
              break;
          }
        } finally {
          file.close();
        }
      } else if (abi == "arm") {
        let file = openFile(process.execPath, "r");
        try {
          let header = readElfHeader(file);
          if (header.e_flags & 1024) {
            abi += "hf";
          } else if (header.e_flags & 512) {
            abi += "sf";
          } else {
            throw new Error("Unknown ARM floating-point ABI");
          }
        } finally {
          file.close();
        }
      } else if (abi == "ppc64") {
        let file = openFile(process.execPath, "r");
        try {
          let header = readElfHeader(file);
          switch (header.ei_data) {
            case 1:
              {
                abi += "le";
              }
              break;
            case 2:
              {
                abi += "be";
              }
              break;
            default:
              throw new Error("Invalid ELF endianness value");
          }
        } finally {
          file.close();
        }
      }
      return abi;
    }
    function readElfHeader(file, offset = 0) {
      let buf = file.read(offset, 512);
      if (buf.length < 16)
        throw new Error("Truncated header");
      if (buf[0] != 127 || buf[1] != 69 || buf[2] != 76 || buf[3] != 70)
        throw new Error("Invalid magic number");
      if (buf[6] != 1)
        throw new Error("Invalid ELF version");
      if (buf[5] != 1)
        throw new Error("Big-endian architectures are not supported");
      switch (buf[4]) {
        case 1:
          {
            if (buf.length < 68)
              throw new Error("Truncated ELF header");
            return {
              ei_class: 32,
              ei_data: buf[5],
              e_machine: buf.readUInt16LE(18),
              e_flags: buf.readUInt32LE(36),
              e_phoff: buf.readUInt32LE(28),
              e_phentsize: buf.readUInt16LE(42),
              e_phnum: buf.readUInt16LE(44)
            };
          }
          break;
        case 2:
          {
            if (buf.length < 120)
              throw new Error("Truncated ELF header");
            return {
              ei_class: 64,
              ei_data: buf[5],
              e_machine: buf.readUInt16LE(18),
              e_flags: buf.readUInt32LE(48),
              e_phoff: buf.readBigUInt64LE(32),
              e_phentsize: buf.readUInt16LE(54),
              e_phnum: buf.readUInt16LE(56)
            };
          }
          break;
        default:
          throw new Error("Invalid ELF class");
      }
    }
    function openFile(filename, flags2) {
      let fd = import_node_fs38.default.openSync(filename, flags2);
      return new FileHandle(fd);
    }
    var import_node_fs38;
    var FileHandle;
    var init_abi = __esm({
      "../cnoke/src/abi.js"() {
        import_node_fs38 = __toESM2(require_koffi(), 1);
        FileHandle = class {
          constructor(fd) {
            this.fd = fd;
          }
          close() {
            import_node_fs38.default.closeSync(this.fd);
          }
          [Symbol.dispose]() {
            import_node_fs38.default.closeSync(this.fd);
          }
          read(offset, len) {
            let buf = Buffer.allocUnsafe(len);
            let read = import_node_fs38.default.readSync(this.fd, buf, 0, len, offset);
            return buf.subarray(0, read);
          }
        };
      }
    });
    var package_default;
    var init_package = __esm({
      "package.json"() {
        package_default = { name: "koffi", version: "3.3.4", cnoke: { api: "../../vendor/node-api-headers", output: "../../bin/Koffi/{{ toolchain }}", node: 16, napi: 8 } };
      }
    });
    var init_exports = {};
    __export(init_exports, {
      detectPlatform: () => detectPlatform,
      loadDynamic: () => loadDynamic,
      wrapNative: () => wrapNative
    });
    function detectPlatform() {
      if (process.versions.napi == null || process.versions.napi < package_default.cnoke.napi) {
        let major = parseInt(process.versions.node, 10);
        throw new Error(`This engine is based on Node ${process.versions.node}, but ${package_default.name} does not support the Node ${major}.x branch (Node-API < ${package_default.cnoke.napi})`);
      }
      let abi = determineAbi();
      let pkg2 = `${process.platform}-${process.arch}`;
      let triplets2 = [`${process.platform}_${abi}`];
      if (process.platform == "linux")
        triplets2.push(`musl_${abi}`);
      return [package_default.version, pkg2, triplets2];
    }
    function loadDynamic(dirname2, pkg2, triplets2) {
      let suffix = "/../../build/koffi";
      let root = dirname2 + suffix;
      let roots = [root];
      let native2 = null;
      let err = null;
      if (process["resourcesPath"] != null) {
        let suffixes = [
          "/koffi",
          "/koffi/build",
          "/node_modules/koffi/build"
        ];
        for (let suffix2 of suffixes)
          roots.push(process["resourcesPath"] + suffix2);
      }
      let names = [
        `${__dirname}/../../../@koromix/koffi-${pkg2}`,
        ...triplets2.flatMap((triplet) => roots.map((dir) => `${dir}/${triplet}/koffi.node`))
      ];
      for (let name of names) {
        if (!import_node_fs210.default.existsSync(name))
          continue;
        try {
          native2 = require2(name);
          break;
        } catch (e) {
          err ??= e;
        }
      }
      if (native2 == null && err != null)
        throw err;
      return native2;
    }
    function wrapNative(native2, version2) {
      if (native2 == null)
        throw new Error("Cannot find the native Koffi module; did you bundle it correctly?");
      if (native2.version != version2)
        throw new Error("Mismatched native Koffi modules");
      let load = native2.load;
      let register = native2.register;
      native2.register = (...args) => {
        if (args.length >= 3 && typeof args[1] == "function") {
          process.emitWarning("Using koffi.register() with a custom this value was deprecated in Koffi 2.17, use function.bind() instead", "DeprecationWarning", "KOFFI009");
          args[1] = args[1].bind(args[0]);
          args = args.slice(1);
        }
        return register(...args);
      };
      native2.load = (...args) => {
        let lib = load(...args);
        lib.cdecl = import_node_util.default.deprecate((...args2) => lib.func("__cdecl", ...args2), "The koffi.cdecl() function was deprecated in Koffi 2.7, use koffi.func(...) instead", "KOFFI003");
        lib.stdcall = import_node_util.default.deprecate((...args2) => lib.func("__stdcall", ...args2), 'The koffi.stdcall() function was deprecated in Koffi 2.7, use koffi.func("__stdcall", ...) instead', "KOFFI004");
        lib.fastcall = import_node_util.default.deprecate((...args2) => lib.func("__fastcall", ...args2), 'The koffi.fastcall() function was deprecated in Koffi 2.7, use koffi.func("__fastcall", ...) instead', "KOFFI005");
        lib.thiscall = import_node_util.default.deprecate((...args2) => lib.func("__thiscall", ...args2), 'The koffi.thiscall() function was deprecated in Koffi 2.7, use koffi.func("__thiscall", ...) instead', "KOFFI006");
        return lib;
      };
      native2.resolve = import_node_util.default.deprecate(native2.type, "The koffi.resolve() function was deprecated in Koffi 3.0, use koffi.type() instead", "KOFFI007");
      native2.introspect = import_node_util.default.deprecate(native2.type, "The koffi.introspect() function was deprecated in Koffi 3.0, use koffi.type() instead", "KOFFI008");
    }
    var import_node_util;
    var import_node_fs210;
    var import_node_module2;
    var require2;
    var init_init = __esm({
      "src/init.js"() {
        import_node_util = __toESM2(require_koffi2());
        import_node_fs210 = __toESM2(require_koffi());
        import_node_module2 = require("node:module");
        init_abi();
        init_package();
        require2 = (0, import_node_module2.createRequire)(__filename);
      }
    });
    var { detectPlatform: detectPlatform2, loadDynamic: loadDynamic2, wrapNative: wrapNative2 } = (init_init(), __toCommonJS(init_exports));
    var { loadStatic } = require_static();
    var [version, pkg, triplets] = detectPlatform2();
    var native = loadStatic(pkg) ?? loadDynamic2(__dirname, pkg, triplets);
    wrapNative2(native, version);
    module2.exports = {
      default: native,
      "LibraryHandle": native["LibraryHandle"],
      "TypeObject": native["TypeObject"],
      "Union": native["Union"],
      "address": native["address"],
      "alias": native["alias"],
      "alignof": native["alignof"],
      "alloc": native["alloc"],
      "array": native["array"],
      "as": native["as"],
      "call": native["call"],
      "config": native["config"],
      "decode": native["decode"],
      "disposable": native["disposable"],
      "encode": native["encode"],
      "enumeration": native["enumeration"],
      "errno": native["errno"],
      "extension": native["extension"],
      "free": native["free"],
      "in": native["in"],
      "inout": native["inout"],
      "introspect": native["introspect"],
      "load": native["load"],
      "node": native["node"],
      "offsetof": native["offsetof"],
      "opaque": native["opaque"],
      "os": native["os"],
      "out": native["out"],
      "pack": native["pack"],
      "pointer": native["pointer"],
      "proto": native["proto"],
      "register": native["register"],
      "reset": native["reset"],
      "resolve": native["resolve"],
      "sizeof": native["sizeof"],
      "stats": native["stats"],
      "struct": native["struct"],
      "type": native["type"],
      "types": native["types"],
      "union": native["union"],
      "unregister": native["unregister"],
      "version": native["version"],
      "view": native["view"]
    };
  }
});

// node_modules/koffi/index.cjs
var require_koffi4 = __commonJS({
  "node_modules/koffi/index.cjs"(exports2, module2) {
    module2.exports = require_koffi3();
  }
});

// builtin:node:fs
var builtin = require("node:fs");
var exportOf = (name) => builtin[name];
var accessSync = /* @__PURE__ */ exportOf("accessSync");
var chmodSync = /* @__PURE__ */ exportOf("chmodSync");
var closeSync = /* @__PURE__ */ exportOf("closeSync");
var existsSync = /* @__PURE__ */ exportOf("existsSync");
var fchownSync = /* @__PURE__ */ exportOf("fchownSync");
var fstatSync = /* @__PURE__ */ exportOf("fstatSync");
var ftruncateSync = /* @__PURE__ */ exportOf("ftruncateSync");
var lchownSync = /* @__PURE__ */ exportOf("lchownSync");
var lstatSync = /* @__PURE__ */ exportOf("lstatSync");
var mkdirSync = /* @__PURE__ */ exportOf("mkdirSync");
var openSync = /* @__PURE__ */ exportOf("openSync");
var readdirSync = /* @__PURE__ */ exportOf("readdirSync");
var readSync = /* @__PURE__ */ exportOf("readSync");
var readFileSync = /* @__PURE__ */ exportOf("readFileSync");
var readlinkSync = /* @__PURE__ */ exportOf("readlinkSync");
var realpathSync = /* @__PURE__ */ exportOf("realpathSync");
var renameSync = /* @__PURE__ */ exportOf("renameSync");
var rm = /* @__PURE__ */ exportOf("rm");
var rmSync = /* @__PURE__ */ exportOf("rmSync");
var rmdirSync = /* @__PURE__ */ exportOf("rmdirSync");
var statSync = /* @__PURE__ */ exportOf("statSync");
var statfsSync = /* @__PURE__ */ exportOf("statfsSync");
var unlinkSync = /* @__PURE__ */ exportOf("unlinkSync");
var utimesSync = /* @__PURE__ */ exportOf("utimesSync");
var writeFileSync = /* @__PURE__ */ exportOf("writeFileSync");
var writeSync = /* @__PURE__ */ exportOf("writeSync");
var constants = /* @__PURE__ */ exportOf("constants");

// builtin:node:path
var builtin2 = require("node:path");
var exportOf2 = (name) => builtin2[name];
var node_path_default = builtin2;
var resolve = /* @__PURE__ */ exportOf2("resolve");
var isAbsolute = /* @__PURE__ */ exportOf2("isAbsolute");
var join = /* @__PURE__ */ exportOf2("join");
var dirname = /* @__PURE__ */ exportOf2("dirname");
var basename = /* @__PURE__ */ exportOf2("basename");
var posix = /* @__PURE__ */ exportOf2("posix");

// builtin:node:tty
var builtin3 = require("node:tty");
var exportOf3 = (name) => builtin3[name];
var isatty = /* @__PURE__ */ exportOf3("isatty");

// builtin:node:os
var builtin4 = require("node:os");
var exportOf4 = (name) => builtin4[name];
var node_os_default = builtin4;
var totalmem = /* @__PURE__ */ exportOf4("totalmem");
var constants2 = /* @__PURE__ */ exportOf4("constants");

// src/engine/file-names.ts
var utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function nameText(name) {
  try {
    return utf8.decode(name);
  } catch {
    let text = "";
    for (const b of name) text += String.fromCharCode(b < 128 ? b : 56320 + b);
    return text;
  }
}
var ESCAPED = /[\udc80-\udcff]/u;
var hasEscapedBytes = (text) => ESCAPED.test(text);
function textPath(text) {
  if (!hasEscapedBytes(text)) return text;
  const parts = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    parts.push(c >= 56448 && c <= 56575 ? Buffer.of(c - 56320) : Buffer.from(ch));
  }
  return Buffer.concat(parts);
}
function namesOf(dir) {
  return readdirSync(dir, { encoding: "buffer" });
}
function childPath(dir, name) {
  return Buffer.concat([Buffer.from(dir), SLASH, name]);
}
var SLASH = Buffer.from("/");

// src/engine/types.ts
var UsageError = class extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
  }
  hint;
  name = "UsageError";
};
var CancelledError = class extends Error {
  constructor(reason = void 0) {
    super(`stopped${typeof reason === "string" ? ` by ${reason}` : ""} before the command started`);
    this.reason = reason;
  }
  reason;
  name = "CancelledError";
};
function throwIfCancelled(signal) {
  if (signal?.aborted) throw new CancelledError(signal.reason);
}
var SetupError = class extends Error {
  constructor(step, message, hint) {
    super(message);
    this.step = step;
    this.hint = hint;
  }
  step;
  hint;
  name = "SetupError";
};
function errorText(err, hints) {
  const message = withoutCredentials(err instanceof Error ? err.message : String(err));
  const hint = err instanceof UsageError || err instanceof SetupError ? err.hint : void 0;
  return withFix(message, hint, hints);
}
function runErrorText(error, hints) {
  return withFix(error.message, error.hint, hints);
}
function withFix(message, hint, hints) {
  const fix = hint && Object.hasOwn(hints, hint) ? hints[hint] : void 0;
  return fix ? `${message}; ${fix}` : message;
}
function withoutCredentials(text) {
  return text.replace(/\b(https?:\/\/)[^/\s@]+@/g, "$1***@");
}

// src/engine/fs.ts
function errCode(e) {
  return e?.code ?? "EUNKNOWN";
}
var crypto = () => process.getBuiltinModule("node:crypto");
function sha256Hex(data) {
  return crypto().createHash("sha256").update(data).digest("hex");
}
var HASH_CHUNK = 256 * 1024;
var hashBuffer = null;
function sha256File(file) {
  hashBuffer ??= Buffer.allocUnsafe(HASH_CHUNK);
  const buf = hashBuffer;
  const hash = crypto().createHash("sha256");
  const fd = openSync(file, "r");
  try {
    for (; ; ) {
      const n = readSync(fd, buf, 0, HASH_CHUNK, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}
function randomBytes(n) {
  const buf = Buffer.alloc(n);
  let fd;
  try {
    fd = openSync("/dev/urandom", "r");
  } catch {
    return crypto().randomBytes(n);
  }
  try {
    for (let got = 0; got < n; ) got += readSync(fd, buf, got, n - got, null);
  } finally {
    closeSync(fd);
  }
  return buf;
}
function readTextOrNull(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}
function readJsonOrNull(file) {
  const text = readTextOrNull(file);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
var RefusedFileError = class extends Error {
  constructor(path, reason, code) {
    super(`${path}: ${reason}${code ? ` (${code})` : ""}`);
    this.path = path;
    this.reason = reason;
    this.code = code;
  }
  path;
  reason;
  code;
};
function readHead(path, n) {
  let fd;
  try {
    fd = openSync(
      path,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY
    );
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
function readRegularFile(path, maxBytes) {
  let fd;
  try {
    fd = openSync(
      path,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY
    );
  } catch (e) {
    const code = errCode(e);
    const reason = code === "ENOENT" ? "missing" : code === "ELOOP" ? "symlink" : "unreadable";
    throw new RefusedFileError(path, reason, code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new RefusedFileError(path, "not-a-file", "");
    if (st.size > maxBytes) throw new RefusedFileError(path, "too-large", "");
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
function readRegularFileBelow(root, names, maxBytes) {
  const shown2 = node_path_default.join(root, ...names);
  const refused = (e, dirOnTheWay) => {
    if (e instanceof RefusedFileError) return new RefusedFileError(shown2, e.reason, e.code);
    const code = errCode(e);
    const link = code === "ELOOP" || dirOnTheWay && code === "ENOTDIR";
    return new RefusedFileError(shown2, code === "ENOENT" ? "missing" : link ? "symlink" : "unreadable", code);
  };
  let fd;
  try {
    fd = openSync(root, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (e) {
    throw refused(e, false);
  }
  try {
    for (const name of names.slice(0, -1)) {
      const next = openSync(
        `/proc/self/fd/${fd}/${name}`,
        constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW | constants.O_NONBLOCK
      );
      closeSync(fd);
      fd = next;
    }
    return readRegularFile(`/proc/self/fd/${fd}/${names.at(-1)}`, maxBytes);
  } catch (e) {
    throw refused(e, true);
  } finally {
    closeSync(fd);
  }
}
var O_PATH = 2097152;
var SETID_BITS = 3072;
function clearSetidBits(dir) {
  let changed = 0;
  const visit = (abs) => {
    const st = lstatSync(abs);
    if (!st.isFile() && !st.isDirectory()) return;
    if (st.mode & SETID_BITS) {
      const fd = openSync(abs, O_PATH | constants.O_NOFOLLOW);
      try {
        const now = fstatSync(fd);
        if (now.ino !== st.ino || now.dev !== st.dev) throw new Error(`${abs.toString()} was replaced`);
        chmodSync(`/proc/self/fd/${fd}`, now.mode & 1023);
        changed++;
      } finally {
        closeSync(fd);
      }
    }
    if (st.isDirectory()) for (const name of namesOf(abs)) visit(childPath(abs, name));
  };
  visit(dir);
  return changed;
}
function writeFileAtomic(file, data, mode = 384) {
  const tmp = atomicTempName(file);
  try {
    writeFileSync(tmp, data, { mode, flag: "wx" });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
function writeAll(fd, buf, n) {
  for (let off = 0; off < n; ) off += writeSync(fd, buf, off, n - off);
}
function unlinkQuiet(file) {
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}
function realPathAhead(p) {
  let existing = node_path_default.resolve(p);
  const rest = [];
  while (!existsSync(existing) && node_path_default.dirname(existing) !== existing) {
    rest.unshift(node_path_default.basename(existing));
    existing = node_path_default.dirname(existing);
  }
  return node_path_default.join(realpathSync(existing), ...rest);
}
function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function removeHostTree(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    openDirs(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}
async function removeHostTreeLater(dir) {
  const remove = () => new Promise(
    (resolve2, reject) => rm(dir, { recursive: true, force: true }, (err) => err ? reject(err) : resolve2())
  );
  try {
    await remove();
  } catch {
    openDirs(dir);
    await remove();
  }
}
function openDirs(dir) {
  try {
    chmodSync(dir, 448);
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.isDirectory()) openDirs(node_path_default.join(dir, d.name));
    }
  } catch {
  }
}
function atomicTempName(file) {
  return `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
}
var ATOMIC_TEMP = /^(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;
function removeStaleAtomicTemps(dir, ownerAlive, only) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = ATOMIC_TEMP.exec(name);
    if (!m || only !== void 0 && m[1] !== only) continue;
    const file = node_path_default.join(dir, name);
    const st = lstatSync(file, { throwIfNoEntry: false });
    if (!st?.isFile() || ownerAlive(Number(m[2]), st.ctimeMs)) continue;
    if (unlinkQuiet(file)) removed++;
  }
  return removed;
}
function makeDirs(dir, mode = 493) {
  const missing = [];
  for (let d = node_path_default.resolve(dir); !existsSync(d); d = node_path_default.dirname(d)) {
    missing.unshift(d);
    if (node_path_default.dirname(d) === d) break;
  }
  return makeMissingDirs(missing, mode);
}
function makeMissingDirs(missing, mode) {
  const made = [];
  for (const d of missing) {
    try {
      mkdirSync(d, { mode });
      made.push(d);
    } catch (err) {
      if (err.code !== "EEXIST" || !statSync(d).isDirectory()) throw err;
    }
  }
  return made;
}
function isDanglingLink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
var PSEUDO_FS = /* @__PURE__ */ new Map([
  [40864, "proc"],
  [1650812274, "sysfs"],
  [2613483, "cgroup"],
  [1667723888, "cgroup2"],
  [1684170528, "debugfs"],
  [1953653091, "tracefs"],
  [1935894131, "securityfs"],
  [3405662737, "bpf"],
  [7377, "devpts"]
]);
function checkWritableDir(what, dir, hint, shown2 = dir) {
  let existing = node_path_default.resolve(dir);
  while (!existsSync(existing) && node_path_default.dirname(existing) !== existing) {
    if (isDanglingLink(existing))
      throw new UsageError(
        `${what}: '${shown2}' cannot be made: '${existing}' is a symbolic link to nothing; ${hint}`
      );
    existing = node_path_default.dirname(existing);
  }
  const where = (why) => existing === shown2 ? why : `cannot be ${shown2 === dir ? "created" : "written"}: '${existing}' ${why}`;
  if (!statSync(existing).isDirectory())
    throw new UsageError(`${what}: '${shown2}' ${where("is not a directory")}; ${hint}`);
  const pseudo = PSEUDO_FS.get(statfsSync(existing).type);
  if (pseudo)
    throw new UsageError(`${what}: '${shown2}' ${where(`is on the kernel's ${pseudo} file system`)}; ${hint}`);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (err) {
    const why = errCode(err) === "EROFS" ? "is on a read-only file system" : "is not writable";
    throw new UsageError(`${what}: '${shown2}' ${where(why)}; ${hint}`);
  }
}

// src/engine/cgroup/enclosing.ts
var NO_CAPS = { memoryBytes: null, swapBytes: null, pids: null };
var UNLIMITED = 2 ** 60;
function cgroupChain(dir, top) {
  const out = [];
  for (let d = dir; d === top || d.startsWith(`${top}/`); d = node_path_default.dirname(d)) {
    out.push(d);
    if (d === top) break;
  }
  return out;
}
function smallestLimit(dirs, file) {
  let min = null;
  for (const d of dirs) {
    const text = (readTextOrNull(`${d}/${file}`) ?? "").trim();
    const v = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (v < UNLIMITED) min = min === null ? v : Math.min(min, v);
  }
  return min;
}
function v2Caps(dirs) {
  return {
    memoryBytes: smallestLimit(dirs, "memory.max"),
    swapBytes: smallestLimit(dirs, "memory.swap.max"),
    pids: smallestLimit(dirs, "pids.max")
  };
}
function sizeText(bytes) {
  for (const [unit, scale] of [
    ["T", 2 ** 40],
    ["G", 2 ** 30],
    ["M", 2 ** 20],
    ["K", 2 ** 10]
  ]) {
    if (bytes % scale === 0) return `${bytes / scale}${unit}`;
  }
  return String(bytes);
}
function enclosingNotes(limits, caps) {
  const notes = [];
  const explicit = (l) => !(limits.defaulted ?? []).includes(l);
  const mem = limits.memoryBytes;
  if (caps.memoryBytes !== null && explicit("memory") && (mem === void 0 || mem > caps.memoryBytes))
    notes.push(
      `memory ${mem === void 0 ? "none" : sizeText(mem)}: the enclosing cgroup allows ${sizeText(caps.memoryBytes)} for all sandboxes of the run`
    );
  const pids = limits.pids;
  if (caps.pids !== null && explicit("pids") && (pids === void 0 || pids + 1 > caps.pids))
    notes.push(
      `pids ${pids ?? "none"}: the enclosing cgroup allows ${caps.pids} processes for all sandboxes of the run`
    );
  return notes;
}

// src/engine/proc.ts
function childProcess() {
  return process.getBuiltinModule("node:child_process");
}
function isRoot() {
  return process.getuid?.() === 0;
}
function sigkill(pid) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
  }
}
function procStatFields(pid) {
  const stat = readTextOrNull(`/proc/${pid}/stat`);
  return stat === null ? null : stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}
function pidRunning(pid) {
  const state = procStatFields(pid)?.[0];
  return state !== void 0 && state !== "Z" && state !== "X";
}
function processStartTicks(pid) {
  return procStatFields(pid)?.[19] ?? null;
}
var MS_PER_TICK = 10;
function bootTimeMs() {
  const m = /^btime (\d+)$/m.exec(readTextOrNull("/proc/stat") ?? "");
  return m ? Number(m[1]) * 1e3 : 0;
}
function pidOwnerAlive(pid, createdMs, bootMs) {
  const start = processStartMs(pid, bootMs);
  return start !== null && start <= createdMs + 2e3;
}
function processStartMs(pid, bootMs = bootTimeMs()) {
  const ticks = processStartTicks(pid);
  return ticks === null ? null : bootMs + Number(ticks) * MS_PER_TICK;
}
function pidNamespace(pid) {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch (e) {
    return errCode(e) === "ENOENT" || errCode(e) === "ESRCH" ? null : "unknown";
  }
}
function pidNamespaceDepth(pid) {
  const m = /^NSpid:\s*(.*)$/m.exec(readTextOrNull(`/proc/${pid}/status`) ?? "");
  return m ? m[1].trim().split(/\s+/).length : null;
}

// src/engine/cgroup/parse.ts
function parseKeyed(text) {
  const out = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const [key, value, extra] = line.trim().split(/\s+/);
    if (key && value !== void 0 && extra === void 0 && /^\d+$/.test(value)) out.set(key, Number(value));
  }
  return out;
}
function parsePids(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (/^\d+$/.test(t)) out.push(Number(t));
  }
  return out;
}
function parseNumber(text) {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}
function unescapeOctal(s) {
  return s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(Number.parseInt(o, 8)));
}
function parseCgroupMounts(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const sep = line.indexOf(" - ");
    if (sep < 0) continue;
    const pre = line.slice(0, sep).split(" ");
    const post = line.slice(sep + 3).split(" ");
    const fsType = post[0] ?? "";
    if (fsType !== "cgroup" && fsType !== "cgroup2") continue;
    out.push({
      root: unescapeOctal(pre[3] ?? "/"),
      mountPoint: unescapeOctal(pre[4] ?? ""),
      fsType,
      superOptions: (post[2] ?? "").split(",")
    });
  }
  return out;
}
function parseProcCgroup(text) {
  const res = { v2Path: null, v1: /* @__PURE__ */ new Map() };
  for (const line of text.split("\n")) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, id, ctrls, path] = m;
    if (id === "0" && ctrls === "") res.v2Path = path;
    else for (const c of ctrls.split(",")) if (c) res.v1.set(c, path);
  }
  return res;
}
function cgroupDir(mountPoint, mountRoot, path) {
  const root = mountRoot === "/" ? "" : mountRoot.replace(/\/+$/, "");
  if (root && path !== root && !path.startsWith(`${root}/`)) return null;
  const rel = path.slice(root.length).replace(/^\/+/, "");
  return rel ? `${mountPoint.replace(/\/+$/, "")}/${rel}` : mountPoint;
}
function splitLikeTicks(totalMs, userMs, systemMs) {
  const ticks = userMs + systemMs;
  const user = ticks === 0 ? totalMs : totalMs * userMs / ticks;
  return [user, totalMs - user];
}

// src/engine/cgroup/detect.ts
var V2_CONTROLLERS = ["memory", "pids", "cpu"];
var V1_CONTROLLERS = ["memory", "pids", "cpu", "cpuacct", "freezer"];
var fsProbe = {
  root: isRoot(),
  read: readTextOrNull,
  writable(path) {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
};
var words = (s) => (s ?? "").split(/\s+/).filter(Boolean);
function detectLayout(mountinfo, procCgroup, probe = fsProbe) {
  const mounts = parseCgroupMounts(mountinfo);
  const own = parseProcCgroup(procCgroup);
  let v2 = null;
  const m2 = mounts.find((m) => m.fsType === "cgroup2");
  if (m2 && own.v2Path !== null) {
    const ownDir = cgroupDir(m2.mountPoint, m2.root, own.v2Path);
    const controllers = words(probe.read(`${m2.mountPoint}/cgroup.controllers`));
    const ownWritable = ownDir !== null && probe.writable(`${ownDir}/cgroup.procs`) && probe.writable(`${ownDir}/cgroup.subtree_control`);
    const ownControllers = ownDir ? words(probe.read(`${ownDir}/cgroup.controllers`)) : [];
    const ownSubtree = ownDir ? words(probe.read(`${ownDir}/cgroup.subtree_control`)) : [];
    const wanted = V2_CONTROLLERS.filter((c) => controllers.includes(c));
    const ownUsable = ownWritable && (own.v2Path === "/" || wanted.every((c) => ownControllers.includes(c) && ownSubtree.includes(c)));
    const delegatedAncestors = [];
    for (let d = ownDir && node_path_default.dirname(ownDir); d?.startsWith(`${m2.mountPoint}/`); d = node_path_default.dirname(d)) {
      if (!probe.root && probe.writable(d) && probe.writable(`${d}/cgroup.subtree_control`))
        delegatedAncestors.push(d);
    }
    v2 = {
      mountPoint: m2.mountPoint,
      ownPath: own.v2Path,
      ownDir,
      controllers,
      ownWritable,
      ownUsable,
      delegatedAncestors
    };
  }
  const v1 = [];
  for (const m of mounts) {
    if (m.fsType !== "cgroup") continue;
    const ctrls = V1_CONTROLLERS.filter((c) => m.superOptions.includes(c));
    if (ctrls.length === 0) continue;
    const path = own.v1.get(ctrls[0]);
    if (path === void 0) continue;
    const ownDir = cgroupDir(m.mountPoint, m.root, path);
    if (ownDir === null || v1.some((h) => h.mountPoint === m.mountPoint)) continue;
    v1.push({
      controllers: [...ctrls],
      mountPoint: m.mountPoint,
      ownDir,
      ownWritable: probe.writable(ownDir)
    });
  }
  const kind = v1.length > 0 ? v2 ? "hybrid" : "v1" : v2 ? "v2" : "none";
  return { kind, v2, v1 };
}
function detectCgroups() {
  const mountinfo = fsProbe.read("/proc/self/mountinfo") ?? "";
  const procCgroup = fsProbe.read("/proc/self/cgroup") ?? "";
  return detectLayout(mountinfo, procCgroup);
}
function v2IsComplete(layout) {
  return !!layout.v2 && V2_CONTROLLERS.every((c) => layout.v2?.controllers.includes(c));
}

// src/engine/sleep.ts
var sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}
function sleepUnlessAborted(ms, signal) {
  return new Promise((resolve2) => {
    if (signal?.aborted) return resolve2();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve2();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

// src/engine/cgroup/io.ts
function readNum(path) {
  const t = readTextOrNull(path);
  return t === null ? null : parseNumber(t);
}
function writeCg(path, value) {
  writeFileSync(path, value);
}
function mkdirCg(path) {
  mkdirSync(path, { mode: 493 });
}
function procsOf(dir) {
  const t = readTextOrNull(`${dir}/cgroup.procs`);
  return t === null ? [] : parsePids(t);
}
function killLoop(dirs, rounds = 50) {
  for (let i = 0; i < rounds; i++) {
    const pids = new Set(dirs.flatMap(procsOf));
    if (pids.size === 0) return true;
    for (const pid of pids) sigkill(pid);
    sleepSync(i < 5 ? 1 : 5);
  }
  return dirs.every((d) => procsOf(d).length === 0);
}
function waitEmpty(dirs, ms) {
  const end = Date.now() + ms;
  for (; ; ) {
    if (dirs.every((d) => procsOf(d).length === 0)) return true;
    if (Date.now() >= end) return false;
    sleepSync(2);
  }
}
function rmdirRetry(dir, tries = 20) {
  let last = null;
  for (let i = 0; i < tries; i++) {
    try {
      rmdirSync(dir);
      return null;
    } catch (e) {
      if (errCode(e) === "ENOENT") return null;
      last = e;
      if (i + 1 < tries) sleepSync(Math.min(2 ** i, 20));
    }
  }
  return last;
}
function removeSandboxDirs(dirs, kill) {
  if (dirs.every((d) => rmdirRetry(d, 1) === null)) return null;
  if (dirs.some((d) => procsOf(d).length > 0)) {
    kill();
    waitEmpty(dirs, 2e3);
  }
  return dirs.map((d) => rmdirRetry(d)).find((e) => e !== null) ?? null;
}
function subdirs(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${dir}/${d.name}`);
  } catch {
    return [];
  }
}
function removeCgroupTree(dir) {
  let err = null;
  for (const sub of subdirs(dir)) err = removeCgroupTree(sub) ?? err;
  return rmdirRetry(dir) ?? err;
}
function treeDirs(dir) {
  return [...subdirs(dir).flatMap(treeDirs), dir];
}
var PidsSampler = class {
  constructor(file) {
    this.file = file;
  }
  file;
  peak = 0;
  timer = null;
  start() {
    if (this.timer) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), 20);
    this.timer.unref();
  }
  sample() {
    const n = readNum(this.file);
    if (n !== null && n > this.peak) this.peak = n;
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
};
function sandboxStats(sampler, read) {
  sampler?.sample();
  sampler?.stop();
  const r = read();
  const pidsEvents = parseKeyed((r.pidsEventsFile && readTextOrNull(r.pidsEventsFile)) ?? "");
  return {
    cpuAccounted: r.cpuAccounted,
    cpuUserMs: r.cpuUserMs,
    cpuSystemMs: r.cpuSystemMs,
    memoryPeakBytes: r.memoryPeakBytes,
    memoryPeakNote: r.memoryNote.missing ?? (r.memoryPeakBytes === null ? r.memoryNote.unreadable : r.memoryNote.source),
    pidsPeak: r.pidsPeak ?? (sampler ? sampler.peak : null),
    pidsPeakSource: r.pidsPeak !== null ? "pids.peak" : sampler ? "sampled" : null,
    oomKills: r.oomKills,
    pidsLimitHit: (pidsEvents.get("max") ?? 0) > 0 || r.sharedPidsCapHit === true
  };
}

// src/engine/cgroup/enforce.ts
var CPU_PERIOD_US = 1e5;
var MIN_QUOTA_US = 1e3;
function cpuQuotaUs(cpus) {
  return Math.max(MIN_QUOTA_US, Math.round(cpus * CPU_PERIOD_US));
}
function requested(limits) {
  const out = [];
  if (limits.memoryBytes !== void 0) out.push("memory");
  if (limits.pids !== void 0) out.push("pids");
  if (limits.cpus !== void 0) out.push("cpus");
  if (limits.cpuTimeMs !== void 0) out.push("cpu-time");
  return out;
}
var LimitGuard = class {
  constructor(bestEffort, defaulted = []) {
    this.bestEffort = bestEffort;
    this.defaulted = defaulted;
  }
  bestEffort;
  defaulted;
  notEnforced = [];
  /**
   * Throws SetupError unless best effort, then records `limit (reason)`. A default the caller never asked
   * for (e.g. rootless, no cgroup) is only recorded: the sandbox runs, and the report says so. `hint` names
   * the fix a front end words (the cause decides it: not root, or a cgroup that holds processes).
   */
  cannot(limit, reason, hint = "best-effort") {
    if (this.defaulted.includes(limit)) {
      this.notEnforced.push(`${limit} default (${reason})`);
      return;
    }
    if (!this.bestEffort) {
      throw new SetupError("cgroup", `cannot enforce ${limit} limit: ${reason}`, hint);
    }
    this.notEnforced.push(`${limit} (${reason})`);
  }
  /** Write one limit file; a failure goes through cannot(). */
  write(limit, path, value) {
    try {
      writeCg(path, value);
      return true;
    } catch (e) {
      this.cannot(limit, `${errCode(e)} writing ${path}`);
      return false;
    }
  }
};
function swapActive() {
  return (readTextOrNull("/proc/swaps") ?? "").trim().split("\n").length > 1;
}
function withLimits(sb, limits, bestEffort) {
  try {
    sb.apply(limits, new LimitGuard(bestEffort, limits.defaulted));
  } catch (e) {
    sb.remove();
    throw e;
  }
}

// src/engine/cgroup/none.ts
var NoneRun = class {
  /** `reason` is one clause (it is quoted inside "memory (...)"); `hint` the fix a front end words. */
  constructor(reason, hint = "best-effort") {
    this.reason = reason;
    this.hint = hint;
  }
  reason;
  hint;
  kind = "none";
  enclosing = NO_CAPS;
  createSandbox(_name, limits, bestEffort) {
    return new NoneSandbox(this.notEnforced(limits, bestEffort), this.reason);
  }
  checkEnforceable(limits, bestEffort) {
    this.notEnforced(limits, bestEffort);
  }
  /** Every limit asked for is refused (or, best effort or a default, listed). */
  notEnforced(limits, bestEffort) {
    const guard = new LimitGuard(bestEffort, limits.defaulted);
    for (const limit of requested(limits)) guard.cannot(limit, this.reason, this.hint);
    return guard.notEnforced;
  }
  dispose() {
  }
};
var NoneSandbox = class {
  constructor(notEnforced, reason) {
    this.notEnforced = notEnforced;
    this.reason = reason;
  }
  notEnforced;
  reason;
  kind = "none";
  helperSpec() {
    return [];
  }
  started() {
  }
  cpuUsageMs() {
    return null;
  }
  kill() {
  }
  stats() {
    return {
      cpuAccounted: false,
      cpuUserMs: 0,
      cpuSystemMs: 0,
      memoryPeakBytes: null,
      memoryPeakNote: this.reason,
      pidsPeak: null,
      pidsPeakSource: null,
      oomKills: 0,
      pidsLimitHit: false
    };
  }
  remove() {
  }
};

// src/engine/cgroup/types.ts
var RUN_DIR_RE = /^nsbox-(\d+)-([0-9a-z]+)$/;
var SANDBOX_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
function assertSandboxName(name) {
  if (!SANDBOX_NAME_RE.test(name)) throw new Error(`invalid sandbox cgroup name ${JSON.stringify(name)}`);
}

// src/engine/cgroup/v1.ts
var MS_PER_TICK2 = 10;
function openV1Run(hierarchies, runName) {
  const parts = [];
  const missing = /* @__PURE__ */ new Map();
  for (const c of V1_CONTROLLERS) missing.set(c, `no ${c} controller mounted`);
  for (const h of hierarchies.filter((h2) => h2.controllers.some((c) => sandboxUses(c)))) {
    const runDir = `${h.ownDir}/${runName}`;
    try {
      mkdirCg(runDir);
      parts.push({ controllers: h.controllers, runDir });
      for (const c of h.controllers) missing.delete(c);
    } catch (e) {
      for (const c of h.controllers) missing.set(c, `${errCode(e)} creating a cgroup in ${h.ownDir}`);
    }
  }
  if (parts.length === 0)
    return new NoneRun(`no usable cgroup v1 hierarchy: ${[...new Set(missing.values())].join(", ")}`);
  return new V1Run(parts, missing, v1Caps(hierarchies));
}
function v1Caps(hierarchies) {
  const chain = (c) => {
    const h = hierarchies.find((h2) => h2.controllers.includes(c));
    return h ? cgroupChain(h.ownDir, h.mountPoint) : [];
  };
  return {
    memoryBytes: smallestLimit(chain("memory"), "memory.limit_in_bytes"),
    swapBytes: null,
    // memsw is memory+swap: the memory limit is the one that tells
    pids: smallestLimit(chain("pids"), "pids.max")
  };
}
function sandboxUses(controller, limits) {
  if (controller === "freezer") return false;
  return controller !== "cpu" || !limits || limits.cpus !== void 0;
}
function needsHierarchy(controllers, limits) {
  return controllers.some((c) => sandboxUses(c, limits));
}
function unavailable(missing, controller) {
  return missing.get(controller) ?? `no ${controller} controller`;
}
function fileCheckCache() {
  const known = /* @__PURE__ */ new Map();
  return (dir, file) => {
    let has = known.get(file);
    if (has === void 0) {
      has = existsSync(`${dir}/${file}`);
      known.set(file, has);
    }
    return has;
  };
}
var V1Run = class {
  constructor(parts, missing, enclosing) {
    this.parts = parts;
    this.missing = missing;
    this.enclosing = enclosing;
  }
  parts;
  missing;
  enclosing;
  kind = "v1";
  sandboxes = /* @__PURE__ */ new Set();
  hasFile = fileCheckCache();
  createSandbox(name, limits, bestEffort) {
    assertSandboxName(name);
    const parts = this.parts.filter((p) => needsHierarchy(p.controllers, limits));
    const sb = new V1Sandbox(parts, name, this.missing, this.hasFile, () => this.sandboxes.delete(sb));
    withLimits(sb, limits, bestEffort);
    this.sandboxes.add(sb);
    return sb;
  }
  checkEnforceable(limits, bestEffort) {
    const guard = new LimitGuard(bestEffort, limits.defaulted);
    const has = (c) => this.parts.some((p) => p.controllers.includes(c));
    const why = (c) => unavailable(this.missing, c);
    if (limits.memoryBytes !== void 0 && !has("memory")) guard.cannot("memory", why("memory"));
    if (limits.pids !== void 0 && !has("pids")) guard.cannot("pids", why("pids"));
    if (limits.cpuTimeMs !== void 0 && !has("cpuacct")) guard.cannot("cpu-time", why("cpuacct"));
    if (limits.cpus !== void 0 && !has("cpu")) guard.cannot("cpus", why("cpu"));
  }
  dispose() {
    for (const sb of [...this.sandboxes]) sb.remove();
    let err = null;
    for (const p of this.parts) {
      if (rmdirRetry(p.runDir, 1) === null) continue;
      killLoop([p.runDir]);
      err = removeCgroupTree(p.runDir) ?? err;
    }
    if (err) throw new Error(`cannot remove cgroup run dirs: ${err.message}`);
  }
};
var V1Sandbox = class {
  constructor(parts, name, missing, hasFile, onRemove) {
    this.missing = missing;
    this.hasFile = hasFile;
    this.onRemove = onRemove;
    for (const p of parts) {
      const dir = `${p.runDir}/${name}`;
      try {
        mkdirCg(dir);
      } catch (e) {
        for (const d of this.dirs) rmdirRetry(d.dir);
        throw new SetupError("cgroup", `cannot create cgroup ${dir}: ${errCode(e)}`);
      }
      this.dirs.push({ controllers: p.controllers, dir });
    }
  }
  missing;
  hasFile;
  onRemove;
  kind = "v1";
  notEnforced = [];
  dirs = [];
  sampler = null;
  removed = false;
  dirOf(controller) {
    return this.dirs.find((d) => d.controllers.includes(controller))?.dir ?? null;
  }
  why(controller) {
    return unavailable(this.missing, controller);
  }
  apply(limits, guard) {
    this.notEnforced = guard.notEnforced;
    const mem = this.dirOf("memory");
    if (limits.memoryBytes !== void 0) {
      if (!mem) guard.cannot("memory", this.why("memory"));
      else if (guard.write("memory", `${mem}/memory.limit_in_bytes`, String(limits.memoryBytes))) {
        if (this.hasFile(mem, "memory.memsw.limit_in_bytes")) {
          guard.write("memory", `${mem}/memory.memsw.limit_in_bytes`, String(limits.memoryBytes));
        } else if (swapActive()) {
          guard.notEnforced.push("swap (no swap accounting: memory.memsw.* absent, swap is not limited)");
        }
      }
    }
    if (limits.pids !== void 0) {
      const d = this.dirOf("pids");
      if (d) guard.write("pids", `${d}/pids.max`, String(limits.pids));
      else guard.cannot("pids", this.why("pids"));
    }
    if (limits.cpuTimeMs !== void 0 && !this.dirOf("cpuacct"))
      guard.cannot("cpu-time", this.why("cpuacct"));
    if (limits.cpus !== void 0) {
      const d = this.dirOf("cpu");
      if (!d) guard.cannot("cpus", this.why("cpu"));
      else if (guard.write("cpus", `${d}/cpu.cfs_period_us`, String(CPU_PERIOD_US))) {
        guard.write("cpus", `${d}/cpu.cfs_quota_us`, String(cpuQuotaUs(limits.cpus)));
      }
    }
  }
  helperSpec() {
    return this.dirs.map((d) => ["cgroup_v1", d.dir]);
  }
  started() {
    const d = this.dirOf("pids");
    if (d && !this.hasFile(d, "pids.peak")) {
      this.sampler ??= new PidsSampler(`${d}/pids.current`);
      this.sampler.start();
    }
  }
  cpuUsageMs() {
    const d = this.dirOf("cpuacct");
    const ns = d ? readNum(`${d}/cpuacct.usage`) : null;
    return ns === null ? null : ns / 1e6;
  }
  kill() {
    killLoop(this.dirs.map((d) => d.dir));
  }
  stats() {
    return sandboxStats(this.sampler, () => this.read());
  }
  read() {
    const acct = this.dirOf("cpuacct");
    let user = 0;
    let sys = 0;
    const userNs = acct ? readNum(`${acct}/cpuacct.usage_user`) : null;
    const sysNs = acct ? readNum(`${acct}/cpuacct.usage_sys`) : null;
    if (userNs !== null && sysNs !== null) {
      user = userNs / 1e6;
      sys = sysNs / 1e6;
    } else if (acct) {
      const st = parseKeyed(readTextOrNull(`${acct}/cpuacct.stat`) ?? "");
      user = (st.get("user") ?? 0) * MS_PER_TICK2;
      sys = (st.get("system") ?? 0) * MS_PER_TICK2;
    }
    const totalNs = acct ? readNum(`${acct}/cpuacct.usage`) : null;
    if (totalNs !== null) [user, sys] = splitLikeTicks(totalNs / 1e6, user, sys);
    const mem = this.dirOf("memory");
    const pids = this.dirOf("pids");
    return {
      cpuAccounted: totalNs !== null,
      // as cpuUsageMs() would say
      cpuUserMs: user,
      cpuSystemMs: sys,
      memoryPeakBytes: mem ? readNum(`${mem}/memory.max_usage_in_bytes`) : null,
      memoryNote: {
        missing: mem ? null : this.why("memory"),
        unreadable: "memory.max_usage_in_bytes not readable",
        source: "cgroup v1 memory.max_usage_in_bytes (includes page cache)"
      },
      pidsPeak: pids ? readNum(`${pids}/pids.peak`) : null,
      // `oom_kill N` exists since 4.13; older kernels only have under_oom / failcnt.
      oomKills: mem ? parseKeyed(readTextOrNull(`${mem}/memory.oom_control`) ?? "").get("oom_kill") ?? 0 : 0,
      pidsEventsFile: pids ? `${pids}/pids.events` : null
    };
  }
  remove() {
    this.sampler?.stop();
    if (this.removed) return;
    const err = removeSandboxDirs(
      this.dirs.map((d) => d.dir),
      () => this.kill()
    );
    if (err) throw new Error(`cannot remove cgroup: ${err.message}`);
    this.removed = true;
    this.onRemove();
  }
};

// src/engine/cgroup/v2.ts
var noController = (c) => `no ${c} controller in the cgroup v2 tree`;
var words2 = (s) => (s ?? "").split(/\s+/).filter(Boolean);
function enableControllers(dir) {
  const avail = V2_CONTROLLERS.filter((c) => words2(readTextOrNull(`${dir}/cgroup.controllers`)).includes(c));
  const on = words2(readTextOrNull(`${dir}/cgroup.subtree_control`));
  const missing = avail.filter((c) => !on.includes(c));
  if (missing.length > 0) writeCg(`${dir}/cgroup.subtree_control`, missing.map((c) => `+${c}`).join(" "));
  return avail;
}
function openV2Run(tree, runName) {
  const bases = [];
  if (tree.ownUsable && tree.ownDir) bases.push(tree.ownDir);
  bases.push(...tree.delegatedAncestors);
  if (!bases.includes(tree.mountPoint)) bases.push(tree.mountPoint);
  const chain = tree.ownDir ? cgroupChain(tree.ownDir, tree.mountPoint) : [];
  const failures = [];
  for (const base of bases) {
    let step = `enabling controllers in ${base}`;
    try {
      const enabled = enableControllers(base);
      const dir = `${base}/${runName}`;
      step = `creating a cgroup in ${base}`;
      mkdirCg(dir);
      try {
        step = `limiting ${dir} to its enclosing cgroup's limits`;
        capRunParent(dir, enabled, v2Caps(chain.filter((d) => d.startsWith(`${base}/`))));
        step = `enabling controllers in ${dir}`;
        return new V2Run(dir, enableControllers(dir), v2Caps(chain), sharedCapEvents(dir));
      } catch (e) {
        rmdirRetry(dir);
        throw e;
      }
    } catch (e) {
      failures.push({ code: errCode(e), step });
    }
  }
  const busy = failures.every((f) => f.code === "EBUSY");
  const why = failures.map(
    (f) => `${f.code} ${f.step}${f.code === "EBUSY" ? ", which holds processes" : ""}`
  );
  return new NoneRun(`no usable cgroup v2 parent: ${why.join(", ")}`, busy ? "cgroup-busy" : "best-effort");
}
function sharedCapEvents(dir) {
  const file = `${dir}/pids.events.local`;
  return readTextOrNull(`${dir}/pids.max`)?.trim() !== "max" && existsSync(file) ? file : null;
}
function capRunParent(dir, enabled, caps) {
  if (enabled.includes("memory") && caps.memoryBytes !== null) {
    writeCg(`${dir}/memory.max`, String(caps.memoryBytes));
    if (caps.swapBytes !== null && existsSync(`${dir}/memory.swap.max`))
      writeCg(`${dir}/memory.swap.max`, String(caps.swapBytes));
  }
  if (enabled.includes("pids") && caps.pids !== null) writeCg(`${dir}/pids.max`, String(caps.pids));
}
var V2Run = class {
  constructor(dir, enabled, enclosing, capEvents) {
    this.dir = dir;
    this.enabled = enabled;
    this.enclosing = enclosing;
    this.capEvents = capEvents;
  }
  dir;
  enabled;
  enclosing;
  capEvents;
  kind = "v2";
  sandboxes = /* @__PURE__ */ new Set();
  createSandbox(name, limits, bestEffort) {
    assertSandboxName(name);
    const sb = new V2Sandbox(
      `${this.dir}/${name}`,
      this.enabled,
      this.capEvents,
      () => this.sandboxes.delete(sb)
    );
    withLimits(sb, limits, bestEffort);
    this.sandboxes.add(sb);
    return sb;
  }
  checkEnforceable(limits, bestEffort) {
    const guard = new LimitGuard(bestEffort, limits.defaulted);
    const has = (c) => this.enabled.includes(c);
    if (limits.memoryBytes !== void 0 && !has("memory")) guard.cannot("memory", noController("memory"));
    if (limits.pids !== void 0 && !has("pids")) guard.cannot("pids", noController("pids"));
    if (limits.cpus !== void 0 && !has("cpu")) guard.cannot("cpus", noController("cpu"));
  }
  dispose() {
    for (const sb of [...this.sandboxes]) sb.remove();
    if (rmdirRetry(this.dir, 1) === null) return;
    if (existsSync(`${this.dir}/cgroup.kill`)) {
      try {
        writeCg(`${this.dir}/cgroup.kill`, "1");
      } catch {
      }
    }
    const err = removeCgroupTree(this.dir);
    if (err) throw new Error(`cannot remove cgroup ${this.dir}: ${err.message}`);
  }
};
var V2Sandbox = class {
  constructor(dir, enabled, capEvents, onRemove) {
    this.dir = dir;
    this.enabled = enabled;
    this.capEvents = capEvents;
    this.onRemove = onRemove;
    try {
      mkdirCg(dir);
    } catch (e) {
      throw new SetupError("cgroup", `cannot create cgroup ${dir}: ${errCode(e)}`);
    }
  }
  dir;
  enabled;
  capEvents;
  onRemove;
  kind = "v2";
  notEnforced = [];
  sampler = null;
  removed = false;
  capHitsAtStart = 0;
  apply(limits, guard) {
    this.notEnforced = guard.notEnforced;
    const has = (c) => this.enabled.includes(c);
    if (has("memory")) {
      if (limits.memoryBytes !== void 0) {
        if (guard.write("memory", `${this.dir}/memory.max`, String(limits.memoryBytes))) {
          if (existsSync(`${this.dir}/memory.swap.max`))
            guard.write("memory", `${this.dir}/memory.swap.max`, "0");
          else if (swapActive()) guard.notEnforced.push("swap (no memory.swap.max: swap is not limited)");
        }
      }
      try {
        writeCg(`${this.dir}/memory.oom.group`, "1");
      } catch {
      }
    } else if (limits.memoryBytes !== void 0) {
      guard.cannot("memory", noController("memory"));
    }
    if (limits.pids !== void 0) {
      if (has("pids")) guard.write("pids", `${this.dir}/pids.max`, String(limits.pids));
      else guard.cannot("pids", noController("pids"));
    }
    if (limits.cpuTimeMs !== void 0 && this.cpuUsageMs() === null)
      guard.cannot("cpu-time", "no CPU usage in the cgroup's cpu.stat");
    if (limits.cpus !== void 0) {
      if (has("cpu"))
        guard.write("cpus", `${this.dir}/cpu.max`, `${cpuQuotaUs(limits.cpus)} ${CPU_PERIOD_US}`);
      else guard.cannot("cpus", noController("cpu"));
    }
  }
  helperSpec() {
    return [["cgroup_v2", this.dir]];
  }
  started() {
    if (this.capEvents) this.capHitsAtStart = capHits(this.capEvents);
    if (this.enabled.includes("pids") && !existsSync(`${this.dir}/pids.peak`)) {
      this.sampler ??= new PidsSampler(`${this.dir}/pids.current`);
      this.sampler.start();
    }
  }
  cpuUsageMs() {
    const t = readTextOrNull(`${this.dir}/cpu.stat`);
    const us = t === null ? void 0 : parseKeyed(t).get("usage_usec");
    return us === void 0 ? null : us / 1e3;
  }
  kill() {
    try {
      writeCg(`${this.dir}/cgroup.kill`, "1");
      return;
    } catch (e) {
      if (errCode(e) !== "ENOENT" || !existsSync(this.dir)) return;
    }
    killLoop([this.dir]);
  }
  stats() {
    return sandboxStats(this.sampler, () => {
      const cpu = parseKeyed(readTextOrNull(`${this.dir}/cpu.stat`) ?? "");
      const mem = this.enabled.includes("memory");
      return {
        cpuAccounted: cpu.has("usage_usec"),
        // as cpuUsageMs() would say
        cpuUserMs: (cpu.get("user_usec") ?? 0) / 1e3,
        cpuSystemMs: (cpu.get("system_usec") ?? 0) / 1e3,
        memoryPeakBytes: mem ? readNum(`${this.dir}/memory.peak`) : null,
        memoryNote: {
          missing: mem ? null : "no memory controller in the cgroup v2 tree",
          unreadable: "memory.peak not available on this kernel",
          source: "cgroup memory.peak (includes page cache)"
        },
        pidsPeak: this.enabled.includes("pids") ? readNum(`${this.dir}/pids.peak`) : null,
        oomKills: parseKeyed(readTextOrNull(`${this.dir}/memory.events`) ?? "").get("oom_kill") ?? 0,
        pidsEventsFile: `${this.dir}/pids.events`,
        sharedPidsCapHit: this.sharedCapHit()
      };
    });
  }
  /**
   * The run parent's shared pids cap refused a fork of this sandbox's: it was refused while this one ran,
   * and this one alone reached the cap (a sandbox beside it that hit the cap is not this one's doing).
   */
  sharedCapHit() {
    if (this.capEvents === null || capHits(this.capEvents) <= this.capHitsAtStart) return false;
    const cap = readNum(`${dirname(this.capEvents)}/pids.max`);
    const peak = readNum(`${this.dir}/pids.peak`);
    return cap !== null && peak !== null && peak >= cap;
  }
  remove() {
    this.sampler?.stop();
    if (this.removed) return;
    const err = removeSandboxDirs([this.dir], () => this.kill());
    if (err) throw new Error(`cannot remove cgroup ${this.dir}: ${err.message}`);
    this.removed = true;
    this.onRemove();
  }
};
function capHits(eventsFile) {
  return parseKeyed(readTextOrNull(eventsFile) ?? "").get("max") ?? 0;
}

// src/engine/cgroup/stale.ts
function placesFor(layout) {
  const places = /* @__PURE__ */ new Set();
  if (layout.v2) {
    places.add(layout.v2.mountPoint);
    if (layout.v2.ownDir) places.add(layout.v2.ownDir);
    for (const d of layout.v2.delegatedAncestors) places.add(d);
  }
  for (const h of layout.v1) places.add(h.ownDir);
  return [...places];
}
var MAX_DEPTH = 12;
function runDirsBeneath(roots, maxDepth) {
  const out = [];
  const walk = (dir, depth2) => {
    for (const path of subdirs(dir)) {
      const name = basename(path);
      if (RUN_DIR_RE.test(name)) out.push({ name, dir: path, parent: dir });
      else if (depth2 < maxDepth) walk(path, depth2 + 1);
    }
  };
  for (const r of roots) walk(r, 0);
  return out;
}
function everywhere(layout) {
  const roots = /* @__PURE__ */ new Set();
  if (layout.v2) roots.add(layout.v2.mountPoint);
  for (const h of layout.v1) roots.add(h.mountPoint);
  return runDirsBeneath(roots, MAX_DEPTH);
}
function procsAround(dir, depth2 = 0) {
  const out = procsOf(dir);
  if (depth2 < MAX_DEPTH) {
    for (const sub of subdirs(dir))
      if (!RUN_DIR_RE.test(basename(sub))) out.push(...procsAround(sub, depth2 + 1));
  }
  return out;
}
var PidNamespaceJudge = class {
  constructor(ownPlaces) {
    this.ownPlaces = ownPlaces;
  }
  ownPlaces;
  ours = pidNamespace("self");
  ourDepth = pidNamespaceDepth("self");
  foreignAround = /* @__PURE__ */ new Map();
  foreign(run3) {
    return this.sandboxesDeeper(run3) || run3.some((d) => !this.ownPlaces.has(d.parent) && this.around(d.parent));
  }
  sandboxesDeeper(run3) {
    const pids = run3.flatMap((d) => treeDirs(d.dir).flatMap(procsOf));
    return pids.length > 0 && !pids.some((p) => {
      const depth2 = p === 0 ? null : pidNamespaceDepth(p);
      return depth2 !== null && this.ourDepth !== null && depth2 - this.ourDepth <= 1;
    });
  }
  around(parent) {
    let foreign = this.foreignAround.get(parent);
    if (foreign === void 0) {
      foreign = procsAround(parent).some((p) => {
        const ns = p === 0 ? "unknown" : pidNamespace(p);
        return ns !== null && ns !== this.ours;
      });
      this.foreignAround.set(parent, foreign);
    }
    return foreign;
  }
};
function thawAll(dirs) {
  for (const d of dirs) {
    try {
      writeCg(`${d}/freezer.state`, "THAWED");
    } catch {
    }
  }
}
function cleanupStaleCgroups(layout = detectCgroups(), opts = {}) {
  const places = placesFor(layout);
  const byName = /* @__PURE__ */ new Map();
  for (const d of opts.deep ? everywhere(layout) : runDirsBeneath(places, 0))
    byName.set(d.name, [...byName.get(d.name) ?? [], d]);
  let judge = null;
  const bootMs = bootTimeMs();
  let removed = 0;
  for (const [name, run3] of byName) {
    const pid = Number(RUN_DIR_RE.exec(name)?.[1]);
    if (pid === process.pid) continue;
    const dirs = run3.map((d) => d.dir);
    let createdMs = Number.POSITIVE_INFINITY;
    for (const d of dirs) {
      try {
        createdMs = Math.min(createdMs, statSync(d).mtimeMs);
      } catch {
      }
    }
    if (createdMs === Number.POSITIVE_INFINITY || pidOwnerAlive(pid, createdMs, bootMs)) continue;
    judge ??= new PidNamespaceJudge(new Set(places));
    if (judge.foreign(run3)) continue;
    const all = dirs.flatMap(treeDirs);
    for (const d of dirs) {
      try {
        writeCg(`${d}/cgroup.kill`, "1");
      } catch {
      }
    }
    thawAll(all);
    killLoop(all);
    if (dirs.map(removeCgroupTree).every((e) => e === null)) removed++;
  }
  return removed;
}

// src/engine/cgroup/index.ts
function openCgroupRun(opts = {}) {
  const layout = opts.layout ?? detectCgroups();
  const runName = `nsbox-${process.pid}-${randomBytes(4).toString("hex")}`;
  const v2 = layout.v2;
  if (v2 && opts.root) {
    const tree = { ...v2, ownDir: opts.root, ownUsable: true, mountPoint: opts.root, delegatedAncestors: [] };
    return openV2Run(tree, runName);
  }
  if (v2 && v2IsComplete(layout)) return openV2Run(v2, runName);
  if (layout.v1.length > 0) return openV1Run(layout.v1, runName);
  if (v2 && V2_CONTROLLERS.some((c) => v2.controllers.includes(c))) return openV2Run(v2, runName);
  return new NoneRun("no cgroup controllers on this host");
}

// src/engine/defaults.ts
var DEFAULT_PIDS = 1024;
var DEFAULT_TMPFS_BYTES = 512 * 1024 ** 2;
var TMPFS_BYTES_PER_INODE = 8192;
var MIN_TMPFS_INODES = 1024;
var MAX_TMPFS_BYTES = 2 ** 32 * TMPFS_BYTES_PER_INODE;
var MIB = 1024 ** 2;
function tmpfsInodes(bytes) {
  return Math.max(MIN_TMPFS_INODES, Math.floor(bytes / TMPFS_BYTES_PER_INODE));
}
function memoryAvailable(layout = detectCgroups(), total = totalmem()) {
  let avail = total;
  const bind3 = (v) => {
    if (v !== null) avail = Math.min(avail, v);
  };
  if (layout.v2?.ownDir)
    bind3(smallestLimit(cgroupChain(layout.v2.ownDir, layout.v2.mountPoint), "memory.max"));
  const v1 = layout.v1.find((h) => h.controllers.includes("memory"));
  if (v1) bind3(smallestLimit(cgroupChain(v1.ownDir, v1.mountPoint), "memory.limit_in_bytes"));
  return avail;
}
function defaultMemoryBytes(parallel, available) {
  const share = Math.floor(available / (Math.max(1, parallel) + 1) / MIB) * MIB;
  return Math.max(64 * MIB, share);
}
function sessionDefaults(parallel = 1, layout = detectCgroups()) {
  return { memoryBytes: defaultMemoryBytes(parallel, memoryAvailable(layout)), pids: DEFAULT_PIDS };
}
function resolveLimits(asked, d) {
  const { memoryBytes, pids, ...rest } = asked;
  const out = { ...rest, defaulted: [] };
  if (memoryBytes === void 0) {
    out.memoryBytes = d.memoryBytes;
    out.defaulted?.push("memory");
  } else if (memoryBytes !== "none") out.memoryBytes = memoryBytes;
  if (pids === void 0) {
    out.pids = d.pids;
    out.defaulted?.push("pids");
  } else if (pids !== "none") out.pids = pids;
  return out;
}
function appliedLimits(r) {
  const tmpfsBytes = r.tmpfsBytes ?? DEFAULT_TMPFS_BYTES;
  return {
    memoryBytes: r.memoryBytes ?? null,
    pids: r.pids ?? null,
    tmpfsBytes,
    tmpfsInodes: tmpfsInodes(tmpfsBytes),
    defaulted: [...r.defaulted ?? []]
  };
}

// src/engine/net/cidr.ts
var OCTET = /^(0|[1-9][0-9]{0,2})$/;
function parseIp4(text) {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!OCTET.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n >>> 0;
}
function formatIp4(n) {
  return [n >>> 24, n >>> 16 & 255, n >>> 8 & 255, n & 255].join(".");
}
function maskOf(prefix) {
  return prefix === 0 ? 0 : 4294967295 << 32 - prefix >>> 0;
}
function parseCidr4(text, allowHostBits = false) {
  const slash = text.indexOf("/");
  const ip = parseIp4(slash < 0 ? text : text.slice(0, slash));
  if (ip === null) return null;
  let prefix = 32;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]?)$/.test(p) || Number(p) > 32) return null;
    prefix = Number(p);
  }
  const base = (ip & maskOf(prefix)) >>> 0;
  if (base !== ip && !allowHostBits) return null;
  return { base, prefix };
}
function formatCidr4(c) {
  return `${formatIp4(c.base)}/${c.prefix}`;
}
function cidrSize(c) {
  return 2 ** (32 - c.prefix);
}
function cidrOverlaps(a, b) {
  const p = Math.min(a.prefix, b.prefix);
  const m = maskOf(p);
  return (a.base & m) >>> 0 === (b.base & m) >>> 0;
}
var BLOCKED_RANGES = [
  "0.0.0.0/8",
  // "this network"
  "10.0.0.0/8",
  "100.64.0.0/10",
  // CGNAT (also holds the default pool)
  "127.0.0.0/8",
  "168.63.129.16/32",
  // Azure's platform endpoint (WireServer), where GitHub's runners live; DNS there is allowed by --dns
  "169.254.0.0/16",
  // link-local, cloud metadata 169.254.169.254
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/4",
  // multicast
  "240.0.0.0/4"
  // reserved + limited broadcast 255.255.255.255
];
var UNUSABLE_RANGES = [
  ["0.0.0.0/8", '"this network"'],
  ["127.0.0.0/8", "loopback"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"]
];
function unusableRange(c) {
  for (const [range, what] of UNUSABLE_RANGES) {
    const r = parseCidr4(range);
    if (r && cidrOverlaps(r, c)) return `${range} (${what})`;
  }
  return null;
}

// src/engine/net/allow.ts
var EXAMPLE = "use 10.1.2.0/24 or 10.1.2.3:443";
function parseAllow(spec) {
  const bad = (why = "is not a CIDR") => new UsageError(`allow: '${spec}' ${why}; ${EXAMPLE}`);
  const text = spec.trim();
  if (text.includes("[") || text.split(":").length > 2) throw bad("is IPv6, which sandboxes do not have");
  const colon = text.indexOf(":");
  const addr = colon < 0 ? text : text.slice(0, colon);
  let port;
  if (colon >= 0) {
    const p = text.slice(colon + 1);
    if (!/^[1-9][0-9]{0,4}$/.test(p) || Number(p) > 65535) throw bad("has no valid port (1-65535)");
    port = Number(p);
  }
  const cidr = parseCidr4(addr);
  if (!cidr) {
    if (parseCidr4(addr, true)) throw bad("has host bits set after the prefix");
    throw bad();
  }
  return port === void 0 ? { cidr: formatCidr4(cidr) } : { cidr: formatCidr4(cidr), port };
}
function parseDnsServer(spec) {
  const ip = parseIp4(spec.trim());
  if (ip === null) throw new UsageError(`dns: '${spec}' is not an IPv4 address; use e.g. 192.0.2.53`);
  if (ip >>> 24 === 127) {
    throw new UsageError(
      `dns: '${spec}' is a loopback address, which is the sandbox's own; use a reachable server`
    );
  }
  const unusable = unusableRange({ base: ip, prefix: 32 });
  if (unusable)
    throw new UsageError(`dns: '${spec}' is in ${unusable}, not a server's address; use e.g. 192.0.2.53`);
  return spec.trim();
}
var MAX_NAMESERVERS = 3;
function parseDnsServers(specs) {
  if (specs.length > MAX_NAMESERVERS) {
    throw new UsageError(
      `dns: ${specs.length} servers (${specs.join(", ")}) are more than the ${MAX_NAMESERVERS} a resolver uses; give at most ${MAX_NAMESERVERS}`
    );
  }
  return specs.map(parseDnsServer);
}

// src/engine/clock.ts
function monotonicMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

// builtin:node:module
var builtin5 = require("node:module");
var exportOf5 = (name) => builtin5[name];
var createRequire = /* @__PURE__ */ exportOf5("createRequire");

// src/engine/libc.ts
var koffi = null;
var handle = null;
async function loadLibc() {
  if (handle) return;
  const mod = await Promise.resolve().then(() => __toESM(require_koffi4(), 1));
  bindLibc(mod.default ?? mod);
}
function bindLibc(k) {
  if (handle) return;
  koffi = k;
  koffi.alias("ssize_t", "long");
  const names = ["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc.so"];
  let first;
  for (const name of names) {
    try {
      handle = koffi.load(name);
      return;
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}
function libcHandle() {
  if (!handle) bindLibc(createRequire(__nsboxImportMetaUrl)("koffi"));
  return handle;
}
function koffiModule() {
  libcHandle();
  return koffi;
}
function libcCalls(prototypes) {
  let bound = null;
  return () => {
    if (bound) return bound;
    const lib = libcHandle();
    const calls4 = {};
    for (const [name, proto] of Object.entries(prototypes)) calls4[name] = lib.func(proto);
    bound = calls4;
    return bound;
  };
}
function lastErrno() {
  return koffi?.errno() ?? 0;
}

// src/engine/net/libc.ts
var calls = libcCalls({
  socket: "int socket(int, int, int)",
  setsockopt: "int setsockopt(int, int, int, const void *, uint32_t)",
  sendto: "ssize_t sendto(int, const void *, size_t, int, const void *, uint32_t)",
  recv: "ssize_t recv(int, void *, size_t, int)",
  close: "int close(int)",
  flock: "int flock(int, int)"
});
var withErrno = null;
function libc() {
  withErrno ??= { ...calls(), errno: lastErrno };
  return withErrno;
}
var NAMES = {
  1: "EPERM",
  2: "ENOENT",
  3: "ESRCH",
  4: "EINTR",
  11: "EAGAIN",
  12: "ENOMEM",
  13: "EACCES",
  16: "EBUSY",
  17: "EEXIST",
  19: "ENODEV",
  22: "EINVAL",
  34: "ERANGE",
  93: "EPROTONOSUPPORT",
  95: "EOPNOTSUPP",
  97: "EAFNOSUPPORT",
  99: "EADDRNOTAVAIL",
  101: "ENETUNREACH",
  105: "ENOBUFS"
};
var errnoName = (n) => NAMES[n] ?? `errno ${n}`;
var ErrnoError = class extends Error {
  constructor(errno, what, detail) {
    super(`${what}: ${errnoName(errno)}${detail ? ` (${detail})` : ""}`);
    this.errno = errno;
    this.name = "ErrnoError";
  }
  errno;
  get code() {
    return errnoName(this.errno);
  }
};

// src/engine/net/state.ts
var DEFAULT_STATE_DIR = "/run/nsbox";
var LOCK_EX = 2;
var LOCK_UN = 8;
var EINTR = 4;
function newRunId() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(6)].map((b) => alphabet[b % 36]).join("");
}
function selfOwner() {
  return { pid: process.pid, start: processStartTicks(process.pid) ?? "" };
}
function recordOwnerAlive(o) {
  if (!o || typeof o.pid !== "number") return false;
  const start = processStartTicks(o.pid);
  return start !== null && (o.start === void 0 || o.start === start);
}
var StateDir = class {
  constructor(base = DEFAULT_STATE_DIR) {
    this.base = base;
    this.leases = join(base, "leases");
    this.runs = join(base, "runs");
  }
  base;
  leases;
  runs;
  // ensure() once per instance: nsbox never removes these dirs, and every lock would otherwise pay three
  // failing mkdirs and three stats.
  ensured = false;
  /** One level at a time, so the error names the real obstacle (a recursive mkdir says ENOENT for EROFS). */
  ensure() {
    for (const dir of [this.base, this.leases, this.runs]) {
      try {
        mkdirSync(dir, { mode: 448 });
      } catch (e) {
        if (e.code !== "EEXIST") throw e;
        if (!statSync(dir).isDirectory()) {
          throw Object.assign(new Error(`${dir} is not a directory`), { code: "ENOTDIR", path: dir });
        }
      }
    }
  }
  /** Whether any nsbox process ever kept state here (cleanups need not create it to find nothing). */
  exists() {
    return existsSync(this.base);
  }
  /** Run fn holding the state lock (blocking: critical sections are sub-millisecond). */
  locked(fn) {
    let fd;
    try {
      if (!this.ensured) {
        this.ensure();
        this.ensured = true;
      }
      fd = openSync(join(this.base, "lock"), "a", 384);
    } catch (e) {
      throw new SetupError("network", this.unusable(e));
    }
    try {
      const c = libc();
      while (c.flock(fd, LOCK_EX) < 0) {
        const e = c.errno();
        if (e !== EINTR) throw new ErrnoError(e, "lock network state");
      }
      try {
        return fn();
      } finally {
        c.flock(fd, LOCK_UN);
      }
    } finally {
      closeSync(fd);
    }
  }
  writeRun(r) {
    writeFileAtomic(join(this.runs, `${r.runId}.json`), JSON.stringify(r));
  }
  removeRun(runId) {
    unlinkQuiet(join(this.runs, `${runId}.json`));
  }
  listRuns() {
    return listJson(this.runs).filter((r) => typeof r.runId === "string");
  }
  /** One sentence: why the state dir cannot be used, and what to do. */
  unusable(e) {
    const where = `network nat keeps its state in ${this.base}`;
    switch (e.code) {
      case "EEXIST":
      case "ENOTDIR":
        return `${where}, but a file is in the way of that directory (${e.path ?? this.base}); remove it`;
      case "EROFS":
        return `${where}, but it is on a read-only filesystem; nat needs a writable ${this.base}`;
      case "EACCES":
      case "EPERM":
        return `${where}, but it cannot be written (${e.code}); run as root or fix its permissions`;
      default:
        return `${where}, but it cannot be used (${e.code ?? e.message})`;
    }
  }
  /** ip_forward value found before nsbox first switched it on (absent: nsbox did not touch it). */
  get forwardNote() {
    return join(this.base, "ip_forward.orig");
  }
};
function listJson(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(".json")).map((n) => readJsonOrNull(join(dir, n))).filter((x) => x !== null);
}

// src/engine/net/pool.ts
var DEFAULT_POOL = "100.96.0.0/16";
var MAX_SLOTS = 99999;
function parsePool(text) {
  const cidr = parseCidr4(text.trim());
  if (!cidr || cidr.prefix < 8 || cidr.prefix > 30) {
    throw new UsageError(
      `pool: '${text}' is not an IPv4 network between /8 and /30; use e.g. ${DEFAULT_POOL}`
    );
  }
  const unusable = unusableRange(cidr);
  if (unusable) {
    throw new UsageError(
      `pool: '${text}' overlaps ${unusable}, where no sandbox can be routed; use e.g. ${DEFAULT_POOL}`
    );
  }
  return { cidr, text: formatCidr4(cidr), slots: Math.min(cidrSize(cidr) / 4, MAX_SLOTS) };
}
function checkPoolClash(pool, routes) {
  for (const r of routes) {
    if (r.prefix === 0 || r.dev === null || r.dev.startsWith("nsb")) continue;
    const c = parseCidr4(`${r.dst}/${r.prefix}`, true);
    if (c && cidrOverlaps(c, pool.cidr)) {
      throw new UsageError(
        `network pool ${pool.text} overlaps the host route ${formatCidr4(c)}${r.dev ? ` on ${r.dev}` : ""}`,
        "pool"
      );
    }
  }
}
var linkName = (runId, index) => `nsb${runId}${index}`;
var leaseFile = (state, pool, index) => join(state.leases, formatIp4(pool.cidr.base + index * 4));
var LEASE_NAME = /^(\d{1,3}\.){3}\d{1,3}$|^\d+$/;
function leaseOf(pool, runId, index) {
  const net3 = pool.cidr.base + index * 4;
  return { index, link: linkName(runId, index), address: net3 + 2, gateway: net3 + 1, prefix: 30 };
}
var LeaseBook = class {
  // released while the link still existed
  constructor(state, pool, runId, nl) {
    this.state = state;
    this.pool = pool;
    this.runId = runId;
    this.nl = nl;
  }
  state;
  pool;
  runId;
  nl;
  cursor = 0;
  held = /* @__PURE__ */ new Map();
  pending = /* @__PURE__ */ new Map();
  leasePath(l) {
    return leaseFile(this.state, this.pool, l.index);
  }
  acquire() {
    return this.state.locked(() => {
      for (let k = 0; k < this.pool.slots; k++) {
        const i = (this.cursor + k) % this.pool.slots;
        if (!this.tryTake(i)) continue;
        this.pending.delete(i);
        this.cursor = i + 1;
        const lease = leaseOf(this.pool, this.runId, i);
        this.held.set(i, lease);
        return lease;
      }
      throw new SetupError(
        "network",
        `network pool ${this.pool.text} is exhausted: its ${this.pool.slots} ${this.pool.slots === 1 ? "address is" : "addresses are"} in use by running sandboxes`,
        "pool-full"
      );
    });
  }
  tryTake(i) {
    const path = leaseFile(this.state, this.pool, i);
    const body = {
      ...selfOwner(),
      run: this.runId,
      link: linkName(this.runId, i),
      pool: this.pool.text
    };
    for (let attempt2 = 0; attempt2 < 2; attempt2++) {
      try {
        const fd = openSync(path, "wx", 384);
        try {
          writeSync(fd, JSON.stringify(body));
        } finally {
          closeSync(fd);
        }
        return true;
      } catch (e) {
        if (e.code !== "EEXIST") throw e;
      }
      if (attempt2 === 0 && !reclaimLease(path, this.nl())) return false;
    }
    return false;
  }
  /** The sandbox is over: its netns (and so the veth pair) dies with it, no costly delete here. */
  release(lease) {
    if (!this.held.delete(lease.index)) return;
    this.state.locked(() => {
      const path = this.leasePath(lease);
      if (this.nl().linkIndex(lease.link) === null) unlinkQuiet(path);
      else {
        const f = readJsonOrNull(path);
        if (f) writeFileAtomic(path, JSON.stringify({ ...f, released: true }));
        this.pending.set(lease.index, lease);
      }
    });
  }
  /** Dispose: links of sandboxes still alive are deleted, every lease of this book is freed. */
  releaseAll() {
    const left = [...this.held.values()];
    const pending = [...this.pending.values()];
    this.held.clear();
    this.pending.clear();
    if (!left.length && !pending.length) return;
    this.state.locked(() => {
      for (const l of left) {
        this.nl().deleteLink(l.link);
        unlinkQuiet(this.leasePath(l));
      }
      const mine = pending.filter(
        (l) => readJsonOrNull(this.leasePath(l))?.run === this.runId
      );
      const deadline = monotonicMs() + 100;
      let alive = mine.filter((l) => this.nl().linkIndex(l.link) !== null);
      while (alive.length && monotonicMs() < deadline) {
        sleepSync(2);
        alive = alive.filter((l) => this.nl().linkIndex(l.link) !== null);
      }
      for (const l of alive) this.nl().deleteLink(l.link);
      for (const l of mine) unlinkQuiet(this.leasePath(l));
    });
  }
};
function reclaimLease(path, nl) {
  const f = readJsonOrNull(path);
  if (f && typeof f.link === "string") {
    const alive = recordOwnerAlive(f);
    if (alive && !f.released) return false;
    if (nl.linkIndex(f.link) !== null) {
      if (alive) return false;
      nl.deleteLink(f.link);
    }
  }
  unlinkQuiet(path);
  return true;
}
function reclaimAllLeases(state, nl) {
  let n = 0;
  let names = [];
  try {
    names = readdirSync(state.leases);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (LEASE_NAME.test(name) && reclaimLease(join(state.leases, name), nl)) n++;
    else if (name.endsWith(".tmp")) unlinkQuiet(join(state.leases, name));
  }
  return n;
}

// src/engine/apk/parse.ts
var NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;
function isPackageName(name) {
  return name.length <= 128 && NAME.test(name);
}
function splitPackages(values) {
  return [...new Set(values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean))].sort();
}
function addedPackages(before, after) {
  const had = new Set(before.map((p) => `${p.name}=${p.version}`));
  return after.filter((p) => !had.has(`${p.name}=${p.version}`)).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
function parseInstallPlan(output) {
  const out = [];
  for (const m of output.matchAll(
    /^\(\d+\/\d+\) (?:Installing|Upgrading|Replacing) (\S+) \((?:\S+ -> )?([^)\s]+)\)/gm
  )) {
    if (isPackageName(m[1])) out.push({ name: m[1], version: m[2] });
  }
  return out;
}
function explainApkFailure(output) {
  if (/UNTRUSTED signature|BAD signature|signature.*(untrusted|bad)/i.test(output)) {
    return {
      message: "a repository index is unsigned or signed by an untrusted key; give its public key or allow untrusted repositories",
      untrusted: true
    };
  }
  const missing = [...output.matchAll(/^\s+(\S+) \(no such package\):/gm)].map((m) => m[1]);
  if (missing.length > 0) {
    const list = missing.map((n) => `'${n}'`).join(", ");
    return {
      message: `package ${list} ${missing.length === 1 ? "is" : "are"} not in the repositories; check the name or add a repository`,
      untrusted: false
    };
  }
  return null;
}
function apkErrorSummary(output, max = 300) {
  const errors = output.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("ERROR"));
  const first = errors[0];
  if (first === void 0) return "";
  if (errors.length === 1) return first.slice(0, max);
  const more = errors.length - 1;
  return `${first.slice(0, max)} (${more} more error${more === 1 ? "" : "s"}, the last: ${errors.at(-1).slice(0, max)})`;
}

// src/engine/net/policy.ts
var DEFAULT_MAX_CONNECTIONS = 4096;
var NEW_CONNECTIONS_PER_SECOND = 100;
var NEW_CONNECTIONS_BURST = 500;
var MAX_CONNECTIONS_LIMIT = 1e6;
function buildPolicy(runId, pool, allow, dnsServers, hostAddrs4, maxConnections = DEFAULT_MAX_CONNECTIONS) {
  const dns = dnsServers.map((s) => ({ cidr: `${s}/32`, port: 53 }));
  const hostDests = hostAddrs4.map((a) => `${a}/32`);
  const blocked = [...BLOCKED_RANGES, pool, ...hostDests];
  return {
    runId,
    ifPrefix: `nsb${runId}`,
    pool,
    forwardAllow: [...allow, ...dns],
    hostAllow: hostAccess([...allow, ...dns], hostDests).open,
    blocked: normaliseSet(blocked),
    maxConnections
  };
}
function hostAccess(rules, hostDests) {
  const dests = new Set(hostDests);
  const open = rules.filter((r) => r.cidr.endsWith("/32") && dests.has(r.cidr));
  const named = new Set(open.map((r) => r.cidr));
  return { open, closed: normaliseSet(hostDests.filter((d) => !named.has(d))) };
}
function normaliseSet(cidrs) {
  const parsed = cidrs.map((c) => parseCidr4(c, true)).filter((c) => c !== null).map((c) => ({ base: c.base, prefix: c.prefix, end: c.base + 2 ** (32 - c.prefix) - 1 })).sort((a, b) => a.base - b.base || a.prefix - b.prefix);
  const out = [];
  for (const c of parsed) {
    const last = out[out.length - 1];
    if (last && c.base >= last.base && c.end <= last.end) continue;
    out.push(c);
  }
  return out.map((c) => formatCidr4(c));
}

// src/engine/units.ts
var KIB = 1024;
var SIZE_UNITS = { "": 1, k: KIB, m: KIB ** 2, g: KIB ** 3, t: KIB ** 4 };
var SIZE_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgt])(?:ib?|b)?|b)?$/i;
function parseSize(name, value) {
  const m = SIZE_RE.exec(value.trim());
  const bytes = m ? Number(m[1]) * (SIZE_UNITS[(m[2] ?? "").toLowerCase()] ?? Number.NaN) : Number.NaN;
  if (bytes >= 1 && !Number.isSafeInteger(Math.floor(bytes)))
    throw new UsageError(`${name}: '${value}' is too large a size; use 512M or 2G`);
  if (!(bytes >= 1) || !m?.[2] && !Number.isInteger(bytes)) {
    throw new UsageError(`${name}: '${value}' is not a size; use 512M or 2G`);
  }
  return Math.floor(bytes);
}
function parseCount(name, value) {
  const v = value.trim();
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (n >= 1 && !Number.isSafeInteger(n))
    throw new UsageError(`${name}: '${value}' is too large a number; use a whole number like 64`);
  if (!(n >= 1)) throw new UsageError(`${name}: '${value}' is not a count; use a whole number like 64`);
  return n;
}
var MIN_CPUS = 0.01;
var MAX_CPUS = 4096;
function parseCpus(name, value) {
  const v = value.trim();
  const n = /^(\d+(\.\d+)?|\.\d+)$/.test(v) ? Number(v) : Number.NaN;
  if (!(n > 0)) throw new UsageError(`${name}: '${value}' is not a CPU count; use 0.5 or 2`);
  if (!(n >= MIN_CPUS && n <= MAX_CPUS)) {
    throw new UsageError(
      `${name}: '${value}' is out of range; use a CPU count from ${MIN_CPUS} to ${MAX_CPUS}`
    );
  }
  return n;
}
var DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/gy;
function parseDuration(name, value) {
  const v = value.trim();
  let ms = Number.NaN;
  if (/^(\d+(\.\d+)?|\.\d+)$/.test(v)) {
    ms = Number(v) * 1e3;
  } else if (v !== "") {
    DURATION_PART.lastIndex = 0;
    let total = 0;
    let end = 0;
    for (let m = DURATION_PART.exec(v); m; m = DURATION_PART.exec(v)) {
      total += Number(m[1]) * DURATION_UNITS[m[2]];
      end = DURATION_PART.lastIndex;
    }
    if (end === v.length) ms = total;
  }
  const rounded = Math.round(ms);
  if (rounded >= 1 && !Number.isSafeInteger(rounded))
    throw new UsageError(`${name}: '${value}' is too long a duration; use 30s, 2m or 1500ms`);
  if (!(rounded >= 1)) {
    throw new UsageError(`${name}: '${value}' is not a duration; use 30s, 2m or 1500ms`);
  }
  return rounded;
}
function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= KIB && i < units.length - 1) {
    v /= KIB;
    i++;
  }
  const sign = bytes < 0 ? "-" : "";
  if (i === 0) return `${sign}${v} B`;
  return `${sign}${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

// src/engine/options.ts
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function isEnvName(name) {
  return ENV_NAME.test(name);
}
function parseEnvPairs(pairs) {
  const env = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq > 0 ? pair.slice(0, eq) : "";
    if (!isEnvName(key)) throw new UsageError(`env: '${pair}' is not K=V`, "env-pair");
    env[key] = pair.slice(eq + 1);
  }
  return env;
}
var HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
function parseHostname(name) {
  if (name.length > 63 && HOSTNAME.test(name.slice(0, 63)) && /^[A-Za-z0-9-]*[A-Za-z0-9]$/.test(name))
    throw new UsageError(
      `hostname: '${name}' has ${name.length} characters, more than the 63 a hostname may have`,
      "hostname"
    );
  if (!HOSTNAME.test(name)) throw new UsageError(`hostname: '${name}' is not a valid hostname`, "hostname");
  return name;
}
function checkMaxConnections(n) {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CONNECTIONS_LIMIT) {
    throw new UsageError(
      `max-connections: ${n} is out of range; use a whole number from 1 to ${MAX_CONNECTIONS_LIMIT}`
    );
  }
  return n;
}
function parseMaxConnections(value) {
  return checkMaxConnections(parseCount("max-connections", value));
}
function parseNetworkMode(option, value) {
  if (value !== "none" && value !== "nat")
    throw new UsageError(`${option}: '${value}' is not a network mode; use none or nat`);
  return value;
}
function parseScratchKind(value) {
  if (value !== "memory" && value !== "disk")
    throw new UsageError(`scratch: '${value}' is not a scratch kind; use memory or disk`);
  return value;
}
function parsePackages(values) {
  const packages = splitPackages(values);
  for (const p of packages)
    if (!isPackageName(p))
      throw new UsageError(`packages: '${p}' is not an apk package name; use names like nodejs`);
  return packages;
}

// src/engine/outputs/dest.ts
var namedOnly = false;
var at = (dir, name) => `/proc/self/fd/${dir.fd}/${name}`;
var DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
function openDirAt(parent, name, owner) {
  const where = node_path_default.join(parent.path, name);
  let created = false;
  for (; ; ) {
    try {
      const fd = openSync(at(parent, name), DIR_FLAGS);
      if (created && owner) fchownSync(fd, owner.uid, owner.gid);
      return { fd, path: where };
    } catch (e) {
      const code = errCode(e);
      if (code === "ELOOP" || code === "ENOTDIR" && isSymlinkAt(parent, name))
        throw new Error(`output directory ${where} is a symbolic link (not followed)`);
      if (code === "ENOTDIR") throw new Error(`output directory ${where} is not a directory`);
      if (code !== "ENOENT" || created) throw new Error(`output directory ${where}: ${code}`);
    }
    try {
      mkdirSync(at(parent, name), { mode: 493 });
      created = true;
    } catch (e) {
      if (errCode(e) !== "EEXIST") throw new Error(`output directory ${where}: ${errCode(e)}`);
      created = true;
      owner = null;
    }
  }
}
function isSymlinkAt(parent, name) {
  try {
    return lstatSync(at(parent, name)).isSymbolicLink();
  } catch {
    return false;
  }
}
function openDestDir(dir, trusted, owner) {
  const below2 = node_path_default.relative(trusted, dir);
  if (below2.startsWith("..") || node_path_default.isAbsolute(below2)) throw new Error(`${dir} is not under ${trusted}`);
  const made = makeDirs(trusted);
  for (const d of made) {
    if (!owner) break;
    const fd = openSync(d, DIR_FLAGS);
    try {
      fchownSync(fd, owner.uid, owner.gid);
    } finally {
      closeSync(fd);
    }
  }
  let cur = { fd: openSync(trusted, constants.O_RDONLY | constants.O_DIRECTORY), path: trusted };
  for (const c of below2.split("/").filter(Boolean)) {
    try {
      const next = openDirAt(cur, c, owner);
      closeDest(cur);
      cur = next;
    } catch (e) {
      closeDest(cur);
      throw e;
    }
  }
  return cur;
}
function closeDest(dir) {
  closeSync(dir.fd);
}
var TEMP_BASE = ".nsbox";
function readyForFiles(dir) {
  try {
    removeStaleAtomicTemps(`/proc/self/fd/${dir.fd}`, pidOwnerAlive, TEMP_BASE);
  } catch {
  }
  return fileWay(dir);
}
function writeNewFileAt(dir, name, mode, owner, fill) {
  if (fileWay(dir) === "named") return writeNamedFileAt(dir, name, mode, owner, fill);
  let fd = -1;
  try {
    fd = openUnnamed(dir, mode);
  } catch {
    return writeNamedFileAt(dir, name, mode, owner, fill);
  }
  try {
    const n = fill(fd);
    if (n === null) return null;
    if (owner) fchownSync(fd, owner.uid, owner.gid);
    if (linkUnnamed(fd, at(dir, name)) === 0) return n;
    if (lastErrno() !== EEXIST) return null;
    const tmp = at(dir, atomicTempName(TEMP_BASE));
    if (linkUnnamed(fd, tmp) !== 0) return null;
    try {
      renameSync(tmp, at(dir, name));
    } catch {
      unlinkQuiet(tmp);
      return null;
    }
    return n;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
var O_TMPFILE = 4194304 | constants.O_DIRECTORY;
var AT_FDCWD = -100;
var AT_SYMLINK_FOLLOW = 1024;
var EEXIST = 17;
var libc2 = libcCalls({
  linkat: "int linkat(int, const char *, int, const char *, int)"
});
function fileWay(dir) {
  if (namedOnly) return "named";
  dir.way ??= unnamedLinks(dir) ? "unnamed" : "named";
  return dir.way;
}
function unnamedLinks(dir) {
  let fd;
  try {
    fd = openUnnamed(dir, 384);
  } catch {
    return false;
  }
  try {
    const tmp = at(dir, atomicTempName(TEMP_BASE));
    if (linkUnnamed(fd, tmp) !== 0) return false;
    unlinkQuiet(tmp);
    return true;
  } finally {
    closeSync(fd);
  }
}
function openUnnamed(dir, mode) {
  return openSync(`/proc/self/fd/${dir.fd}/.`, O_TMPFILE | constants.O_WRONLY, mode);
}
function linkUnnamed(fd, to) {
  return libc2().linkat(AT_FDCWD, `/proc/self/fd/${fd}`, AT_FDCWD, to, AT_SYMLINK_FOLLOW);
}
function writeNamedFileAt(dir, name, mode, owner, fill) {
  const tmp = atomicTempName(TEMP_BASE);
  let fd = -1;
  try {
    fd = openSync(
      at(dir, tmp),
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      mode
    );
    const n = fill(fd);
    if (n === null) throw new Error("gave up");
    if (owner) fchownSync(fd, owner.uid, owner.gid);
    closeSync(fd);
    fd = -1;
    renameSync(at(dir, tmp), at(dir, name));
    return n;
  } catch {
    if (fd >= 0) closeSync(fd);
    unlinkQuiet(at(dir, tmp));
    return null;
  }
}

// src/engine/outputs/pattern.ts
function parseOutputPattern(what, p) {
  const v = p.trim();
  if (!v.startsWith("/") || v.split("/").includes("..")) {
    throw new UsageError(
      `${what}: '${p}' is not an absolute path inside the sandbox without '..'; use one like /tmp/junit.xml`
    );
  }
  return v;
}
function splitPattern(rel) {
  return rel.map((c) => {
    if (c === "**") return { kind: "any" };
    if (!/[*?]/.test(c)) return { kind: "literal", name: c };
    const re = c.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
    return { kind: "glob", re: new RegExp(`^${re}$`, "s") };
  });
}
function isRealDir(p) {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}
function children(p) {
  try {
    return readdirSync(p, { encoding: "buffer" }).sort(Buffer.compare);
  } catch {
    return [];
  }
}
var join2 = (a, b) => Buffer.concat([a, Buffer.from("/"), b]);
function matchPattern(base, segs) {
  const out = [];
  const walk = (dir, rel, i) => {
    if (i === segs.length) {
      out.push(rel);
      return;
    }
    const seg = segs[i];
    if (seg.kind === "any") {
      if (i === segs.length - 1) {
        out.push(rel);
        return;
      }
      walk(dir, rel, i + 1);
      for (const c of children(dir)) if (isRealDir(join2(dir, c))) walk(join2(dir, c), [...rel, c], i);
      return;
    }
    const last = i === segs.length - 1;
    if (seg.kind === "literal") {
      const c = Buffer.from(seg.name);
      const p = join2(dir, c);
      try {
        lstatSync(p);
      } catch {
        return;
      }
      if (last || isRealDir(p)) walk(p, [...rel, c], i + 1);
      return;
    }
    for (const c of children(dir)) {
      if (!seg.re.test(c.toString())) continue;
      const p = join2(dir, c);
      if (last || isRealDir(p)) walk(p, [...rel, c], i + 1);
    }
  };
  if (isRealDir(Buffer.from(base))) walk(Buffer.from(base), [], 0);
  return out;
}
function statesAfter(segs, names) {
  const closed = (states2) => {
    for (let i = 0; i < segs.length; i++) if (states2.has(i) && segs[i]?.kind === "any") states2.add(i + 1);
    return states2;
  };
  let states = closed(/* @__PURE__ */ new Set([0]));
  for (const name of names) {
    const next = /* @__PURE__ */ new Set();
    for (const i of states) {
      const seg = segs[i];
      if (seg === void 0) continue;
      if (seg.kind === "any") next.add(i);
      else if (seg.kind === "literal" ? seg.name === name : seg.re.test(name)) next.add(i + 1);
    }
    states = closed(next);
  }
  return [...states].sort((a, b) => a - b);
}

// src/engine/outputs/copy.ts
var DEFAULT_OUTPUT_LIMIT_BYTES = 256 * 1024 * 1024;
var DEFAULT_OUTPUT_LIMIT_FILES = 1e4;
var MAX_SKIPPED_LISTED = 50;
function callerOwner(env = process.env) {
  if (!isRoot()) return null;
  const uid = Number(env.SUDO_UID);
  const gid = Number(env.SUDO_GID);
  return Number.isInteger(uid) && uid > 0 && Number.isInteger(gid) && gid >= 0 ? { uid, gid } : null;
}
function sanitizeName(name) {
  let clean = "";
  for (const ch of name) clean += ch < " " || ch === "\x7F" || '/":<>|*?\\\uFFFD'.includes(ch) ? "_" : ch;
  return clean === "." || clean === ".." || clean === "" ? "_" : clean;
}
function layerFor(view, sandboxPath) {
  const parts = components(sandboxPath);
  let best = { base: view.upper, prefix: [], rel: parts };
  for (const m of view.mounts) {
    const mp = m.target.split("/").filter(Boolean);
    if (mp.length > parts.length || mp.some((c, i) => parts[i] !== c)) continue;
    if (mp.length >= best.prefix.length)
      best = { base: m.upper, prefix: mp, rel: parts.slice(mp.length), mode: m.mode };
  }
  return best;
}
var below = (dir, name) => `${dir === "/" ? "" : dir}/${name.toString()}`;
var components = (p) => p.split("/").filter((c) => c && c !== ".");
function mountStarts(view, prefix, segs) {
  const starts = [];
  for (const m of view.mounts) {
    const mp = components(m.target);
    if (m.upper === null || mp.length <= prefix.length || prefix.some((c, i) => mp[i] !== c)) continue;
    for (const i of statesAfter(segs, mp.slice(prefix.length)))
      starts.push({ base: m.upper, prefix: mp, segs: segs.slice(i) });
  }
  return starts;
}
async function copyOutputs(name, req, view, signal) {
  const owner = callerOwner();
  const dir = node_path_default.resolve(req.dir);
  const destRoot = node_path_default.join(dir, sanitizeName(name));
  const result = { dir: destRoot, files: [], bytes: 0, skipped: [], skippedCount: 0 };
  const skip = (p, reason) => {
    result.skippedCount++;
    if (result.skipped.length < MAX_SKIPPED_LISTED) result.skipped.push({ path: p, reason });
  };
  const seen = /* @__PURE__ */ new Set();
  const mountPoints = new Set(view.mounts.map((m) => `/${components(m.target).join("/")}`));
  const wayToMounts = new Set(
    [...mountPoints].flatMap(
      (t) => components(t).slice(0, -1).map((_, i, a) => `/${a.slice(0, i + 1).join("/")}`)
    )
  );
  const nsboxMade = (src, inside, top) => {
    if (inside !== top && mountPoints.has(inside)) return true;
    const st = lstatSync(src, { throwIfNoEntry: false });
    if (!st) return false;
    if (st.isCharacterDevice() && st.rdev === 0) return true;
    if (st.isFile()) return top === "/" && isOwnFile(view.ownFiles.get(inside), src, st.size);
    if (!st.isDirectory() || inside === top || !wayToMounts.has(inside)) return false;
    try {
      return readdirSync(src, { encoding: "buffer" }).every(
        (c) => nsboxMade(Buffer.concat([src, Buffer.from("/"), c]), below(inside, c), top)
      );
    } catch {
      return false;
    }
  };
  let dirsMade = 0;
  let lastTurn = monotonicMs();
  let stopped = null;
  const stop = async (inside) => {
    if (stopped === null && monotonicMs() - lastTurn >= YIELD_MS) {
      await new Promise((r) => setImmediate(r));
      lastTurn = monotonicMs();
    }
    if (stopped === null && signal?.aborted) {
      stopped = `the run was stopped${typeof signal.reason === "string" ? ` by ${signal.reason}` : ""}`;
      skip(inside, `not copied, nor anything after it: ${stopped}`);
    }
    return stopped !== null;
  };
  const claimed = /* @__PURE__ */ new Map();
  const claim = (dest, inside, dir2) => {
    const had = claimed.get(dest);
    if (had && !(dir2 && had.dir)) throw new Error(`${dest} is already the copy of ${had.inside}`);
    claimed.set(dest, had ?? { inside, dir: dir2 });
  };
  const ways = /* @__PURE__ */ new Map();
  const ready = (d) => {
    d.way = ways.get(d.path) ?? readyForFiles(d);
    ways.set(d.path, d.way);
  };
  let root;
  try {
    root = openDestDir(destRoot, trustedRoot(dir, req.untrusted), owner);
  } catch (e) {
    for (const pattern of req.patterns) skip(pattern, e.message);
    return result;
  }
  const copyEntry = async (src, inside, destDir, depth2, top) => {
    if (nsboxMade(src, inside, top)) return;
    const key = src.toString("latin1");
    if (seen.has(key) || await stop(inside)) return;
    seen.add(key);
    let st;
    try {
      st = lstatSync(src);
    } catch {
      return;
    }
    const base = inside === "/" ? "" : sanitizeName(node_path_default.posix.basename(inside));
    const dest = base ? node_path_default.join(destDir.path, base) : destDir.path;
    if (st.isDirectory()) {
      if (depth2 > MAX_DEPTH2) return skip(inside, `nested deeper than ${MAX_DEPTH2} directories`);
      if (result.files.length + dirsMade >= req.limitFiles)
        return skip(inside, `file count limit ${req.limitFiles} reached`);
      let children2;
      let sub;
      try {
        claim(dest, inside, true);
        children2 = readdirSync(src, { encoding: "buffer" }).sort(Buffer.compare);
        sub = base ? openDirAt(destDir, base, owner) : { fd: dupDir(destDir), path: dest };
      } catch (e) {
        return skip(inside, e.message);
      }
      dirsMade++;
      try {
        for (const child of children2)
          await copyEntry(
            Buffer.concat([src, Buffer.from("/"), child]),
            below(inside, child),
            sub,
            depth2 + 1,
            top
          );
      } finally {
        closeDest(sub);
      }
      return;
    }
    if (!st.isFile()) {
      skip(inside, st.isSymbolicLink() ? "symlink (not followed)" : "not a regular file");
      return;
    }
    if (result.files.length + dirsMade >= req.limitFiles)
      return skip(inside, `file count limit ${req.limitFiles} reached`);
    if (result.bytes + st.size > req.limitBytes)
      return skip(inside, `size limit ${req.limitBytes} bytes reached`);
    try {
      claim(dest, inside, false);
    } catch (e) {
      return skip(inside, e.message);
    }
    ready(destDir);
    const copied = copyFile(src, destDir, base, owner, req.limitBytes - result.bytes);
    if (copied === null) return skip(inside, "changed, unreadable or not writable while copying");
    result.files.push(inside);
    result.bytes += copied;
  };
  try {
    for (const pattern of req.patterns) {
      if (stopped !== null) {
        skip(pattern, `not copied: ${stopped}`);
        continue;
      }
      if (pattern.split("/").includes("..")) {
        skip(pattern, "'..' is not allowed in output paths");
        continue;
      }
      const { base, prefix, rel, mode } = layerFor(view, pattern);
      const segs = splitPattern(rel);
      const own = prefix.length === 0 ? OWN_FILESYSTEMS.find((d) => rel[0] === d.slice(1)) : void 0;
      const starts = [
        ...base !== null && !own ? [{ base, prefix, segs }] : [],
        ...mountStarts(view, prefix, segs)
      ];
      if (starts.length === 0) {
        const where = `/${prefix.join("/")}`;
        skip(
          pattern,
          own ? `${own} is the sandbox's own file system, gone with it: write the file elsewhere` : mode === "rw" ? `${where} is a rw mount: what the command wrote there is on the host already` : `${where} is a read-only mount: the command wrote nothing there`
        );
        continue;
      }
      const matches = starts.flatMap(
        (st) => matchPattern(st.base, st.segs).map((relPath) => {
          const src = Buffer.concat([
            Buffer.from(st.base),
            ...relPath.flatMap((b) => [Buffer.from("/"), b])
          ]);
          const parts = [...st.prefix, ...relPath.map((b) => b.toString())];
          return { src, parts, inside: `/${parts.join("/")}`, top: `/${st.prefix.join("/")}` };
        })
      ).filter((m) => !nsboxMade(m.src, m.inside, m.top));
      if (matches.length === 0)
        skip(
          pattern,
          "the command wrote nothing that matches (files of the rootfs, packages or setup are not copied)"
        );
      for (const { src, parts, inside, top } of matches) {
        const opened = [];
        try {
          let destDir = root;
          for (const [i, c] of parts.slice(0, -1).entries()) {
            const sub = node_path_default.join(destDir.path, sanitizeName(c));
            claim(sub, `/${parts.slice(0, i + 1).join("/")}`, true);
            destDir = openDirAt(destDir, sanitizeName(c), owner);
            opened.push(destDir);
          }
          await copyEntry(src, inside, destDir, parts.length, top);
        } catch (e) {
          skip(inside, e.message);
        } finally {
          for (const d of opened) closeDest(d);
        }
      }
    }
  } finally {
    closeDest(root);
  }
  return result;
}
function isOwnFile(own, src, size) {
  if (own === void 0 || Buffer.byteLength(own) !== size) return false;
  try {
    return readFileSync(src).equals(Buffer.from(own));
  } catch {
    return false;
  }
}
var OWN_FILESYSTEMS = ["/tmp", "/dev", "/proc", "/sys"];
var YIELD_MS = 20;
var MAX_DEPTH2 = 256;
function trustedRoot(dir, untrusted) {
  let best = null;
  for (const u of untrusted.map((d) => node_path_default.resolve(d))) {
    const rel = node_path_default.relative(u, dir);
    const inside = rel === "" || !(rel.startsWith("..") || node_path_default.isAbsolute(rel));
    if (inside && (best === null || u.length > best.length)) best = u;
  }
  return best ?? node_path_default.dirname(dir);
}
function dupDir(d) {
  return openSync(`/proc/self/fd/${d.fd}`, constants.O_RDONLY | constants.O_DIRECTORY);
}
function copyFile(src, destDir, name, owner, budget) {
  let inFd = -1;
  try {
    inFd = openSync(src, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(inFd);
    if (!st.isFile() || st.size > budget) return null;
    const mode = st.mode & 73 ? 493 : 420;
    const input = inFd;
    return writeNewFileAt(destDir, name, mode, owner, (outFd) => {
      const buf = Buffer.allocUnsafe(1 << 20);
      let total = 0;
      for (; ; ) {
        const n = readSync(input, buf, 0, buf.length, null);
        if (n === 0) return total;
        total += n;
        if (total > budget) return null;
        writeAll(outFd, buf, n);
      }
    });
  } catch {
    return null;
  } finally {
    if (inFd >= 0) closeSync(inFd);
  }
}
function mountsView(upper, mounts, mountUpper, ownFiles = /* @__PURE__ */ new Map()) {
  return {
    upper,
    ownFiles,
    mounts: mounts.map((m, i) => ({
      target: m.target,
      upper: m.mode === "overlay" ? mountUpper(i) : null,
      mode: m.mode
    }))
  };
}

// src/engine/manifest.ts
var MANIFEST_FORMAT = 1;
function kindOf(st) {
  return st.isSymbolicLink() ? "l" : st.isDirectory() ? "d" : st.isFile() ? "f" : "o";
}
var KIND_NAME = {
  d: "a directory",
  f: "a file",
  l: "a symlink",
  o: "a special file"
};
var DIR_MTIME_S = 946684800;
function recordTree(dir, meta) {
  const entries = [];
  let bytes = 0;
  const visit = (rel, abs) => {
    const st = lstatSync(abs);
    const kind = kindOf(st);
    let digest = "";
    if (kind === "f") {
      digest = sha256File(abs);
      bytes += st.size;
    } else if (kind === "l") digest = readlinkSync(abs);
    const entry = [
      rel,
      kind,
      st.mode & 4095,
      st.uid,
      st.gid,
      kind === "f" ? st.size : 0,
      digest
    ];
    if (kind === "d") {
      utimesSync(abs, DIR_MTIME_S, DIR_MTIME_S);
      entry.push(DIR_MTIME_S * 1e3);
    }
    entries.push(entry);
    if (kind === "d") {
      const children2 = namesOf(abs).map((name) => ({ name, text: nameText(name) }));
      children2.sort((a, b) => a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
      for (const c of children2) visit(rel === "" ? c.text : `${rel}/${c.text}`, childPath(abs, c.name));
    }
  };
  visit("", dir);
  return { format: MANIFEST_FORMAT, meta, bytes, entries };
}
function writeManifest(file, m) {
  writeFileAtomic(file, JSON.stringify(m), 420);
}
function checkListText(m) {
  const lines = ["nsbox-tree-check 1"];
  for (const [rel, kind, mode, uid, gid, size, digest, mtimeMs] of m.entries) {
    if (rel.includes("\n") || hasEscapedBytes(rel)) return null;
    const length = kind === "f" ? String(size) : kind === "l" ? String(linkLength(digest) ?? "-") : "-";
    const modeText = kind === "l" ? "-" : mode.toString(8);
    const mtime = kind === "d" && mtimeMs !== void 0 ? String(mtimeMs) : "-";
    lines.push(`${kind} ${modeText} ${uid} ${gid} ${length} ${mtime} ${rel}`);
  }
  return `${lines.join("\n")}
`;
}
function readManifest(file) {
  const m = readJsonOrNull(file);
  if (!m || m.format !== MANIFEST_FORMAT || !Array.isArray(m.entries) || typeof m.meta !== "object")
    return null;
  if (m.entries.length === 0 || m.entries[0]?.[0] !== "") return null;
  if (!m.entries.every(isEntry)) return null;
  return m;
}
var KINDS = ["d", "f", "l", "o"];
var isCount = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
function isEntry(e) {
  return Array.isArray(e) && (e.length === 7 || e.length === 8) && typeof e[0] === "string" && KINDS.includes(e[1]) && [e[2], e[3], e[4], e[5]].every(isCount) && typeof e[6] === "string" && (e[7] === void 0 || typeof e[7] === "number");
}
function checkTree(dir, m) {
  const unchangedDirs = /* @__PURE__ */ new Set();
  for (const e of m.entries) {
    if (e[1] === "l" && unchangedDirs.has(parentOf(e[0]))) continue;
    const st = lstatEntry(dir, e[0]);
    if (typeof st === "string") return st;
    const damage = entryDamage(e, st);
    if (damage) return damage;
    if (e[1] === "d" && e[7] !== void 0 && st.mtimeMs === e[7]) unchangedDirs.add(e[0]);
  }
  return null;
}
var parentOf = (rel) => rel.slice(0, Math.max(0, rel.lastIndexOf("/")));
function lstatEntry(dir, rel) {
  const name = rel === "" ? "the tree's root" : rel;
  try {
    return lstatSync(entryPath(dir, rel), { throwIfNoEntry: false }) ?? `${name} is missing`;
  } catch (e) {
    const code = e.code;
    return code === "ENOTDIR" ? `${name} is missing` : `${name} cannot be read (${code})`;
  }
}
function entryPath(dir, rel) {
  if (rel === "") return dir;
  return hasEscapedBytes(rel) ? childPath(dir, textPath(rel)) : `${dir}/${rel}`;
}
function entryDamage([rel, kind, mode, uid, gid, size, digest], st) {
  const name = rel === "" ? "the tree's root" : rel;
  const now = kindOf(st);
  if (now !== kind) return `${name} is ${KIND_NAME[now]}, expected ${KIND_NAME[kind]}`;
  if (kind === "f" && st.size !== size) return `${name} has ${st.size} bytes, expected ${size}`;
  const length = kind === "l" ? linkLength(digest) : null;
  if (length !== null && st.size !== length) return `${name} points elsewhere`;
  if (kind !== "l" && (st.mode & 4095) !== mode) {
    return `${name} has mode ${octal(st.mode & 4095)}, expected ${octal(mode)}`;
  }
  if (st.uid !== uid || st.gid !== gid)
    return `${name} is owned by ${st.uid}:${st.gid}, expected ${uid}:${gid}`;
  if (kind !== "l" && st.mode & SETID_BITS)
    return `${name} is setuid or setgid (mode ${octal(st.mode & 4095)})`;
  return null;
}
var octal = (n) => `0${n.toString(8)}`;
function linkLength(target) {
  return target.includes("\uFFFD") ? null : Buffer.byteLength(target);
}
function verifyTree(dir, m) {
  const damage = [];
  const recorded = /* @__PURE__ */ new Set();
  for (const e of m.entries) {
    recorded.add(e[0]);
    const st = lstatEntry(dir, e[0]);
    const d = typeof st === "string" ? st : entryDamage(e, st);
    if (d) {
      damage.push(d);
      continue;
    }
    const [rel, kind, , , , , digest] = e;
    const abs = entryPath(dir, rel);
    try {
      if (kind === "f" && sha256File(abs) !== digest) damage.push(`${rel}'s content changed`);
      if (kind === "l" && readlinkSync(abs) !== digest) damage.push(`${rel} points elsewhere`);
    } catch (err) {
      damage.push(`${rel} is unreadable (${err.code ?? err})`);
    }
  }
  const extras = (rel) => {
    let names;
    try {
      names = namesOf(entryPath(dir, rel)).map(nameText);
    } catch {
      return;
    }
    for (const n of names) {
      const child = rel === "" ? n : `${rel}/${n}`;
      if (!recorded.has(child)) damage.push(`${child} was added`);
    }
  };
  for (const [rel, kind] of m.entries) if (kind === "d") extras(rel);
  return damage;
}

// src/engine/rootfs/cache.ts
var ALIAS_TTL_MS = 24 * 3600 * 1e3;
var TEMP_MAX_AGE_MS = 3600 * 1e3;
function defaultCacheDir() {
  const env = process.env.NSBOX_CACHE_DIR;
  if (env) return node_path_default.resolve(env);
  if (isRoot()) return "/var/cache/nsbox";
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && node_path_default.isAbsolute(xdg)) return node_path_default.join(xdg, "nsbox");
  return node_path_default.join(node_os_default.homedir(), ".cache", "nsbox");
}
function rootfsPath(cacheDir, sha256, idShift) {
  return node_path_default.join(cacheDir, "rootfs", `${sha256}-${idShift ?? "self"}`);
}
function manifestPath(treeDir) {
  return `${treeDir}.manifest.json`;
}
function checkListPath(treeDir) {
  return `${treeDir}.check`;
}
function removeTreeRecords(treeDir) {
  rmSync(manifestPath(treeDir), { force: true });
  rmSync(checkListPath(treeDir), { force: true });
}
var TREE_NAME_RE = /^([0-9a-f]{64})-(\d+|self)$/;
function readIndex(cacheDir) {
  const v = readJsonOrNull(node_path_default.join(cacheDir, "index.json"));
  return v && typeof v === "object" && !Array.isArray(v) ? v : {};
}
function isFresh(e, exact, now = Date.now()) {
  return exact || now - e.at >= 0 && now - e.at < ALIAS_TTL_MS;
}
function writeIndexEntry(cacheDir, key, entry) {
  const index = readIndex(cacheDir);
  for (const k of Object.keys(index)) if (withoutCredentials(k) !== k) delete index[k];
  index[key] = entry;
  try {
    writeFileAtomic(node_path_default.join(cacheDir, "index.json"), `${JSON.stringify(index, null, 1)}
`, 420);
  } catch {
  }
}
function ensureCacheDirs(cacheDir) {
  const dir = node_path_default.join(cacheDir, "rootfs");
  mkdirSync(dir, { recursive: true, mode: 493 });
  if ((statSync(dir).mode & 493) !== 493) chmodSync(dir, 493);
}
function tempName(cacheDir) {
  return node_path_default.join(cacheDir, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
}
function makeTempDir(cacheDir, mode = 493) {
  const dir = tempName(cacheDir);
  mkdirSync(dir, { mode });
  return dir;
}
function discardTree(cacheDir, treeDir) {
  const aside = tempName(cacheDir);
  let moved = false;
  try {
    renameSync(treeDir, aside);
    moved = true;
  } catch {
  }
  removeTreeRecords(treeDir);
  removeHostTree(moved ? aside : treeDir);
}
function commitDir(tmp, final) {
  try {
    renameSync(tmp, final);
    return true;
  } catch (e) {
    const code = e.code;
    if ((code === "ENOTEMPTY" || code === "EEXIST") && isDir(final)) {
      removeHostTree(tmp);
      return false;
    }
    removeHostTree(tmp);
    throw e;
  }
}
function cleanupStaleRootfsTemps(cacheDir) {
  let names;
  try {
    names = readdirSync(cacheDir);
  } catch {
    return 0;
  }
  const bootMs = bootTimeMs();
  const ownerAlive = (pid, ctimeMs) => pidOwnerAlive(pid, ctimeMs, bootMs);
  let removed = 0;
  for (const dir of [cacheDir, node_path_default.join(cacheDir, "rootfs"), node_path_default.join(cacheDir, "packages")])
    removed += removeStaleAtomicTemps(dir, ownerAlive);
  for (const name of names) {
    const m = /^\.tmp-(\d+)-[0-9a-f]+$/.exec(name);
    if (!m) continue;
    const dir = node_path_default.join(cacheDir, name);
    try {
      if (pidOwnerAlive(Number(m[1]), lstatSync(dir).ctimeMs, bootMs)) continue;
    } catch {
      continue;
    }
    try {
      removeHostTree(dir);
      removed++;
    } catch {
    }
  }
  return removed;
}

// src/engine/net/nlmsg.ts
var NLMSG_ERROR = 2;
var NLMSG_DONE = 3;
var NLM_F_REQUEST = 1;
var NLM_F_ACK = 4;
var NLM_F_DUMP = 768;
var NLM_F_EXCL = 512;
var NLM_F_CREATE = 1024;
var NLM_F_ACK_TLVS = 512;
var NLMSGERR_ATTR_MSG = 1;
var RTM_NEWLINK = 16;
var RTM_DELLINK = 17;
var RTM_GETLINK = 18;
var RTM_NEWADDR = 20;
var RTM_GETADDR = 22;
var RTM_GETROUTE = 26;
var AF_UNSPEC = 0;
var AF_INET = 2;
var AF_INET6 = 10;
var IFF_UP = 1;
var RTN_UNICAST = 1;
var RTN_LOCAL = 2;
var IFLA_IFNAME = 3;
var IFLA_MTU = 4;
var IFLA_LINKINFO = 18;
var IFLA_NET_NS_PID = 19;
var IFLA_INFO_KIND = 1;
var IFLA_INFO_DATA = 2;
var VETH_INFO_PEER = 1;
var IFA_ADDRESS = 1;
var IFA_LOCAL = 2;
var RTA_DST = 1;
var RTA_OIF = 4;
var RTA_GATEWAY = 5;
var RTA_PRIORITY = 6;
var RTA_MULTIPATH = 9;
var RTA_TABLE = 15;
var NLMSG_HDRLEN = 16;
var align4 = (n) => n + 3 & ~3;
function encodeAttrs(attrs) {
  const parts = [];
  for (const [type, payload] of attrs) {
    const len = 4 + payload.length;
    const head = Buffer.alloc(4);
    head.writeUInt16LE(len, 0);
    head.writeUInt16LE(type, 2);
    parts.push(head, payload, Buffer.alloc(align4(len) - len));
  }
  return Buffer.concat(parts);
}
var u32 = (v) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0, 0);
  return b;
};
var cstr = (s) => Buffer.concat([Buffer.from(s, "utf8"), Buffer.alloc(1)]);
var ip4 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
};
function ifinfomsg(index = 0, flags2 = 0, change = 0, family = AF_UNSPEC) {
  const b = Buffer.alloc(16);
  b.writeUInt8(family, 0);
  b.writeInt32LE(index, 4);
  b.writeUInt32LE(flags2 >>> 0, 8);
  b.writeUInt32LE(change >>> 0, 12);
  return b;
}
function ifaddrmsg(family, prefixlen, index) {
  const b = Buffer.alloc(8);
  b.writeUInt8(family, 0);
  b.writeUInt8(prefixlen, 1);
  b.writeUInt32LE(index, 4);
  return b;
}
function rtmsg(family, dstLen = 0) {
  const b = Buffer.alloc(12);
  b.writeUInt8(family, 0);
  b.writeUInt8(dstLen, 1);
  return b;
}
function nlmsg(type, flags2, seq, body) {
  const len = NLMSG_HDRLEN + body.length;
  const h = Buffer.alloc(NLMSG_HDRLEN);
  h.writeUInt32LE(len, 0);
  h.writeUInt16LE(type, 4);
  h.writeUInt16LE(flags2, 6);
  h.writeUInt32LE(seq >>> 0, 8);
  return Buffer.concat([h, body, Buffer.alloc(align4(len) - len)]);
}
function splitMessages(buf) {
  const out = [];
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const len = buf.readUInt32LE(off);
    if (len < NLMSG_HDRLEN || off + len > buf.length) break;
    out.push({
      type: buf.readUInt16LE(off + 4),
      flags: buf.readUInt16LE(off + 6),
      seq: buf.readUInt32LE(off + 8),
      body: buf.subarray(off + NLMSG_HDRLEN, off + len)
    });
    off += align4(len);
  }
  return out;
}
function parseAttrs(buf) {
  const m = /* @__PURE__ */ new Map();
  let off = 0;
  while (off + 4 <= buf.length) {
    const len = buf.readUInt16LE(off);
    if (len < 4 || off + len > buf.length) break;
    m.set(buf.readUInt16LE(off + 2) & 16383, buf.subarray(off + 4, off + len));
    off += align4(len);
  }
  return m;
}
function multipathOifs(buf) {
  const out = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    const len = buf.readUInt16LE(off);
    if (len < 8 || off + len > buf.length) break;
    out.push(buf.readInt32LE(off + 4));
    off += align4(len);
  }
  return out;
}
function parseError(msg) {
  const errno = -msg.body.readInt32LE(0) || 0;
  if (!(msg.flags & NLM_F_ACK_TLVS)) return { errno };
  const echoedLen = msg.flags & 256 ? NLMSG_HDRLEN : msg.body.readUInt32LE(4);
  const tlv = parseAttrs(msg.body.subarray(4 + align4(echoedLen)));
  const text = tlv.get(NLMSGERR_ATTR_MSG);
  return text ? { errno, message: text.toString("utf8").replace(/\0.*$/s, "") } : { errno };
}
var attrString = (b) => b === void 0 ? void 0 : b.toString("utf8").replace(/\0.*$/s, "");
var attrU32 = (b) => b === void 0 || b.length < 4 ? void 0 : b.readUInt32LE(0);
function encodeAddr(text) {
  if (!text.includes(":")) {
    const n = parseIp4(text);
    if (n === null) throw new Error(`not an IPv4 address: ${text}`);
    return ip4(n);
  }
  const out = Buffer.alloc(16);
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const hex = dotted ? `${text.slice(0, dotted.index)}:0:0` : text;
  const [left, right] = hex.split("::");
  const head = left ? left.split(":") : [];
  const tail = right ? right.split(":") : [];
  const groups = right === void 0 ? head : [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail];
  groups.forEach((g, i) => {
    out.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  });
  if (dotted) encodeAddr(dotted[1]).copy(out, 12);
  return out;
}
function formatAddr(b) {
  if (b.length === 4) return [...b].join(".");
  const groups = [];
  for (let i = 0; i + 1 < b.length; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j < groups.length && groups[j] === "0") j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

// src/engine/net/netlink.ts
var AF_NETLINK = 16;
var SOCK_RAW = 3;
var SOCK_CLOEXEC = 524288;
var NETLINK_ROUTE = 0;
var SOL_SOCKET = 1;
var SO_RCVTIMEO = 20;
var SOL_NETLINK = 270;
var NETLINK_EXT_ACK = 11;
var EINTR2 = 4;
var ENODEV = 19;
var Netlink = class {
  fd;
  seq = Math.floor(Math.random() * 1e6);
  rx = Buffer.alloc(256 * 1024);
  kernel = Buffer.alloc(12);
  // sockaddr_nl {AF_NETLINK, pid 0 = the kernel}
  constructor() {
    const c = libc();
    this.fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (this.fd < 0) throw new ErrnoError(c.errno(), "netlink socket");
    this.kernel.writeUInt16LE(AF_NETLINK, 0);
    const tv = Buffer.alloc(16);
    tv.writeBigInt64LE(5n, 0);
    c.setsockopt(this.fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
    c.setsockopt(this.fd, SOL_NETLINK, NETLINK_EXT_ACK, u32(1), 4);
  }
  close() {
    if (this.fd >= 0) libc().close(this.fd);
    this.fd = -1;
  }
  /** Send one request; return the messages of the reply (dump rows, or [] for a plain ack). */
  request(type, flags2, body, what) {
    if (this.fd < 0) throw new Error("netlink socket is closed");
    const c = libc();
    const seq = ++this.seq >>> 0;
    const msg = nlmsg(type, flags2 | NLM_F_REQUEST | NLM_F_ACK, seq, body);
    if (c.sendto(this.fd, msg, msg.length, 0, this.kernel, this.kernel.length) < 0) {
      throw new ErrnoError(c.errno(), `${what}: netlink send`);
    }
    const dump = (flags2 & NLM_F_DUMP) === NLM_F_DUMP;
    const rows = [];
    for (; ; ) {
      const n = c.recv(this.fd, this.rx, this.rx.length, 0);
      if (n < 0) {
        const e = c.errno();
        if (e === EINTR2) continue;
        throw new ErrnoError(e, `${what}: netlink recv`);
      }
      for (const m of splitMessages(Buffer.from(this.rx.subarray(0, n)))) {
        if (m.seq !== seq) continue;
        if (m.type === NLMSG_ERROR) {
          const { errno, message } = parseError(m);
          if (errno !== 0) throw new ErrnoError(errno, what, message);
          if (!dump) return rows;
        } else if (m.type === NLMSG_DONE) {
          return rows;
        } else {
          rows.push(m);
        }
      }
    }
  }
  createVeth(v) {
    const peer = Buffer.concat([
      ifinfomsg(),
      encodeAttrs([
        [IFLA_IFNAME, cstr(v.peerName)],
        [IFLA_MTU, u32(v.mtu)],
        [IFLA_NET_NS_PID, u32(v.peerPid)]
      ])
    ]);
    const linkinfo = encodeAttrs([
      [IFLA_INFO_KIND, cstr("veth")],
      [IFLA_INFO_DATA, encodeAttrs([[VETH_INFO_PEER, peer]])]
    ]);
    const up = v.up ? IFF_UP : 0;
    const body = Buffer.concat([
      ifinfomsg(0, up, up),
      encodeAttrs([
        [IFLA_IFNAME, cstr(v.hostName)],
        [IFLA_MTU, u32(v.mtu)],
        [IFLA_LINKINFO, linkinfo]
      ])
    ]);
    this.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, body, `create veth ${v.hostName}`);
  }
  /** Interface index by name, or null when there is no such link. */
  linkIndex(name) {
    try {
      const rows = this.request(
        RTM_GETLINK,
        0,
        Buffer.concat([ifinfomsg(), encodeAttrs([[IFLA_IFNAME, cstr(name)]])]),
        `get link ${name}`
      );
      return rows.length ? rows[0].body.readInt32LE(4) : null;
    } catch (e) {
      if (e instanceof ErrnoError && e.errno === ENODEV) return null;
      throw e;
    }
  }
  mustIndex(name) {
    const i = this.linkIndex(name);
    if (i === null) throw new ErrnoError(ENODEV, `link ${name}`);
    return i;
  }
  /** Add `addr/prefix` (uint32 address); the kernel adds the connected route itself. */
  addAddress4(name, addr, prefix, index) {
    const attrs = [
      [IFA_LOCAL, ip4(addr)],
      [IFA_ADDRESS, ip4(addr)]
    ];
    const body = Buffer.concat([
      ifaddrmsg(AF_INET, prefix, index ?? this.mustIndex(name)),
      encodeAttrs(attrs)
    ]);
    this.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, body, `add address to ${name}`);
  }
  /** Delete a link (a veth takes its peer along). False when it was already gone. */
  deleteLink(name) {
    try {
      const body = Buffer.concat([ifinfomsg(), encodeAttrs([[IFLA_IFNAME, cstr(name)]])]);
      this.request(RTM_DELLINK, 0, body, `delete link ${name}`);
      return true;
    } catch (e) {
      if (e instanceof ErrnoError && e.errno === ENODEV) return false;
      throw e;
    }
  }
  listLinks() {
    return this.request(RTM_GETLINK, NLM_F_DUMP, ifinfomsg(), "list links").map((m) => {
      const a = parseAttrs(m.body.subarray(16));
      return {
        index: m.body.readInt32LE(4),
        name: attrString(a.get(IFLA_IFNAME)) ?? "",
        mtu: attrU32(a.get(IFLA_MTU)) ?? 0,
        up: (m.body.readUInt32LE(8) & IFF_UP) !== 0
      };
    });
  }
  listAddresses() {
    const rows = this.request(RTM_GETADDR, NLM_F_DUMP, ifaddrmsg(AF_UNSPEC, 0, 0), "list addresses");
    const out = [];
    for (const m of rows) {
      const family = m.body.readUInt8(0);
      if (family !== AF_INET && family !== AF_INET6) continue;
      const a = parseAttrs(m.body.subarray(8));
      const raw = a.get(IFA_LOCAL) ?? a.get(IFA_ADDRESS);
      if (!raw) continue;
      out.push({
        family: family === AF_INET ? 4 : 6,
        index: m.body.readUInt32LE(4),
        address: formatAddr(raw),
        prefix: m.body.readUInt8(1)
      });
    }
    return out;
  }
  /** Routes of every table (main, local, policy-routing tables such as a VPN's). */
  listRoutes(family) {
    const af = family === 4 ? AF_INET : AF_INET6;
    const rows = this.request(RTM_GETROUTE, NLM_F_DUMP, rtmsg(af), "list routes");
    const out = [];
    for (const m of rows) {
      if (m.body.readUInt8(0) !== af) continue;
      const a = parseAttrs(m.body.subarray(12));
      const dst = a.get(RTA_DST);
      const gw = a.get(RTA_GATEWAY);
      const multipath = a.get(RTA_MULTIPATH);
      out.push({
        family,
        dst: dst ? formatAddr(dst) : family === 4 ? "0.0.0.0" : "::",
        prefix: m.body.readUInt8(1),
        table: attrU32(a.get(RTA_TABLE)) ?? m.body.readUInt8(4),
        type: m.body.readUInt8(7),
        oif: attrU32(a.get(RTA_OIF)),
        nexthopOifs: multipath ? multipathOifs(multipath) : [],
        gateway: gw ? formatAddr(gw) : void 0,
        priority: attrU32(a.get(RTA_PRIORITY)) ?? 0
      });
    }
    return out;
  }
  /**
   * The type of the route the kernel picks for `address` (RTN_LOCAL: delivered to this host), as `ip route
   * get` asks: every table and policy rule is consulted.
   */
  routeType(address) {
    const dst = encodeAddr(address);
    const body = Buffer.concat([
      rtmsg(dst.length === 4 ? AF_INET : AF_INET6, dst.length * 8),
      encodeAttrs([[RTA_DST, dst]])
    ]);
    const [route] = this.request(RTM_GETROUTE, 0, body, `get route to ${address}`);
    if (!route) throw new Error(`get route to ${address}: no route in the answer`);
    return route.body.readUInt8(7);
  }
  /** MTU of the link carrying the main table's IPv4 default route (lowest metric); null without one. */
  uplinkMtu() {
    const defaults = this.listRoutes(4).filter((r) => r.prefix === 0 && r.table === 254 && r.type === RTN_UNICAST && r.oif !== void 0).sort((x, y) => x.priority - y.priority);
    if (!defaults.length) return null;
    const link = this.listLinks().find((l) => l.index === defaults[0].oif);
    return link?.mtu || null;
  }
};
var shared = null;
function netlink() {
  shared ??= new Netlink();
  return shared;
}

// src/engine/rootfs/local-address.ts
var net = () => process.getBuiltinModule("node:net");
function unbracketed(host) {
  return host.replace(/^\[|\]$/g, "");
}
function localAddressKind(address) {
  const ip = unbracketed(address).replace(/%.*$/, "");
  const family = net().isIP(ip);
  if (family === 0) return null;
  const type = family === 4 ? "ipv4" : "ipv6";
  ranges ??= fixedRanges();
  if (ranges.loopback.check(ip, type)) return "a loopback address";
  if (ranges.linkLocal.check(ip, type)) return "a link-local address";
  if (ranges.metadata.check(ip, type)) return "a cloud metadata address";
  const v4 = type === "ipv6" && ranges.nat64.check(ip, type) ? nat64Embedded(ip) : null;
  const behind = v4 && localAddressKind(v4);
  if (behind) return `${behind} (${v4} through NAT64)`;
  return deliveredHere(ip, type) ? "an address of this host" : null;
}
var ranges;
function fixedRanges() {
  const loopback = new (net()).BlockList();
  loopback.addSubnet("127.0.0.0", 8, "ipv4");
  loopback.addAddress("::1", "ipv6");
  loopback.addSubnet("0.0.0.0", 8, "ipv4");
  loopback.addAddress("::", "ipv6");
  const linkLocal = new (net()).BlockList();
  linkLocal.addSubnet("169.254.0.0", 16, "ipv4");
  linkLocal.addSubnet("fe80::", 10, "ipv6");
  const metadata = new (net()).BlockList();
  for (const a of ["168.63.129.16", "100.100.100.200"]) metadata.addAddress(a, "ipv4");
  metadata.addAddress("fd00:ec2::254", "ipv6");
  const nat64 = new (net()).BlockList();
  nat64.addSubnet("64:ff9b::", 96, "ipv6");
  nat64.addSubnet("64:ff9b:1::", 48, "ipv6");
  return { loopback, linkLocal, metadata, nat64 };
}
function nat64Embedded(ip) {
  return formatAddr(encodeAddr(ip).subarray(12));
}
function deliveredHere(ip, type) {
  try {
    return netlink().routeType(unmapped(ip)) === RTN_LOCAL;
  } catch {
    return interfaceAddresses().check(ip, type);
  }
}
function unmapped(ip) {
  const b = encodeAddr(ip);
  const mapped = b.length === 16 && b.readBigUInt64BE(0) === 0n && b.readUInt32BE(8) === 65535;
  return mapped ? formatAddr(b.subarray(12)) : ip;
}
function interfaceAddresses() {
  const own = new (net()).BlockList();
  const { networkInterfaces } = process.getBuiltinModule("node:os");
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? [])
      own.addAddress(a.address.replace(/%.*$/, ""), a.family === "IPv4" ? "ipv4" : "ipv6");
  return own;
}
var LocalAddressError = class extends Error {
  constructor(address, kind) {
    super(`${address} is ${kind}`);
    this.address = address;
    this.kind = kind;
  }
  address;
  kind;
};
function lookupOffHost(target) {
  const { lookup } = process.getBuiltinModule("node:dns");
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const refused = hostname === target ? firstLocal(addresses) : null;
      if (refused) return callback(refused, "");
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname}: no address`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };
}
function firstLocal(addresses) {
  for (const { address } of addresses) {
    const kind = localAddressKind(address);
    if (kind) return new LocalAddressError(address, kind);
  }
  return null;
}
var PROXIED_LOOKUP_MS = 2e3;
function localByName(name, signal) {
  const { lookup } = process.getBuiltinModule("node:dns");
  return new Promise((resolve2) => {
    const stop = AbortSignal.any([signal, AbortSignal.timeout(PROXIED_LOOKUP_MS)]);
    const giveUp = () => resolve2(null);
    if (stop.aborted) return giveUp();
    stop.addEventListener("abort", giveUp, { once: true });
    lookup(name, { all: true }, (err, addresses) => {
      stop.removeEventListener("abort", giveUp);
      resolve2(err ? null : firstLocal(addresses));
    });
  });
}

// src/engine/rootfs/http-get.ts
var http = () => process.getBuiltinModule("node:http");
var https = () => process.getBuiltinModule("node:https");
var net2 = () => process.getBuiltinModule("node:net");
var httpGet = async (url, { signal, offHost }) => {
  const target = new URL(url);
  const host = unbracketed(target.hostname);
  const literal = offHost ? localAddressKind(host) : null;
  if (literal) throw new LocalAddressError(host, literal);
  if (offHost && net2().isIP(host) === 0 && envProxied(target)) {
    const byName = await localByName(host, signal);
    if (byName) throw byName;
  }
  return new Promise((resolve2, reject) => {
    const client = target.protocol === "https:" ? https() : http();
    const guard = offHost ? { lookup: lookupOffHost(target.hostname) } : {};
    const req = client.get(target, { signal, headers: { "user-agent": "nsbox" }, ...guard }, (res) => {
      const body = Object.assign(res, { cancel: async () => void res.destroy() });
      resolve2({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? "",
        headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
        body
      });
    });
    req.on("error", reject);
  });
};
function envProxied(target) {
  const agent = target.protocol === "https:" ? https().globalAgent : http().globalAgent;
  const env = agent.options?.proxyEnv;
  if (!env) return false;
  const proxy = target.protocol === "https:" ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  return Boolean(proxy);
}
function headerValue(v) {
  if (v === void 0) return null;
  return Array.isArray(v) ? v.join(", ") : v;
}

// src/engine/rootfs/download.ts
var DEFAULT_MIN_RATE = { bytes: 32 * 1024, windowMs: 3e4 };
var NotFoundError = class extends Error {
  constructor(url) {
    super(`${url}: not found (HTTP 404)`);
    this.url = url;
  }
  url;
};
var Permanent = class extends Error {
};
var TooSlow = class extends Error {
};
var DEFAULT_BACKOFF = [200, 800];
var MAX_REDIRECTS = 5;
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
async function fetchBytes(url, opts = {}) {
  const attempts = opts.attempts ?? 3;
  let reason = "";
  let tried = 0;
  for (let i = 0; i < attempts; i++) {
    if (i > 0)
      await sleepUnlessAborted(opts.backoffMs?.[i - 1] ?? DEFAULT_BACKOFF[i - 1] ?? 800, opts.signal);
    throwIfCancelled(opts.signal);
    tried++;
    try {
      return await attempt(url, opts);
    } catch (e) {
      throwIfCancelled(opts.signal);
      if (e instanceof NotFoundError) throw e;
      reason = describe(e, opts.timeoutMs ?? 3e4);
      if (e instanceof Permanent) break;
    }
  }
  throw new SetupError(
    "download",
    `cannot download ${url}: ${reason} (tried ${tried} time${tried === 1 ? "" : "s"})`,
    opts.hint
  );
}
async function fetchToFile(url, file, opts = {}) {
  let fd = -1;
  const close = () => {
    if (fd >= 0) closeSync(fd);
    fd = -1;
  };
  try {
    await fetchBytes(url, {
      ...opts,
      sink: {
        start: () => {
          close();
          fd = openSync(file, "w", 420);
        },
        write: (chunk) => writeAll(fd, chunk, chunk.length)
      }
    });
  } catch (e) {
    close();
    rmSync(file, { force: true });
    throw e;
  } finally {
    close();
  }
}
async function fetchText(url, opts = {}) {
  return (await fetchBytes(url, { maxBytes: 1024 * 1024, ...opts })).toString("utf8");
}
async function attempt(url, opts) {
  const timeoutMs = opts.timeoutMs ?? 3e4;
  const ac = new AbortController();
  const onCallerAbort = () => ac.abort();
  opts.signal?.addEventListener("abort", onCallerAbort, { once: true });
  let timer = setTimeout(() => ac.abort(), timeoutMs);
  const kick = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ac.abort(), timeoutMs);
  };
  let slow = null;
  let rateTimer;
  try {
    const res = await follow(url, opts.httpGet ?? httpGet, ac.signal);
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      throw new NotFoundError(url);
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel();
      const msg = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
      throw res.status >= 500 || res.status === 429 ? new Error(msg) : new Permanent(msg);
    }
    const len = Number(res.headers.get("content-length"));
    const total = Number.isFinite(len) && len > 0 ? len : null;
    const max = opts.maxBytes ?? 1024 ** 3;
    if (total !== null && total > max) throw new Permanent(`the file is larger than ${max} bytes`);
    const chunks = [];
    let received = 0;
    opts.onBytes?.(0, total);
    opts.sink?.start();
    const rate = opts.minRate ?? DEFAULT_MIN_RATE;
    let windowStart = 0;
    rateTimer = setInterval(() => {
      const got = received - windowStart;
      windowStart = received;
      if (got >= rate.bytes) return;
      slow = new TooSlow(
        `too slow: ${got} bytes in ${rate.windowMs / 1e3} s, under the minimum of ${rate.bytes}`
      );
      ac.abort();
    }, rate.windowMs);
    if (res.body) {
      for await (const chunk of res.body) {
        kick();
        received += chunk.byteLength;
        if (received > max) throw new Permanent(`the file is larger than ${max} bytes`);
        const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        try {
          if (opts.sink) opts.sink.write(buf);
          else chunks.push(buf);
          opts.onBytes?.(received, total);
        } catch (e) {
          throw new Permanent(e.message);
        }
      }
    }
    if (total !== null && received !== total) {
      throw new Error(`connection closed after ${received} of ${total} bytes`);
    }
    return opts.sink ? Buffer.alloc(0) : Buffer.concat(chunks, received);
  } catch (e) {
    if (ac.signal.aborted && !opts.signal?.aborted)
      throw slow ?? Object.assign(new Error("stalled"), { name: "AbortError" });
    throw e;
  } finally {
    clearTimeout(timer);
    clearInterval(rateTimer);
    opts.signal?.removeEventListener("abort", onCallerAbort);
  }
}
async function follow(url, get, signal) {
  const origin = new URL(url).origin;
  let at3 = url;
  for (let hop = 0; ; hop++) {
    const res = await getOffHost(at3, new URL(at3).origin !== origin, get, signal);
    const location = res.headers.get("location");
    if (!REDIRECTS.has(res.status) || location === null) return res;
    await res.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new Permanent(`more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, at3);
    if (next.protocol !== "http:" && next.protocol !== "https:")
      throw new Permanent(`redirected to ${next.protocol} (only http and https are followed)`);
    if (new URL(at3).protocol === "https:" && next.protocol === "http:")
      throw new Permanent(`redirected from https to http (${next.href}): refused`);
    at3 = next.href;
  }
}
async function getOffHost(url, offHost, get, signal) {
  try {
    return await get(url, offHost ? { signal, offHost } : { signal });
  } catch (e) {
    if (!(e instanceof LocalAddressError)) throw e;
    throw new Permanent(`redirected to ${url}, another origin at ${e.kind} (${e.address}): refused`);
  }
}
function describe(e, timeoutMs) {
  if (e instanceof Error && e.name === "AbortError") return `no data for ${timeoutMs / 1e3} s`;
  const message = e instanceof Error ? e.message : String(e);
  const ssl = /:SSL routines:[^:]*:([^:\n]+):/.exec(message);
  if (ssl) {
    const plain = /wrong version number|http request/.test(ssl[1]) ? ": the server may not speak https there" : "";
    return `the TLS handshake failed (${ssl[1]}${plain})`;
  }
  return message.replace(/\s*\n\s*/g, " ").trim();
}

// src/engine/rootfs/paths.ts
function normalizeEntryPath(p) {
  if (p.startsWith("/") || p.includes("\0")) return null;
  const parts = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return null;
    parts.push(part);
  }
  return parts.join("/");
}
var EntryGuard = class {
  kinds = /* @__PURE__ */ new Map();
  nonDirs = /* @__PURE__ */ new Set();
  /** The normalized path when the entry is safe, else null. */
  check(type, rawPath, rawLinkpath) {
    const rel = normalizeEntryPath(rawPath);
    if (rel === null || this.throughNonDir(rel)) return null;
    let kind = type;
    if (type === "Link") {
      const target = rawLinkpath === void 0 ? null : normalizeEntryPath(rawLinkpath);
      if (target === null || target === "" || this.throughNonDir(target)) return null;
      if (this.kinds.get(target) === "SymbolicLink") kind = "SymbolicLink";
    }
    this.kinds.set(rel, kind);
    if (kind !== "Directory") this.nonDirs.add(rel);
    return rel;
  }
  throughNonDir(rel) {
    let i = rel.indexOf("/");
    while (i !== -1) {
      if (this.nonDirs.has(rel.slice(0, i))) return true;
      i = rel.indexOf("/", i + 1);
    }
    return false;
  }
};
function ancestors(rel) {
  const out = [];
  let i = rel.indexOf("/");
  while (i !== -1) {
    out.push(rel.slice(0, i));
    i = rel.indexOf("/", i + 1);
  }
  return out;
}

// src/engine/rootfs/extract.ts
var SANDBOX_ID_COUNT = 65536;
var MAX_TAR_BYTES = 512 * 1024 ** 2;
var CHUNK_BYTES = 1024 ** 2;
var zlib = () => process.getBuiltinModule("node:zlib");
async function extractTarball(gz, dest, opts) {
  const { UnpackSync } = await Promise.resolve().then(() => __toESM(require("./lazy-tar.cjs"), 1));
  const fail2 = (why) => new SetupError("rootfs", `cannot extract ${opts.label}: ${why}`);
  const maxTarBytes = opts.maxTarBytes ?? MAX_TAR_BYTES;
  const notTar = () => fail2(isGzip(gz) ? "the gzip data is not a tar archive" : "not a .tar.gz file");
  const guard = new EntryGuard();
  const metas = /* @__PURE__ */ new Map();
  let escaped = null;
  let foreignOwner = null;
  const unpack = new UnpackSync({
    cwd: dest,
    preservePaths: true,
    // keeps absolute symlink targets (/bin/sh -> /bin/busybox); paths checked below
    preserveOwner: false,
    // owners are set by fixTree, which also covers symlinks
    strict: true,
    // any entry error or damaged archive fails the whole extraction
    maxDepth: 256,
    filter: (p, entry) => {
      if (escaped !== null || foreignOwner !== null) return false;
      if (!("type" in entry)) return false;
      const type = entryType(entry.type);
      const rel = guard.check(type, p, entry.linkpath);
      if (rel === null) {
        escaped = p;
        return false;
      }
      const uid = entry.uid ?? 0;
      const gid = entry.gid ?? 0;
      if (uid >= SANDBOX_ID_COUNT || gid >= SANDBOX_ID_COUNT) {
        foreignOwner = `${p} is owned by ${uid}:${gid}`;
        return false;
      }
      if (entry.mode !== void 0) entry.mode &= ~SETID_BITS;
      metas.set(rel, { type, mode: (entry.mode ?? 0) & 4095, uid, gid });
      return true;
    }
  });
  let inflated = 0;
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of tarChunks(gz)) {
      throwIfCancelled(opts.signal);
      inflated += chunk.length;
      if (inflated > maxTarBytes) {
        throw fail2(`it inflates to more than ${maxTarBytes / 1024 ** 2} MiB (a minirootfs is about 8 MiB)`);
      }
      if (head !== null) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 512) continue;
        if (!isUstar(head)) throw notTar();
        unpack.write(head);
        head = null;
      } else unpack.write(chunk);
      if (escaped !== null || foreignOwner !== null) break;
    }
    if (head !== null) throw notTar();
    unpack.end();
  } catch (e) {
    if (e instanceof SetupError || e instanceof CancelledError) throw e;
    const code = e.code;
    if (code === "ENOSPC" || code === "EDQUOT") {
      const where = node_path_default.dirname(dest);
      const why = code === "ENOSPC" ? "no space left" : "your disk quota is used up";
      throw new SetupError(
        "cache",
        `cannot extract ${opts.label}: ${why} on the file system of '${where}' (${code}; a rootfs takes about 10 MiB); free space there, or use a cache dir elsewhere`
      );
    }
    if (escaped === null && foreignOwner === null) {
      throw fail2(e.code?.startsWith("Z_") ? `gzip: ${errText(e)}` : errText(e));
    }
  }
  if (escaped !== null) {
    throw new SetupError("rootfs", `tarball entry escapes the destination: ${escaped}`);
  }
  if (foreignOwner !== null) {
    throw fail2(`${foreignOwner}, beyond the sandbox's ids 0-${SANDBOX_ID_COUNT - 1}`);
  }
  const count = metas.size;
  if (count === 0) throw fail2("the archive holds no entries");
  fixTree(dest, metas, opts.idShift);
  return count;
}
function fixTree(dest, metas, idShift) {
  const dirs = [];
  const implicit = /* @__PURE__ */ new Set();
  for (const [rel, m] of metas) {
    for (const a of ancestors(rel)) if (!metas.has(a)) implicit.add(a);
    if (m.type === "Directory") dirs.push(rel);
    else if (m.type !== "Link") apply(dest, rel, m, idShift);
  }
  for (const rel of implicit) {
    metas.set(rel, { type: "Directory", mode: 493, uid: 0, gid: 0 });
    dirs.push(rel);
  }
  if (!metas.has("")) apply(dest, "", { type: "Directory", mode: 493, uid: 0, gid: 0 }, idShift);
  dirs.sort((a, b) => depth(b) - depth(a));
  for (const rel of dirs) apply(dest, rel, metas.get(rel), idShift);
}
function apply(dest, rel, m, idShift) {
  const abs = rel === "" ? dest : node_path_default.join(dest, rel);
  try {
    if (idShift !== null) lchownSync(abs, m.uid + idShift, m.gid + idShift);
    if (m.type !== "SymbolicLink") chmodSync(abs, m.mode);
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") return;
    if (idShift !== null && code === "EPERM") {
      throw new SetupError(
        "rootfs",
        `cannot give the rootfs to uid ${idShift}: ${errText(e)}; shifting ownership needs root`
      );
    }
    throw new SetupError("rootfs", `cannot set up ${abs}: ${errText(e)}`);
  }
}
function entryType(t) {
  switch (t) {
    case "Directory":
    case "GNUDumpDir":
      return "Directory";
    case "SymbolicLink":
      return "SymbolicLink";
    case "Link":
      return "Link";
    case "File":
    case "OldFile":
    case "ContiguousFile":
      return "File";
    default:
      return "Other";
  }
}
async function* tarChunks(gz) {
  if (isGzip(gz)) {
    yield* zlib().createGunzip({ chunkSize: CHUNK_BYTES }).end(gz);
    return;
  }
  for (let at3 = 0; at3 < gz.length; at3 += CHUNK_BYTES) {
    yield gz.subarray(at3, at3 + CHUNK_BYTES);
    await new Promise((resolve2) => setImmediate(resolve2));
  }
}
var depth = (rel) => rel === "" ? 0 : rel.split("/").length;
var isGzip = (b) => b.length >= 2 && b[0] === 31 && b[1] === 139;
var isUstar = (b) => b.length >= 512 && b.toString("latin1", 257, 262) === "ustar";
function errText(e) {
  if (e instanceof Error) return e.message.replace(/^TAR_[A-Z_]+: /, "");
  return String(e);
}

// src/engine/flock.ts
var LOCK_SH = 1;
var LOCK_EX2 = 2;
var LOCK_NB = 4;
var EINTR3 = 4;
var EWOULDBLOCK = 11;
var calls2 = libcCalls({ flock: "int flock(int, int)" });
function flock(fd, op) {
  while (calls2().flock(fd, op) < 0) {
    const e = lastErrno();
    if (e !== EINTR3) return e;
  }
  return 0;
}

// src/engine/rootfs/prepare-lock.ts
var POLL_MS = 50;
var DIR_FLAGS2 = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
var FILE_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;
var at2 = (dirFd, name) => `/proc/self/fd/${dirFd}/${name}`;
function openLocksDir(cacheDir, create) {
  const dir = node_path_default.join(cacheDir, "locks");
  try {
    if (create) makeDirs(dir);
    return openSync(dir, DIR_FLAGS2);
  } catch {
    return null;
  }
}
async function lockPreparation(cacheDir, name, opts = {}) {
  await loadLibc();
  const dir = openLocksDir(cacheDir, true);
  if (dir === null) return () => {
  };
  const file = `${name}.lock`;
  let waiting = false;
  try {
    for (; ; ) {
      throwIfCancelled(opts.signal);
      const fd = openLockFile(dir, file);
      if (fd === null) break;
      let r = flock(fd, LOCK_EX2 | LOCK_NB);
      while (r === EWOULDBLOCK) {
        if (!waiting) opts.onWait?.();
        waiting = true;
        await sleepUnlessAborted(POLL_MS, opts.signal);
        if (opts.signal?.aborted) {
          closeSync(fd);
          throw new CancelledError(opts.signal.reason);
        }
        r = flock(fd, LOCK_EX2 | LOCK_NB);
      }
      if (r !== 0) {
        closeSync(fd);
        break;
      }
      if (atName(fd, dir, file)) return releaseOnce(fd, dir, file);
      closeSync(fd);
    }
  } catch (e) {
    closeSync(dir);
    throw e;
  }
  closeSync(dir);
  return () => {
  };
}
function openLockFile(dir, file) {
  let fd;
  try {
    fd = openSync(at2(dir, file), FILE_FLAGS | constants.O_CREAT, 420);
  } catch {
    return null;
  }
  if (isRegular(fd)) return fd;
  closeSync(fd);
  return null;
}
function isRegular(fd) {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}
function atName(fd, dir, file) {
  try {
    const [open, named] = [fstatSync(fd), lstatSync(at2(dir, file))];
    return open.ino === named.ino && open.dev === named.dev;
  } catch {
    return false;
  }
}
function releaseOnce(fd, dir, file) {
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    unlinkQuiet(at2(dir, file));
    closeSync(fd);
    closeSync(dir);
  };
}
function removePlanted(dir, name) {
  try {
    const st = lstatSync(at2(dir, name));
    if (st.isFile() || st.isDirectory()) return false;
    unlinkSync(at2(dir, name));
    return true;
  } catch {
    return false;
  }
}
async function removeIdleLocks(cacheDir) {
  await loadLibc();
  const dir = openLocksDir(cacheDir, false);
  if (dir === null) return 0;
  let removed = 0;
  try {
    for (const n of readdirSync(at2(dir, "")).filter((n2) => n2.endsWith(".lock"))) {
      if (removePlanted(dir, n)) {
        removed++;
        continue;
      }
      let fd;
      try {
        fd = openSync(at2(dir, n), FILE_FLAGS);
      } catch {
        continue;
      }
      try {
        if (!isRegular(fd) || flock(fd, LOCK_EX2 | LOCK_NB) !== 0 || !atName(fd, dir, n)) continue;
        unlinkSync(at2(dir, n));
        removed++;
      } catch {
      } finally {
        closeSync(fd);
      }
    }
  } catch {
  } finally {
    closeSync(dir);
  }
  return removed;
}

// src/engine/rootfs/version.ts
var NUM = "(0|[1-9][0-9]{0,3})";
var BRANCH_RE = new RegExp(`^${NUM}\\.${NUM}$`);
var EXACT_RE = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}$`);
function parseAlpineRequest(text) {
  const t = text ?? "latest-stable";
  if (t === "latest-stable") return { kind: "alias", text: t, dir: "latest-stable" };
  let m = BRANCH_RE.exec(t);
  if (m) return { kind: "branch", text: t, dir: `v${m[1]}.${m[2]}` };
  m = EXACT_RE.exec(t);
  if (m) return { kind: "exact", text: t, dir: `v${m[1]}.${m[2]}`, version: t };
  throw new UsageError(`alpine: '${t}' is not a version; use 3.20, 3.20.3 or latest-stable`);
}
var ARCHES = { x64: "x86_64", arm64: "aarch64" };
function alpineArch(nodeArch) {
  const a = ARCHES[nodeArch];
  if (!a) {
    throw new UsageError(
      `architecture '${nodeArch}' is not supported; nsbox runs on x64 (x86_64) and arm64 (aarch64)`
    );
  }
  return a;
}
function parseReleasesYaml(text) {
  const entries = [];
  let cur = null;
  let lastKey = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    if (line === "" || line === "---" || line.trimStart().startsWith("#")) continue;
    let body = line;
    if (/^-(\s|$)/.test(line)) {
      cur = {};
      entries.push(cur);
      lastKey = null;
      body = line.slice(1);
      if (body.trim() === "") continue;
    }
    if (!cur) continue;
    const open = lastKey !== null && isOpenQuote(cur[lastKey]);
    const kv = open ? null : /^\s*([A-Za-z0-9_-]+):(?:\s+(.*))?$/.exec(body);
    if (kv) {
      lastKey = kv[1];
      cur[lastKey] = kv[2] ?? "";
    } else if (lastKey !== null) {
      cur[lastKey] = `${cur[lastKey]} ${body.trim()}`;
    }
  }
  for (const e of entries) for (const k of Object.keys(e)) e[k] = unquote(e[k]);
  return entries;
}
function isOpenQuote(v) {
  const q = v[0];
  return (q === '"' || q === "'") && (v.length === 1 || v.at(-1) !== q);
}
function unquote(v) {
  const s = v.trim();
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.at(-1) === s[0]) return s.slice(1, -1);
  return s;
}
var FILE_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
var SHA_RE = /^[0-9a-f]{64}$/;
function pickMinirootfs(entries, arch) {
  const e = entries.find(
    (x) => x.flavor === "alpine-minirootfs" && (x.arch === void 0 || x.arch === arch)
  );
  if (!e) return null;
  const { version = "", file = "", branch = "" } = e;
  const sha256 = (e.sha256 ?? "").toLowerCase();
  if (!EXACT_RE.test(version) || !FILE_RE.test(file) || !SHA_RE.test(sha256)) return null;
  return { version, branch, file, sha256 };
}
function parseSha256File(text) {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  return SHA_RE.test(first) ? first : null;
}
function minirootfsFileName(version, arch) {
  return `alpine-minirootfs-${version}-${arch}.tar.gz`;
}
function versionFromFileName(name) {
  const m = /alpine-minirootfs-(\d+\.\d+\.\d+)(?:[-_.]|$)/.exec(name);
  return m ? m[1] : null;
}
function isSha256(s) {
  return SHA_RE.test(s);
}

// src/engine/rootfs/resolve.ts
var DEFAULT_MIRROR = "https://dl-cdn.alpinelinux.org/alpine";
function normalizeMirror(mirror) {
  let u;
  try {
    u = new URL(mirror);
  } catch {
    u = new URL("invalid:");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:" || u.search || u.hash) {
    throw new UsageError(`mirror: '${mirror}' is not an http(s) URL like ${DEFAULT_MIRROR}`);
  }
  return u.href.replace(/\/+$/, "");
}
async function resolveRelease(req, mirror, arch, fetchOpts) {
  const yamlUrl = `${mirror}/${req.dir}/releases/${arch}/latest-releases.yaml`;
  const unknown = (url2) => new SetupError(
    "download",
    `Alpine ${req.text} is not available for ${arch} at ${mirror} (${url2} was not found)`,
    "release"
  );
  let yaml;
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
    const dir = /^v\d+\.\d+$/.test(rel.branch) ? rel.branch : req.dir;
    const url2 = `${mirror}/${dir}/releases/${arch}/${rel.file}`;
    return { version: rel.version, file: rel.file, url: url2, sha256: rel.sha256 };
  }
  const file = minirootfsFileName(req.version, arch);
  const url = `${mirror}/${req.dir}/releases/${arch}/${file}`;
  let text;
  try {
    text = await fetchText(`${url}.sha256`, fetchOpts);
  } catch (e) {
    throw e instanceof NotFoundError ? unknown(`${url}.sha256`) : e;
  }
  const sha256 = parseSha256File(text);
  if (!sha256) throw new SetupError("download", `${url}.sha256 does not hold a sha256 checksum`, "mirror");
  return { version: req.version, file, url, sha256 };
}
function mislabelled(rel, req) {
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

// src/engine/rootfs/runnable.ts
var MACHINES = { x86_64: 62, aarch64: 183 };
var ARCH_OF = new Map(Object.entries(MACHINES).map(([arch, m]) => [m, arch]));
function checkRunnable(dir, label, arch) {
  if (!lstatSync(node_path_default.join(dir, "bin", "sh"), { throwIfNoEntry: false })) {
    throw new SetupError("rootfs", `${label} is not an Alpine minirootfs: it holds no /bin/sh`);
  }
  const machine = elfMachine(node_path_default.join(dir, "bin", "busybox"));
  if (machine === null || machine === MACHINES[arch]) return;
  const theirs = ARCH_OF.get(machine) ?? `ELF machine ${machine}`;
  throw new SetupError(
    "rootfs",
    `${label} is a rootfs for ${theirs} (its /bin/busybox), not for this machine's ${arch}`
  );
}
function elfMachine(file) {
  const h = readHead(file, 20);
  if (h === null || h.length < 20 || h.readUInt32BE(0) !== 2135247942) return null;
  return h[5] === 2 ? h.readUInt16BE(18) : h.readUInt16LE(18);
}

// src/engine/apk/cache.ts
function trustedEnough(meta, want) {
  if (meta.allowUntrusted === void 0 || !Array.isArray(meta.keys)) return want.allowUntrusted;
  if (meta.allowUntrusted && !want.allowUntrusted) return false;
  return JSON.stringify(meta.keys) === JSON.stringify(want.keys);
}
var LAYER_MANIFEST = "manifest.json";
var KEY_RE = /^[0-9a-f]{64}$/;
function packagesBase(cacheDir) {
  return node_path_default.join(cacheDir, "packages");
}
function layerDirs(cacheDir) {
  const base = packagesBase(cacheDir);
  try {
    return readdirSync(base).filter((n) => KEY_RE.test(n)).sort().map((n) => node_path_default.join(base, n));
  } catch {
    return [];
  }
}
var INDEX_TTL_MS = 10 * 60 * 1e3;
var indexShasFile = (cacheDir) => node_path_default.join(packagesBase(cacheDir), "indexes.json");
var indexKey = (repo, arch) => `${withoutCredentials(repo)}|${arch}`;
function freshIndexShas(cacheDir, repos, arch, isUrl2, localSha, now = Date.now()) {
  const known = readJsonOrNull(indexShasFile(cacheDir)) ?? {};
  const shas = [];
  for (const r of repos) {
    if (!isUrl2(r)) {
      const sha = localSha(r);
      if (sha === null) return null;
      shas.push(sha);
      continue;
    }
    const e = known[indexKey(r, arch)];
    if (typeof e?.sha256 !== "string" || typeof e.at !== "number" || !(now - e.at >= 0 && now - e.at < INDEX_TTL_MS))
      return null;
    shas.push(e.sha256);
  }
  return shas;
}
function recordIndexShas(cacheDir, repos, arch, shas) {
  const known = readJsonOrNull(indexShasFile(cacheDir)) ?? {};
  repos.forEach((r, i) => {
    known[indexKey(r, arch)] = { sha256: shas[i], at: Date.now() };
  });
  try {
    writeFileAtomic(indexShasFile(cacheDir), `${JSON.stringify(known)}
`, 420);
  } catch {
  }
}
function readLayerMeta(dir) {
  const m = readJsonOrNull(node_path_default.join(dir, "meta.json"));
  if (typeof m?.at !== "number" || !Array.isArray(m.installed) || !Array.isArray(m.packages)) return null;
  return m;
}
function readLayerManifest(dir) {
  return readManifest(node_path_default.join(dir, LAYER_MANIFEST));
}
function checkedLayer(cacheDir, dir, say) {
  if (!isDir(node_path_default.join(dir, "layer"))) return null;
  const meta = readLayerMeta(dir);
  if (!meta) return null;
  const manifest = readLayerManifest(dir);
  const damage = manifest ? checkTree(node_path_default.join(dir, "layer"), manifest) : "it has no manifest";
  if (damage === null) return meta;
  say(`the cached package layer ${node_path_default.basename(dir).slice(0, 12)} is damaged (${damage}); removing it`);
  discardLayer(cacheDir, dir);
  return null;
}
function touchLayer(dir) {
  try {
    const now = /* @__PURE__ */ new Date();
    utimesSync(node_path_default.join(dir, LAYER_MANIFEST), now, now);
  } catch {
  }
}
function discardLayer(cacheDir, dir) {
  discardTree(cacheDir, dir);
}

// src/engine/rootfs/in-use.ts
function openDir(dir) {
  try {
    return openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch {
    return null;
  }
}
function holdInUse(dir) {
  const fd = openDir(dir);
  if (fd === null) return () => {
  };
  if (flock(fd, LOCK_SH) !== 0) {
    closeSync(fd);
    return () => {
    };
  }
  let open = true;
  return () => {
    if (open) closeSync(fd);
    open = false;
  };
}
function heldInUse(dir) {
  const fd = openDir(dir);
  if (fd === null) return false;
  try {
    return flock(fd, LOCK_EX2 | LOCK_NB) === EWOULDBLOCK;
  } finally {
    closeSync(fd);
  }
}

// src/engine/rootfs/maintain.ts
function mtimeIso(file) {
  try {
    return statSync(file).mtime.toISOString();
  } catch {
    return null;
  }
}
function listTrees(root) {
  let names;
  try {
    names = readdirSync(node_path_default.join(root, "rootfs"));
  } catch {
    return [];
  }
  return names.filter((n) => TREE_NAME_RE.test(n)).sort().map((name) => {
    const dir = node_path_default.join(root, "rootfs", name);
    const m = readManifest(manifestPath(dir));
    return {
      kind: "rootfs",
      name,
      dir,
      version: m?.meta.version ?? null,
      arch: m?.meta.arch ?? null,
      source: m?.meta.source === void 0 ? null : withoutCredentials(m.meta.source),
      // older nsbox: stored with them
      packages: null,
      bytes: m?.bytes ?? null,
      lastUse: mtimeIso(manifestPath(dir))
    };
  });
}
function listLayers(root) {
  return layerDirs(root).map((dir) => {
    const meta = readLayerMeta(dir);
    const m = meta ? readLayerManifest(dir) : null;
    return {
      kind: "packages",
      name: node_path_default.basename(dir),
      dir,
      version: m ? meta?.alpine ?? null : null,
      arch: m ? meta?.arch ?? null : null,
      source: m ? withoutCredentials(meta?.repositories.join(" ") ?? "") || null : null,
      packages: m ? meta?.packages ?? null : null,
      bytes: m?.bytes ?? null,
      lastUse: m ? mtimeIso(node_path_default.join(dir, LAYER_MANIFEST)) : null
    };
  });
}
function listCache(cacheDir) {
  const root = node_path_default.resolve(cacheDir);
  return [...listTrees(root), ...listLayers(root)];
}
function verifyCache(cacheDir) {
  const root = node_path_default.resolve(cacheDir);
  return listCache(root).map((entry) => {
    const tree = entry.kind === "rootfs";
    const m = tree ? readManifest(manifestPath(entry.dir)) : readLayerManifest(entry.dir);
    const damage = m ? verifyTree(tree ? entry.dir : node_path_default.join(entry.dir, "layer"), m) : ["it has no manifest (written by an older nsbox, or damaged)"];
    if (damage.length > 0) (tree ? discardTree : discardLayer)(root, entry.dir);
    return { entry, damage };
  });
}
async function pruneCache(cacheDir, opts = {}) {
  await loadLibc();
  const dir = node_path_default.resolve(cacheDir);
  const now = opts.now ?? Date.now();
  cleanupStaleRootfsTemps(dir);
  const entries = listCache(dir);
  const removed = [];
  const newest = /* @__PURE__ */ new Map();
  const recent = (e) => e.lastUse !== null && now - Date.parse(e.lastUse) < IN_USE_MS;
  for (const e of entries) {
    if (opts.all || e.version === null) {
      removed.push(e);
      continue;
    }
    const layer = e.kind === "packages" ? [e.packages, e.source] : [];
    const key = JSON.stringify([e.kind, branchOf(e.version), e.arch, idShiftOf(e), ...layer]);
    const other = newest.get(key);
    if (!other) newest.set(key, e);
    else {
      const [keep, drop] = (e.lastUse ?? "") > (other.lastUse ?? "") ? [e, other] : [other, e];
      newest.set(key, keep);
      if (!recent(drop) && !heldInUse(drop.dir)) removed.push(drop);
    }
  }
  for (const e of removed) (e.kind === "rootfs" ? discardTree : discardLayer)(dir, e.dir);
  const root = node_path_default.join(dir, "rootfs");
  try {
    for (const n of readdirSync(root)) {
      const m = /^(.*)\.(manifest\.json|check)$/.exec(n);
      if (!m || !TREE_NAME_RE.test(m[1]) || entries.some((e) => e.name === m[1])) continue;
      const file = node_path_default.join(root, n);
      if (opts.all || now - lstatSync(file).mtimeMs >= TEMP_MAX_AGE_MS) rmSync(file, { force: true });
    }
  } catch {
  }
  if (opts.all) rmSync(node_path_default.join(dir, "index.json"), { force: true });
  await removeIdleLocks(dir);
  return removed;
}
var IN_USE_MS = 3600 * 1e3;
function branchOf(version) {
  return /^\d+\.\d+/.exec(version)?.[0] ?? version;
}
function idShiftOf(e) {
  const tree = e.kind === "rootfs" ? e.name : readLayerMeta(e.dir)?.rootfs ?? "";
  return tree.slice(tree.indexOf("-"));
}

// src/engine/rootfs/index.ts
var MAX_TARBALL_BYTES = 512 * 1024 ** 2;
async function prepareRootfs(req) {
  checkIdShift(req.idShift);
  const cacheDir = node_path_default.resolve(req.cacheDir);
  if (req.tarball !== void 0) return fromTarball(req, cacheDir);
  const want = parseAlpineRequest(req.alpine);
  const arch = alpineArch(req.arch ?? process.arch);
  const mirror = normalizeMirror(req.mirror ?? DEFAULT_MIRROR);
  const key = `${withoutCredentials(mirror)}|${want.text}|${arch}`;
  const say = req.onProgress ?? (() => {
  });
  const hit = readIndex(cacheDir)[key];
  let damage = null;
  const defer = req.deferCheck ?? false;
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift, say, defer, (d) => damage = d) : null;
  if (hit && cached && isFresh(hit, want.kind === "exact")) return cached;
  throwIfCancelled(req.signal);
  const t0 = monotonicMs();
  const fetchOpts = {
    httpGet: req.httpGet,
    timeoutMs: req.timeoutMs,
    signal: req.signal,
    hint: "mirror"
  };
  const unrepaired = (e) => damage === null || !(e instanceof SetupError) || e.step !== "download" ? e : new SetupError(
    "rootfs",
    `the cached Alpine rootfs is damaged (${damage}) and cannot be downloaded again: ${e.message}`,
    e.hint
  );
  let rel;
  try {
    say(`resolving Alpine ${want.text} (${arch}) at ${mirror}`);
    rel = await resolveRelease(want, mirror, arch, fetchOpts);
  } catch (e) {
    throwIfCancelled(req.signal);
    if (!cached) throw unrepaired(e);
    say(`${e instanceof Error ? e.message : e}; using the cached Alpine ${cached.version}`);
    return cached;
  }
  const dir = rootfsPath(cacheDir, rel.sha256, req.idShift);
  const use = { say, defer, signal: req.signal, onDamage: (d) => damage = d };
  const usable = await useOrMake(cacheDir, dir, `Alpine ${rel.version}`, use, async () => {
    let gz;
    try {
      gz = await fetchBytes(rel.url, {
        ...fetchOpts,
        maxBytes: MAX_TARBALL_BYTES,
        onBytes: progress(rel.file, say)
      });
    } catch (e) {
      const missing = e instanceof NotFoundError;
      throw unrepaired(missing ? new SetupError("download", `cannot download ${e.message}`, "mirror") : e);
    }
    verify(gz, rel.sha256, rel.file);
    const source = withoutCredentials(rel.url);
    const meta = { kind: "alpine-minirootfs", version: rel.version, arch, source };
    await install(cacheDir, gz, rel.file, req.idShift, dir, say, meta, req.signal, "mirror");
    say(`Alpine ${rel.version} ready in ${Math.round(monotonicMs() - t0)} ms`);
  });
  writeIndexEntry(cacheDir, key, { version: rel.version, sha256: rel.sha256, at: Date.now() });
  return { dir, version: rel.version, sha256: rel.sha256, ...usable };
}
function checkRootfsRequest(req) {
  if (req.tarball !== void 0) {
    tarballStat(req.tarball);
    return;
  }
  parseAlpineRequest(req.alpine);
  normalizeMirror(req.mirror ?? DEFAULT_MIRROR);
}
function tarballStat(tarball) {
  const file = node_path_default.resolve(tarball);
  let st;
  try {
    st = statSync(file);
    accessSync(file, constants.R_OK);
  } catch (e) {
    throw new UsageError(
      `rootfs: cannot read '${tarball}' (${e.code}); give a minirootfs tarball you can read`
    );
  }
  if (!st.isFile())
    throw new UsageError(`rootfs: '${tarball}' is not a file; give a minirootfs .tar.gz file`);
  if (st.size > MAX_TARBALL_BYTES) {
    throw new UsageError(
      `rootfs: '${tarball}' has ${st.size} bytes, more than the ${MAX_TARBALL_BYTES / 1024 ** 2} MiB a rootfs tarball may have; give a minirootfs .tar.gz file (about 3.5 MB)`
    );
  }
  if (!looksLikeTarball(file)) {
    throw new UsageError(`rootfs: '${tarball}' is neither gzip nor tar data; give a minirootfs .tar.gz file`);
  }
  return st;
}
function looksLikeTarball(file) {
  const head = readHead(file, 512);
  return head !== null && (isGzip(head) || isUstar(head));
}
async function fromTarball(req, cacheDir) {
  const file = node_path_default.resolve(req.tarball);
  const st = tarballStat(req.tarball);
  const key = `tarball|${file}|${st.size}|${st.mtimeMs}|${st.ino}`;
  const say = req.onProgress ?? (() => {
  });
  const hit = readIndex(cacheDir)[key];
  const defer = req.deferCheck ?? false;
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift, say, defer) : null;
  if (cached) return cached;
  throwIfCancelled(req.signal);
  const gz = readFileSync(file);
  const sha256 = sha256Hex(gz);
  const dir = rootfsPath(cacheDir, sha256, req.idShift);
  const name = node_path_default.basename(file);
  const usable = await useOrMake(cacheDir, dir, name, { say, defer, signal: req.signal }, async () => {
    const meta = {
      kind: "alpine-minirootfs",
      version: versionFromFileName(name) ?? "",
      arch: alpineArch(req.arch ?? process.arch),
      source: file
    };
    await install(cacheDir, gz, name, req.idShift, dir, say, meta, req.signal, "tarball");
  });
  const version = versionFromFileName(name) ?? releaseFile(dir) ?? "unknown";
  writeIndexEntry(cacheDir, key, { version, sha256, at: Date.now() });
  return { dir, version, sha256, ...usable };
}
async function install(cacheDir, gz, label, idShift, dir, say, meta, signal, source) {
  try {
    ensureCacheDirs(cacheDir);
  } catch (e) {
    throw new SetupError("rootfs", `cannot create the cache ${cacheDir}: ${e.message}`);
  }
  cleanupStaleRootfsTemps(cacheDir);
  const tmp = makeTempDir(cacheDir, 448);
  try {
    say(`extracting ${label}`);
    try {
      await extractTarball(gz, tmp, { label, idShift, signal });
      await new Promise((resolve2) => setImmediate(() => setImmediate(resolve2)));
      throwIfCancelled(signal);
      checkRunnable(tmp, label, meta.arch);
    } catch (e) {
      throw e instanceof SetupError && e.step === "rootfs" && !e.hint ? new SetupError(e.step, e.message, source) : e;
    }
    if (!meta.version) meta.version = releaseFile(tmp) ?? "unknown";
    try {
      const manifest = recordTree(tmp, meta);
      writeManifest(manifestPath(dir), manifest);
      writeCheckList(dir, manifest);
    } catch (e) {
      throw new SetupError("rootfs", `cannot record the manifest of ${dir}: ${e.message}`);
    }
  } catch (e) {
    removeHostTree(tmp);
    throw e;
  }
  let committed;
  try {
    committed = commitDir(tmp, dir);
  } catch (e) {
    if (!isDir(dir)) removeTreeRecords(dir);
    throw e;
  }
  if (!committed) say(`another process prepared ${node_path_default.basename(dir)} at the same time; using it`);
}
function verify(gz, expected, file) {
  const got = sha256Hex(gz);
  if (got !== expected) {
    throw new SetupError("verify", `checksum mismatch for ${file}: expected ${expected}, got ${got}`);
  }
}
function progress(file, say) {
  let next = 0;
  return (got, total) => {
    const mb = (n) => (n / 1024 ** 2).toFixed(1);
    if (total) {
      const pct = Math.floor(got * 100 / total);
      if (pct < next) return;
      next = pct + 10 - pct % 10;
      say(`downloading ${file}: ${pct}% (${mb(got)} of ${mb(total)} MB)`);
    } else if (got >= next) {
      next = got + 1024 ** 2;
      say(`downloading ${file}: ${mb(got)} MB`);
    }
  };
}
function releaseFile(dir) {
  try {
    const file = node_path_default.join(dir, "etc", "alpine-release");
    if (!lstatSync(node_path_default.dirname(file)).isDirectory() || !lstatSync(file).isFile()) return null;
    const v = readFileSync(file, "utf8").trim();
    return /^\d+\.\d+\.\d+/.test(v) ? v : null;
  } catch {
    return null;
  }
}
function cachedTree(cacheDir, e, idShift, say, defer, onDamage) {
  if (typeof e.version !== "string" || typeof e.at !== "number" || !isSha256(String(e.sha256))) return null;
  const dir = rootfsPath(cacheDir, e.sha256, idShift);
  const usable = useTree(cacheDir, dir, say, defer, onDamage);
  return usable ? { dir, version: e.version, sha256: e.sha256, ...usable } : null;
}
async function useOrMake(cacheDir, dir, label, use, make) {
  const cached = useTree(cacheDir, dir, use.say, use.defer, use.onDamage);
  if (cached) return cached;
  const unlock = await lockPreparation(cacheDir, `rootfs-${node_path_default.basename(dir)}`, {
    signal: use.signal,
    onWait: () => use.say(`waiting for another nsbox process preparing ${label}`)
  });
  try {
    const made = useTree(cacheDir, dir, use.say, use.defer, use.onDamage);
    if (made) return made;
    await make();
    return {};
  } finally {
    unlock();
  }
}
function useTree(cacheDir, dir, say, defer, onDamage) {
  if (!isDir(dir)) return null;
  const file = manifestPath(dir);
  if (defer && existsSync(checkListPath(dir)) && touch(file)) return { checkList: checkListPath(dir) };
  const m = readManifest(file);
  const damage = m ? checkTree(dir, m) : "it has no manifest (written by an older nsbox)";
  if (damage === null) {
    touch(file);
    if (defer && m) {
      try {
        writeCheckList(dir, m);
      } catch {
      }
    }
    return {};
  }
  say(`the cached rootfs ${node_path_default.basename(dir)} is damaged (${damage}); removing it to extract it again`);
  onDamage?.(damage);
  try {
    discardTree(cacheDir, dir);
  } catch (e) {
    const why = e.code ?? e.message;
    throw new SetupError(
      "rootfs",
      `the cached rootfs ${dir} is damaged (${damage}) and cannot be removed (${why}); remove it by hand`
    );
  }
  return null;
}
function touch(file) {
  try {
    const now = /* @__PURE__ */ new Date();
    utimesSync(file, now, now);
    return true;
  } catch {
    return false;
  }
}
function writeCheckList(dir, m) {
  const text = checkListText(m);
  if (text === null) rmSync(checkListPath(dir), { force: true });
  else writeFileAtomic(checkListPath(dir), text, 420);
}
function checkIdShift(s) {
  if (s !== null && (!Number.isInteger(s) || s < 0 || s > 4294967295 - SANDBOX_ID_COUNT)) {
    throw new UsageError(`idShift: ${s} is not a valid host id base`);
  }
}

// src/engine/apk/index.ts
var MAX_INDEX_TEXT = 64 * 1024 ** 2;
var MAX_INDEX_ENTRIES = 25e4;
var MAX_INDEX_TOKENS = 25e5;
var zlib2 = () => process.getBuiltinModule("node:zlib");
var IndexTooLarge = class extends Error {
};
function readIndexEntries(gz) {
  let tar;
  try {
    tar = zlib2().gunzipSync(gz, { maxOutputLength: MAX_INDEX_TEXT });
  } catch (e) {
    if (e.code === "ERR_BUFFER_TOO_LARGE")
      throw new IndexTooLarge(`it inflates to over ${MAX_INDEX_TEXT / 1024 ** 2} MiB`);
    return [];
  }
  const text = tarMember(tar, "APKINDEX");
  return text === null ? [] : parseIndexText(text.toString("utf8"));
}
function tarMember(tar, wanted) {
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) return null;
    const name = h.subarray(0, 100).toString("latin1").replace(/\0.*$/s, "");
    const size = Number.parseInt(
      h.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0",
      8
    );
    if (!Number.isSafeInteger(size) || size < 0) return null;
    const start = off + 512;
    if (start + size > tar.length) return null;
    if (name === wanted && (h[156] === 48 || h[156] === 0)) return tar.subarray(start, start + size);
    off = start + Math.ceil(size / 512) * 512;
  }
  return null;
}
function parseIndexText(text) {
  const out = [];
  let blocks = 0;
  let tokens = 0;
  const list = (v) => {
    if (!v) return [];
    const words3 = v.split(/\s+/, MAX_INDEX_TOKENS - tokens + 1);
    tokens += words3.length;
    if (tokens > MAX_INDEX_TOKENS)
      throw new IndexTooLarge(`its entries name over ${MAX_INDEX_TOKENS} dependencies and provides`);
    return words3;
  };
  let f = {};
  let lines = 0;
  const endBlock = () => {
    if (lines === 0) return;
    if (++blocks > MAX_INDEX_ENTRIES) throw new IndexTooLarge(`it has over ${MAX_INDEX_ENTRIES} entries`);
    const { P: name, V: version, D: depends, p: provides, k: priority } = f;
    f = {};
    lines = 0;
    if (!name || !version || !isPackageName(name)) return;
    out.push({
      name,
      version,
      depends: list(depends),
      provides: list(provides),
      priority: Number(priority ?? 0) || 0
    });
  };
  for (let at3 = 0; at3 < text.length; ) {
    const nl = text.indexOf("\n", at3);
    const end = nl < 0 ? text.length : nl;
    if (end === at3)
      endBlock();
    else {
      lines++;
      const key = text[at3];
      if (text.charCodeAt(at3 + 1) === 58 && !(key in f)) f[key] = text.slice(at3 + 2, end).trim();
    }
    at3 = end + 1;
  }
  endBlock();
  return out;
}
function depName(token) {
  return token.replace(/[<>=~].*$/, "");
}
function guessFetches(requested2, entries, installed) {
  const has = /* @__PURE__ */ new Set();
  for (const e of installed) {
    has.add(e.name);
    for (const p of e.provides) has.add(depName(p));
  }
  const byName = /* @__PURE__ */ new Map();
  const byProvide = /* @__PURE__ */ new Map();
  const add = (m, k, e) => {
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  };
  for (const e of entries) {
    add(byName, e.name, e);
    for (const p of e.provides) add(byProvide, depName(p), e);
  }
  const picked = /* @__PURE__ */ new Map();
  const queue = [...requested2];
  while (queue.length > 0) {
    const token = queue.shift();
    const want = depName(token);
    if (!want || want.startsWith("!") || has.has(want)) continue;
    const named = byName.get(want);
    const candidates = named ?? [...byProvide.get(want) ?? []].sort((a, b) => b.priority - a.priority);
    const constrained = /[<>=~]/.test(token);
    const chosen = named ? constrained ? named : [named.reduce((best, e) => compareApkVersions(e.version, best.version) > 0 ? e : best)] : candidates.slice(0, 1);
    has.add(want);
    for (const e of chosen) {
      const id = `${e.name}-${e.version}`;
      if (picked.has(id)) continue;
      picked.set(id, e);
      has.add(e.name);
      for (const p of e.provides) has.add(depName(p));
      queue.push(...e.depends);
    }
  }
  return [...picked.keys()];
}
var SUFFIX_ORDER = ["alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"];
var VERSION_RE = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(\d+))?$/;
function compareApkVersions(a, b) {
  const pa = VERSION_RE.exec(a);
  const pb = VERSION_RE.exec(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  const nums = (m) => m[1].split(".").map(Number);
  const suffixes = (m) => [...m[3].matchAll(/_([a-z]+)(\d*)/g)].map((x) => [
    SUFFIX_ORDER.indexOf(x[1]),
    Number(x[2] || 0)
  ]);
  const [na, nb] = [nums(pa), nums(pb)];
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d !== 0) return d;
  }
  if (pa[2] !== pb[2]) return pa[2] < pb[2] ? -1 : 1;
  const [sa, sb] = [suffixes(pa), suffixes(pb)];
  const plain = SUFFIX_ORDER.indexOf("");
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const [ka, va] = sa[i] ?? [plain, 0];
    const [kb, vb] = sb[i] ?? [plain, 0];
    if (ka !== kb) return ka - kb;
    if (va !== vb) return va - vb;
  }
  return Number(pa[4] ?? 0) - Number(pb[4] ?? 0);
}

// src/engine/apk/keys.ts
var MAX_KEY_BYTES = 16 * 1024;
var PEM_PUBLIC = "-----BEGIN PUBLIC KEY-----";
function checkKeyFiles(files) {
  const byName = /* @__PURE__ */ new Map();
  for (const file of files) {
    const text = checkKeyFile(file);
    const name = node_path_default.basename(file);
    const first = byName.get(name);
    if (!first) byName.set(name, { file, text });
    else if (first.text !== text)
      throw new UsageError(
        `repository-key: '${first.file}' and '${file}' are different keys of one name (${name}); give only the one the repository is signed with`
      );
  }
}
function checkKeysAgainstRootfs(files, rootfsDir) {
  for (const file of files) {
    const name = node_path_default.basename(file);
    const own = rootfsKey(rootfsDir, name);
    if (own === null || own.equals(readRegularFile(file, MAX_KEY_BYTES))) continue;
    throw new UsageError(
      `repository-key: '${file}' is another key of the same name as the rootfs's own key ${name}, which it would replace; give your key the name the repository's index is signed under (apk finds a key by that name), and if that is ${name}, sign the index again with a key pair of a name of its own`
    );
  }
}
function rootfsKey(rootfsDir, name) {
  try {
    return readRegularFileBelow(rootfsDir, ["etc", "apk", "keys", name], MAX_KEY_BYTES);
  } catch (e) {
    if (e instanceof RefusedFileError && e.reason === "missing") return null;
    return Buffer.alloc(0);
  }
}
function checkKeyFile(file) {
  const fix = "give the repository's public key file (NAME.rsa.pub)";
  if (!/^[A-Za-z0-9._+@-]+\.pub$/.test(node_path_default.basename(file)))
    throw new UsageError(`repository-key: '${file}' is not named like an apk key (*.pub); ${fix}`);
  let text;
  try {
    text = readRegularFile(file, MAX_KEY_BYTES).toString("latin1");
  } catch (e) {
    const why = e instanceof RefusedFileError && e.reason === "too-large" ? `is larger than a public key (over ${MAX_KEY_BYTES / 1024} KiB)` : "is not a readable key file";
    throw new UsageError(`repository-key: '${file}' ${why}; ${fix}`);
  }
  if (!text.trimStart().startsWith(PEM_PUBLIC))
    throw new UsageError(`repository-key: '${file}' is not a PEM public key (no ${PEM_PUBLIC} line); ${fix}`);
  return text;
}

// src/engine/apk/repos.ts
var MAX_INDEX_BYTES = 64 * 1024 ** 2;
var MAX_PACKAGE_BYTES = 1024 ** 3;
var MAX_STAGED_BYTES = 8 * 1024 ** 3;
var isUrl = (r) => /^https?:\/\//.test(r);
function normalizeRepositories(repos) {
  const spelled = repos.map((r) => isUrl(r) ? r.replace(/\/+$/, "") : realpathSync(node_path_default.resolve(r)));
  return [...new Set(spelled)];
}
var STAGE_PARALLEL = 4;
async function stagePackages(staged, files, budget, signal) {
  const queue = [...files];
  let failure = null;
  const worker = async () => {
    for (let f = queue.shift(); f !== void 0 && !failure; f = queue.shift()) {
      try {
        await stagePackage(staged, f, budget, signal);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(STAGE_PARALLEL, queue.length) }, worker));
  if (failure) throw failure.error;
}
async function stagePackage(staged, file, budget, signal) {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]*\.apk$/.test(file)) return;
  const overBudget = () => new SetupError(
    "packages",
    `the packages to download exceed ${MAX_STAGED_BYTES / 1024 ** 3} GiB in all (at ${file}); check the repository's index`
  );
  for (const s of staged) {
    const cap = Math.min(MAX_PACKAGE_BYTES, budget.left);
    if (cap <= 0) throw overBudget();
    let got = 0;
    try {
      await fetchToFile(`${s.url}/${node_path_default.basename(s.dir)}/${file}`, node_path_default.join(s.dir, file), {
        maxBytes: cap,
        signal,
        onBytes: (received) => {
          budget.left -= received - got;
          got = received;
          if (budget.left < 0) throw new Error("over the install's budget");
        }
      });
      return;
    } catch (e) {
      const over = budget.left < 0 || cap < MAX_PACKAGE_BYTES && e instanceof SetupError && e.message.includes("larger than");
      budget.left += got;
      if (over) throw overBudget();
      if (e instanceof NotFoundError) continue;
      throw e;
    }
  }
}
var IndexUnreadable = class extends Error {
  constructor(message, fix) {
    super(message);
    this.fix = fix;
  }
  fix;
};
function readLocalIndex(repo, arch) {
  try {
    return readRegularFileBelow(node_path_default.resolve(repo), [arch, "APKINDEX.tar.gz"], MAX_INDEX_BYTES);
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
      `give the directory that holds ${arch}/APKINDEX.tar.gz`
    );
  }
}
async function readIndex2(repo, arch, signal) {
  const index = isUrl(repo) ? await fetchIndex(repo, arch, signal) : readLocalIndex(repo, arch);
  if (index instanceof Buffer && !isGzip(index))
    return new IndexUnreadable(
      `its ${arch}/APKINDEX.tar.gz is not gzip data, so no apk index`,
      "check the repository"
    );
  return index;
}
async function fetchIndex(repo, arch, signal) {
  try {
    return await fetchBytes(`${repo}/${arch}/APKINDEX.tar.gz`, {
      maxBytes: MAX_INDEX_BYTES,
      attempts: 2,
      signal
    });
  } catch (e) {
    return new IndexUnreadable(e instanceof Error ? e.message : String(e), "check the repository's URL");
  }
}

// src/engine/apk/layer.ts
function identity(req) {
  return {
    alpine: req.alpine,
    arch: req.arch,
    rootfs: node_path_default.basename(req.rootfsDir),
    packages: req.packages,
    // Recorded in the layer's world-readable meta.json: a repository's user and password stay out of it.
    repositories: req.repositories.map(withoutCredentials)
  };
}
function trust(req) {
  return { keys: req.keys.map((k) => [node_path_default.basename(k), sha256File(k)]), allowUntrusted: req.allowUntrusted };
}
function packageLayerKey(req, indexShas) {
  const id = identity(req);
  return sha256Hex(
    JSON.stringify({
      ...id,
      repositories: id.repositories.map((r, i) => [r, indexShas[i] ?? ""]),
      ...trust(req)
    })
  );
}
var REPO_MOUNT = "/tmp/nsbox-repo";
var MAX_APK_OUTPUT = 256 * 1024;
function defaultRepositories(mirror, alpine) {
  const xy = /^(\d+\.\d+)/.exec(alpine)?.[1] ?? "edge";
  const branch = xy === "edge" ? "edge" : `v${xy}`;
  return [`${mirror}/${branch}/main`, `${mirror}/${branch}/community`];
}
function checkPackageRequest(req) {
  parsePackages(req.packages);
  for (const r of req.repositories) {
    if (isUrl(r)) continue;
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(r)) {
      throw new UsageError(
        `repository: '${r}' is neither an http(s) URL nor a directory path; use https://\u2026 or ./repo`
      );
    }
    if (!isDir(node_path_default.resolve(r)))
      throw new UsageError(
        `repository: '${r}' is not a directory on the host; give an existing apk repository`
      );
  }
  checkKeyFiles(req.keys);
}
async function preparePackageLayer(req, sandboxes) {
  const say = req.onProgress ?? (() => {
  });
  checkKeysAgainstRootfs(req.keys, req.rootfsDir);
  const base = packagesBase(req.cacheDir);
  mkdirSync(base, { recursive: true, mode: 493 });
  const fresh = freshIndexShas(req.cacheDir, req.repositories, req.arch, isUrl, (r) => {
    const index = readLocalIndex(r, req.arch);
    return index instanceof Error ? null : sha256Hex(index);
  });
  if (fresh) {
    const final = node_path_default.join(base, packageLayerKey(req, fresh));
    const hit = checkedLayer(req.cacheDir, final, say);
    if (hit) {
      touchLayer(final);
      return { dir: node_path_default.join(final, "layer"), installed: hit.installed, cached: true };
    }
  }
  const tmp = makeTempDir(req.cacheDir);
  const work = makeTempDir(req.cacheDir, 448);
  let early = null;
  let unlock = () => {
  };
  let gaveUp = null;
  const giveUp = () => gaveUp ??= (early?.discard() ?? Promise.resolve()).then(() => {
    removeHostTree(tmp);
    removeHostTree(work);
  });
  try {
    const install2 = new ApkInstall(req, work, say);
    const first = install2.sandbox(node_path_default.join(work, "scratch"));
    const prepared = sandboxes.prepare(first.opts, first.internal);
    early = prepared;
    const indexes = await Promise.all(req.repositories.map((r) => readIndex2(r, req.arch, req.signal)));
    throwIfCancelled(req.signal);
    const missing = indexes.findIndex((x) => x instanceof Error);
    if (missing >= 0) {
      await giveUp();
      const fallback = newestMatching(req, say);
      const why = indexes[missing].message;
      const unreadable = indexes[missing];
      const fix = unreadable instanceof IndexUnreadable ? `; ${unreadable.fix}` : "";
      if (!fallback)
        throw new SetupError(
          "packages",
          `cannot read the index of ${req.repositories[missing]}: ${why}${fix}`
        );
      const at3 = new Date(fallback.meta.at).toISOString();
      say(
        `cannot read the index of ${req.repositories[missing]}: ${why}; using the cached package layer of ${at3}`
      );
      touchLayer(fallback.dir);
      return { dir: node_path_default.join(fallback.dir, "layer"), installed: fallback.meta.installed, cached: true };
    }
    const shas = indexes.map((x) => sha256Hex(x));
    const urls = req.repositories.flatMap((r, i) => isUrl(r) ? [[r, shas[i]]] : []);
    const rememberShas = () => recordIndexShas(
      req.cacheDir,
      urls.map(([r]) => r),
      req.arch,
      urls.map(([, s]) => s)
    );
    const key = packageLayerKey(req, shas);
    const final = node_path_default.join(base, key);
    const cachedLayer = async () => {
      const hit2 = checkedLayer(req.cacheDir, final, say);
      if (!hit2) return null;
      rememberShas();
      await giveUp();
      touchLayer(final);
      return { dir: node_path_default.join(final, "layer"), installed: hit2.installed, cached: true };
    };
    const hit = await cachedLayer();
    if (hit) return hit;
    unlock = await lockPreparation(req.cacheDir, `packages-${key}`, {
      signal: req.signal,
      onWait: () => say("waiting for another nsbox process installing the same package layer")
    });
    const made = await cachedLayer();
    if (made) return made;
    const t0 = monotonicMs();
    say(`installing ${req.packages.join(" ")} into the package layer`);
    const rootfsPackages = installedIn(req.rootfsDir, "the rootfs");
    if (!await install2.stageGuess(indexes, rootfsPackages))
      await install2.stageFromDryRun(sandboxes.run);
    let kept;
    try {
      const installing = prepared.start();
      rememberShas();
      kept = await first.finish(installing);
    } catch (e) {
      throwIfCancelled(req.signal);
      if (!(e instanceof ApkFailure) || e.explained || !install2.stages || install2.dryRan) throw e;
      await install2.stageFromDryRun(sandboxes.run);
      const again = install2.sandbox(node_path_default.join(work, "scratch-2"));
      kept = await again.finish(sandboxes.run(again.opts, again.internal));
    }
    throwIfCancelled(req.signal);
    renameSync(kept.upper, node_path_default.join(tmp, "layer"));
    sandboxes.removeLater(work);
    const installed = addedPackages(
      nameAndVersion(rootfsPackages),
      nameAndVersion(installedIn(node_path_default.join(tmp, "layer"), "the package layer"))
    );
    const meta = {
      ...identity(req),
      ...trust(req),
      // what a fallback to this layer must match
      installed,
      at: Date.now()
    };
    writeFileSync(node_path_default.join(tmp, "meta.json"), `${JSON.stringify(meta)}
`, { mode: 420 });
    writeManifest(
      node_path_default.join(tmp, LAYER_MANIFEST),
      recordTree(node_path_default.join(tmp, "layer"), { packages: req.packages.join(" ") })
    );
    throwIfCancelled(req.signal);
    const committed = commitDir(tmp, final);
    if (!committed) say("another process prepared the same package layer at the same time; using it");
    say(`package layer ready in ${Math.round(monotonicMs() - t0)} ms`);
    return {
      dir: node_path_default.join(final, "layer"),
      // Ours was recorded just above; the other process's, committed whole by its rename, says its own.
      installed: committed ? installed : readLayerMeta(final)?.installed ?? installed,
      cached: false
    };
  } catch (e) {
    await giveUp();
    if (req.signal?.aborted && !(e instanceof CancelledError)) throw new CancelledError(req.signal.reason);
    throw e;
  } finally {
    unlock();
  }
}
var ApkInstall = class {
  constructor(req, work, say) {
    this.req = req;
    this.say = say;
    req.repositories.forEach((r, i) => {
      const target = `${REPO_MOUNT}/${i}`;
      if (!isUrl(r)) {
        this.mounts.push({ source: node_path_default.resolve(r), target, mode: "ro" });
        return;
      }
      const dir = node_path_default.join(work, "repos", String(i));
      mkdirSync(node_path_default.join(dir, req.arch), { recursive: true, mode: 493 });
      this.staged.push({ url: r, dir: node_path_default.join(dir, req.arch), repo: i });
      this.mounts.push({ source: dir, target, mode: "ro" });
    });
    this.files = req.keys.map((k) => [`/etc/apk/keys/${node_path_default.basename(k)}`, readFileSync(k, "utf8")]);
    this.argv = [
      "apk",
      "add",
      "--no-cache",
      "--no-progress",
      "--repositories-file",
      "/dev/null",
      ...req.repositories.flatMap((_, i) => ["-X", `${REPO_MOUNT}/${i}`]),
      ...req.allowUntrusted ? ["--allow-untrusted"] : []
    ];
  }
  req;
  say;
  mounts = [];
  staged = [];
  files;
  argv;
  fetched = /* @__PURE__ */ new Set();
  // each file at most once, the retry's included
  budget = { left: MAX_STAGED_BYTES };
  // bytes all staged files may take together
  /** Whether apk's dry run staged the files: a second would name no more. */
  dryRan = false;
  /** Whether any repository is staged (http(s)): only then can a missed guess be made good. */
  get stages() {
    return this.staged.length > 0;
  }
  /**
   * An install sandbox keeping its writable layer in `layerDir`. apk may set setuid/setgid modes in it (a
   * package that ships such a file, e.g. shadow, sudo, fuse3, fails to install otherwise), and the layer's
   * bits are cleared as soon as the sandbox has ended: inside they would give nothing anyway
   * (no_new_privs), but on the host a setuid file owned by the sandboxes' uid (2000000000 as root) would
   * let any host user who reaches it become that uid, the owner of every sandbox's files.
   */
  sandbox(layerDir) {
    let layer = null;
    const sb = this.apkSandbox([...this.argv, ...this.req.packages], {
      layerDir,
      keepLayer: (k) => {
        layer = k;
      },
      setidModes: true
    });
    return {
      ...sb,
      finish: async (result) => {
        try {
          await sb.outcome(result);
        } catch (e) {
          layer?.dispose();
          throw e;
        }
        const kept = layer;
        if (!kept) throw new SetupError("packages", "the package installation left no layer");
        let cleared;
        try {
          cleared = clearSetidBits(kept.upper);
        } catch (e) {
          kept.dispose();
          throw new SetupError(
            "packages",
            `cannot clear the setuid/setgid bits of the package layer: ${e.message}`
          );
        }
        if (cleared > 0) this.say(`cleared the setuid/setgid bits of ${cleared} packaged files`);
        return kept;
      }
    };
  }
  /**
   * The index files, and the .apk files of the dependency closure read from the indexes on the host.
   * False when an index is too large for the host to read before apk has verified it: nothing guessed.
   */
  async stageGuess(indexes, installed) {
    if (!this.stages) return true;
    for (const { dir, repo } of this.staged)
      writeFileSync(node_path_default.join(dir, "APKINDEX.tar.gz"), indexes[repo], { mode: 420 });
    const entries = [];
    for (const [i, index] of indexes.entries()) {
      try {
        entries.push(readIndexEntries(index));
      } catch (e) {
        if (!(e instanceof IndexTooLarge)) throw e;
        const repo = withoutCredentials(this.req.repositories[i]);
        this.say(
          `the index of ${repo} is too large to read on the host (${e.message}); apk names the files to download`
        );
        return false;
      }
    }
    await this.stage(guessFetches(this.req.packages, entries.flat(), installed));
    return true;
  }
  /** What apk's own dry run says it needs, beyond what was staged. */
  async stageFromDryRun(run3) {
    this.dryRan = true;
    const dry = this.apkSandbox([...this.argv, "--simulate", ...this.req.packages], {});
    const plan = await dry.outcome(run3(dry.opts, dry.internal));
    await this.stage(parseInstallPlan(plan).map((p) => `${p.name}-${p.version}`));
  }
  stage(ids) {
    const files = ids.filter((id) => !this.fetched.has(id) && this.fetched.add(id)).map((id) => `${id}.apk`);
    return stagePackages(this.staged, files, this.budget, this.req.signal);
  }
  /** apk in a sandbox without network; `outcome` is its output, or the error apk's output explains. */
  apkSandbox(argv, internal) {
    const chunks = [];
    let size = 0;
    const opts = {
      argv,
      mounts: this.mounts,
      hostname: "nsbox-apk",
      signal: this.req.signal,
      stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
      onOutput: (_s, chunk) => {
        if (size < MAX_APK_OUTPUT) chunks.push(chunk.subarray(0, MAX_APK_OUTPUT - size));
        size += chunk.length;
      }
    };
    const outcome = async (pending) => apkOutcome(await pending, Buffer.concat(chunks).toString("utf8"));
    return { opts, internal: { ...internal, network: "none", files: this.files }, outcome };
  }
};
function apkOutcome(result, output) {
  if (result.status === "ok") return output;
  if (result.status === "setup-error")
    throw new SetupError("packages", `the package sandbox could not start: ${result.error?.message}`);
  const known = explainApkFailure(output);
  const said = apkErrorSummary(output);
  throw new ApkFailure(
    known?.message ?? `apk add failed (exit ${result.exitCode})${said ? `: ${said}` : ""}`,
    known !== null
  );
}
var ApkFailure = class extends SetupError {
  constructor(message, explained) {
    super("packages", message);
    this.explained = explained;
  }
  explained;
};
function nameAndVersion(db) {
  return db.map(({ name, version }) => ({ name, version }));
}
var MAX_DB_BYTES = 64 * 1024 ** 2;
function readDb(tree, what) {
  try {
    return readRegularFileBelow(tree, ["lib", "apk", "db", "installed"], MAX_DB_BYTES).toString("utf8");
  } catch (e) {
    if (!(e instanceof RefusedFileError)) throw e;
    if (e.reason === "missing") return "";
    const why = {
      symlink: "is a symbolic link or lies under one",
      "not-a-file": "is not a regular file",
      "too-large": `is larger than ${MAX_DB_BYTES / 1024 ** 2} MiB`,
      unreadable: `cannot be read (${e.code})`
    }[e.reason];
    throw new SetupError("packages", `the apk database of ${what} (lib/apk/db/installed) ${why}`);
  }
}
function installedIn(tree, what) {
  try {
    return parseIndexText(readDb(tree, what));
  } catch (e) {
    if (!(e instanceof IndexTooLarge)) throw e;
    throw new SetupError("packages", `the apk database of ${what} is too large to read: ${e.message}`);
  }
}
function sameIdentity(a, b) {
  const of = (x) => JSON.stringify([x.alpine, x.arch, x.rootfs, x.packages, x.repositories]);
  return of(a) === of(b);
}
function newestMatching(req, say) {
  const want = identity(req);
  const wantTrust = trust(req);
  let best = null;
  for (const dir of layerDirs(req.cacheDir)) {
    const meta = checkedLayer(req.cacheDir, dir, say);
    if (!meta || !sameIdentity(meta, want) || !trustedEnough(meta, wantTrust)) continue;
    if (!best || meta.at > best.meta.at) best = { dir, meta };
  }
  return best;
}

// builtin:node:net
var builtin6 = require("node:net");
var exportOf6 = (name) => builtin6[name];
var Socket = /* @__PURE__ */ exportOf6("Socket");

// builtin:node:url
var builtin7 = require("node:url");
var exportOf7 = (name) => builtin7[name];
var fileURLToPath = /* @__PURE__ */ exportOf7("fileURLToPath");

// src/engine/spawn.ts
var O_RDWR = 2;
var AF_UNIX = 1;
var SOCK_SEQPACKET = 5;
var SOCK_CLOEXEC2 = 524288;
var SOL_SOCKET2 = 1;
var SCM_RIGHTS = 1;
var MSG_DONTWAIT = 64;
var MSG_NOSIGNAL = 16384;
var O_CLOEXEC = 524288;
var WNOHANG = 1;
var POSIX_SPAWN_SETSIGMASK = 8;
var POSIX_SPAWN_SETSIGDEF = 4;
var OPAQUE = 1024;
var calls3 = null;
function bind() {
  if (calls3) return calls3;
  const lib = libcHandle();
  const k = koffiModule();
  k.struct("nsbox_iovec", { base: "void *", len: "size_t" });
  k.struct("nsbox_msghdr", {
    name: "void *",
    namelen: "uint32_t",
    iov: "nsbox_iovec *",
    iovlen: "size_t",
    control: "void *",
    controllen: "size_t",
    flags: "int"
  });
  calls3 = {
    spawn: lib.func(
      "int posix_spawn(_Out_ int *pid, const char *path, void *fa, void *attr, const char **argv, const char **envp)"
    ),
    faInit: lib.func("int posix_spawn_file_actions_init(void *fa)"),
    faDup2: lib.func("int posix_spawn_file_actions_adddup2(void *fa, int fd, int newfd)"),
    faOpen: lib.func(
      "int posix_spawn_file_actions_addopen(void *fa, int fd, const char *path, int flags, int mode)"
    ),
    faDestroy: lib.func("int posix_spawn_file_actions_destroy(void *fa)"),
    attrInit: lib.func("int posix_spawnattr_init(void *attr)"),
    attrSetFlags: lib.func("int posix_spawnattr_setflags(void *attr, short flags)"),
    attrSetSigDefault: lib.func("int posix_spawnattr_setsigdefault(void *attr, const void *set)"),
    attrSetSigMask: lib.func("int posix_spawnattr_setsigmask(void *attr, const void *set)"),
    attrDestroy: lib.func("int posix_spawnattr_destroy(void *attr)"),
    sigfillset: lib.func("int sigfillset(void *set)"),
    sigemptyset: lib.func("int sigemptyset(void *set)"),
    sigaddset: lib.func("int sigaddset(void *set, int sig)"),
    pipe2: lib.func("int pipe2(_Out_ int *fds, int flags)"),
    socketpair: lib.func("int socketpair(int domain, int type, int protocol, _Out_ int *sv)"),
    sendmsg: lib.func("long sendmsg(int fd, const nsbox_msghdr *msg, int flags)"),
    waitpid: lib.func("int waitpid(int pid, _Out_ int *status, int options)")
  };
  return calls3;
}
function makePipe(c = bind()) {
  const fds = new Int32Array(2);
  if (c.pipe2(fds, O_CLOEXEC) !== 0) throw new SetupError("helper", `pipe2 failed: errno ${lastErrno()}`);
  return [fds[0], fds[1]];
}
function reap(c, pid) {
  return new Promise((resolve2) => {
    const status = new Int32Array(1);
    let delay = 0;
    const poll = () => {
      const r = c.waitpid(pid, status, WNOHANG);
      if (r === pid) {
        const s = status[0];
        const sig = s & 127;
        resolve2(sig === 0 ? { code: s >> 8 & 255, signal: null } : { code: null, signal: sig });
      } else if (r < 0) {
        resolve2({ code: null, signal: null });
      } else {
        delay = Math.min(delay * 2 || 1, 50);
        setTimeout(poll, delay).unref();
      }
    };
    poll();
  });
}
var SERVER_BLOCKED = [
  1,
  2,
  15
  /* SIGTERM */
];
function launch(c, path, argv, fa, attr, pid) {
  const sigs = Buffer.alloc(OPAQUE);
  c.sigfillset(sigs);
  c.attrSetSigDefault(attr, sigs);
  c.sigemptyset(sigs);
  for (const sig of SERVER_BLOCKED) c.sigaddset(sigs, sig);
  c.attrSetSigMask(attr, sigs);
  c.attrSetFlags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  return c.spawn(pid, path, fa, attr, [path, ...argv, null], [null]);
}
function spawnServer(path, args = []) {
  const c = bind();
  const fa = Buffer.alloc(OPAQUE);
  const attr = Buffer.alloc(OPAQUE);
  const sv = new Int32Array(2);
  if (c.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC2, 0, sv) !== 0)
    throw new SetupError("helper", `socketpair failed: errno ${lastErrno()}`);
  const [mine, theirs] = [sv[0], sv[1]];
  const [eventsIn, eventsOut] = makePipe(c);
  c.faInit(fa);
  c.attrInit(attr);
  try {
    for (const fd of [0, 1, 2]) c.faOpen(fa, fd, "/dev/null", O_RDWR, 0);
    c.faDup2(fa, theirs, 3);
    c.faDup2(fa, eventsOut, 4);
    const pid = [0];
    const err = launch(c, path, ["--serve", ...args], fa, attr, pid);
    if (err !== 0) {
      closeSync(mine);
      closeSync(eventsIn);
      throw new SetupError("helper", `cannot start the sandbox helper ${path}: errno ${err}`);
    }
    const events = new Socket({ fd: eventsIn, readable: true, writable: false });
    const serverPid = pid[0];
    const exit = new Promise((resolve2) => events.once("close", () => resolve2())).then(
      () => reap(c, serverPid)
    );
    return { pid: serverPid, requests: mine, events, exit };
  } finally {
    closeSync(theirs);
    closeSync(eventsOut);
    c.faDestroy(fa);
    c.attrDestroy(attr);
  }
}
function sendFds(socket, data, fds) {
  const c = bind();
  const len = 16 + 4 * fds.length;
  const control = Buffer.alloc(len + 7 & ~7);
  control.writeBigUInt64LE(BigInt(len), 0);
  control.writeInt32LE(SOL_SOCKET2, 8);
  control.writeInt32LE(SCM_RIGHTS, 12);
  fds.forEach((fd, i) => {
    control.writeInt32LE(fd, 16 + 4 * i);
  });
  const msg = {
    name: null,
    namelen: 0,
    iov: [{ base: data, len: data.length }],
    iovlen: 1,
    control,
    controllen: control.length,
    flags: 0
  };
  return c.sendmsg(socket, msg, MSG_DONTWAIT | MSG_NOSIGNAL) === data.length ? 0 : lastErrno() || -1;
}

// src/engine/helper.ts
var helperName = `nsbox-helper-${process.arch}`;
function helperPath() {
  const override = process.env.NSBOX_HELPER;
  if (override) return override;
  const here = dirname(fileURLToPath(__nsboxImportMetaUrl));
  const candidates = [join(here, "native", helperName), join(here, "..", "..", "dist", "native", helperName)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new SetupError(
      "helper",
      `the sandbox helper ${helperName} is missing (looked in ${candidates.join(", ")}); run npm run build`
    );
  }
  return found;
}
function encodeSpec(records) {
  const parts = [];
  for (const [key, value] of records) {
    if (value.includes("\0")) throw new SetupError("spec", `${key} contains a NUL byte`);
    parts.push(Buffer.from(`${key}=${value}\0`));
  }
  parts.push(Buffer.from("end=\0"));
  return Buffer.concat(parts);
}
var EAGAIN = 11;
var SERVER_GONE = /* @__PURE__ */ new Set([
  32,
  104,
  107,
  111
]);
var SEND_RETRY_MS = 1;
var EventQueue = class {
  items = [];
  waiting = null;
  ended = false;
  markEnded = () => {
  };
  /** No event will follow. */
  whenEnded = new Promise((resolve2) => {
    this.markEnded = resolve2;
  });
  push(ev) {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w({ value: ev, done: false });
    } else this.items.push(ev);
  }
  end() {
    this.ended = true;
    this.markEnded();
    this.waiting?.({ value: void 0, done: true });
    this.waiting = null;
  }
  [Symbol.asyncIterator]() {
    return {
      next: () => {
        const ev = this.items.shift();
        if (ev) return Promise.resolve({ value: ev, done: false });
        if (this.ended) return Promise.resolve({ value: void 0, done: true });
        return new Promise((resolve2) => {
          this.waiting = resolve2;
        });
      }
    };
  }
};
function onLines(stream, onLine) {
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop();
    for (const line of lines) onLine(line);
  });
  stream.once("end", () => {
    if (partial) onLine(partial);
  });
}
var HelperServer = class {
  proc = null;
  nextId = 0;
  requests = /* @__PURE__ */ new Map();
  devNull = null;
  treeAnswer = null;
  launch = (records, stdio) => this.run(records, stdio);
  /**
   * Starts the server with the session's tree to check first (`--check-tree`): it answers on the events
   * pipe before it serves any request, in C and on another CPU while the engine goes on setting the
   * session up. Asked before any request.
   */
  checkTree(dir, list) {
    return new Promise((resolve2) => {
      this.treeAnswer = resolve2;
      try {
        this.proc = this.start(["--check-tree", dir, list]);
        this.proc.events.ref();
      } catch (err) {
        this.answerTree({ unchecked: err.message });
      }
    });
  }
  answerTree(answer) {
    this.treeAnswer?.(answer);
    this.treeAnswer = null;
    if (this.requests.size === 0) this.proc?.events.unref();
  }
  start(args = []) {
    const proc = spawnServer(helperPath(), args);
    onLines(proc.events, (line) => this.dispatch(line));
    proc.events.once("close", () => {
      this.answerTree({ unchecked: "the helper ended before it answered" });
      if (this.proc === proc) this.proc = null;
      proc.exit.then((status) => {
        for (const [id, r] of this.requests) {
          if (r.server !== proc) continue;
          this.requests.delete(id);
          r.done(status);
        }
      });
    });
    proc.events.unref();
    return proc;
  }
  dispatch(line) {
    if (!line) return;
    let ev;
    try {
      ev = JSON.parse(line);
    } catch {
      return;
    }
    if (ev.event === "tree" && ev.id === void 0) {
      const { damage, unchecked } = ev;
      this.answerTree(
        damage === null || typeof damage === "string" ? { damage } : {
          unchecked: typeof unchecked === "string" ? unchecked : "the helper's answer was not understood"
        }
      );
      return;
    }
    const r = typeof ev.id === "number" ? this.requests.get(ev.id) : void 0;
    if (!r) return;
    if (ev.event === "done") {
      this.requests.delete(ev.id);
      r.done({ code: ev.code, signal: ev.signal });
      if (this.requests.size === 0) this.proc?.events.unref();
      return;
    }
    const { id: _id, ...rest } = ev;
    r.events.push(rest);
    if (rest.event === "init-exit") r.events.end();
  }
  run(records, stdio) {
    const spec = encodeSpec(records);
    const [controlIn, controlOut] = makePipe();
    const theirs = [controlIn];
    const toClose = [controlIn];
    const mine = [null, null, null];
    stdio.forEach((s, target) => {
      if (s === "inherit") theirs.push(target);
      else if (s === "ignore") theirs.push(this.nullFd());
      else if (s === "pipe") {
        const [r, w] = makePipe();
        const [ours, child] = target === 0 ? [w, r] : [r, w];
        mine[target] = ours;
        theirs.push(child);
        toClose.push(child);
      } else theirs.push(s);
    });
    const id = ++this.nextId;
    const events = new EventQueue();
    let resolveExit = () => {
    };
    const exit = new Promise((resolve2) => {
      resolveExit = resolve2;
    });
    const request = {
      events,
      server: null,
      done: (status) => {
        events.end();
        resolveExit(status);
      }
    };
    this.requests.set(id, request);
    const message = Buffer.from(`id=${id}\0`);
    const send = (retried) => {
      if (!this.proc) this.proc = this.start();
      const proc = this.proc;
      proc.events.ref();
      const err = sendFds(proc.requests, message, theirs);
      if (err === EAGAIN) {
        setTimeout(() => send(retried), SEND_RETRY_MS);
        return;
      }
      if (SERVER_GONE.has(err) && !retried) {
        this.abandon();
        send(true);
        return;
      }
      for (const fd of toClose) closeSync(fd);
      if (err === 0) {
        request.server = proc;
        return;
      }
      this.requests.delete(id);
      events.push({
        event: "setup-error",
        step: "helper",
        errno: err,
        message: `cannot hand the sandbox to the helper (sendmsg: errno ${err})`
      });
      request.done({ code: null, signal: null });
    };
    send(false);
    const control = new Socket({ fd: controlOut, readable: false, writable: true });
    control.on("error", () => {
    });
    control.write(spec);
    if (mine[0] !== null) closeSync(mine[0]);
    const readable = (fd) => fd === null ? null : new Socket({ fd, readable: true, writable: false });
    const stdout = readable(mine[1] ?? null);
    const stderr = readable(mine[2] ?? null);
    const drained = [stdout, stderr].map(
      (s) => s ? new Promise((resolve2) => s.once("close", () => resolve2())) : Promise.resolve()
    );
    return {
      control,
      events,
      stdout,
      stderr,
      finished: Promise.all([events.whenEnded, ...drained]).then(() => {
      }),
      exit
    };
  }
  nullFd() {
    this.devNull ??= openSync("/dev/null", "r+");
    return this.devNull;
  }
  /** Forget a server that no longer takes requests (its events end settles what it held). */
  abandon() {
    const proc = this.proc;
    this.proc = null;
    if (proc) closeSync(proc.requests);
  }
  /** No more requests: the server finishes what runs and leaves. */
  async close() {
    const proc = this.proc;
    this.abandon();
    if (this.devNull !== null) closeSync(this.devNull);
    this.devNull = null;
    if (proc) {
      proc.events.ref();
      await new Promise(
        (resolve2) => proc.events.closed ? resolve2() : proc.events.once("close", () => resolve2())
      );
    }
  }
};

// src/engine/layers/scratch.ts
var PREFIX = "keep-";
var libc3 = libcCalls({
  mount: "int mount(const char *, const char *, const char *, unsigned long, const char *)",
  umount2: "int umount2(const char *, int)",
  fallocate: "int fallocate(int, int, int64_t, int64_t)"
  // off_t: 64 bits on x86_64 and aarch64
});
var MS_NOSUID = 2;
var MS_NODEV = 4;
var MNT_DETACH = 2;
var UMOUNT_NOFOLLOW = 8;
function keptBase(cacheDir) {
  return node_path_default.join(cacheDir, "layers");
}
function createKeptScratch(cacheDir, kind, bytes, inodes, root) {
  const base = keptBase(cacheDir);
  mkdirSync(base, { recursive: true, mode: 493 });
  const dir = node_path_default.join(base, `${PREFIX}${process.pid}-${randomBytes(6).toString("hex")}`);
  mkdirSync(dir, { mode: 493 });
  let mounted = false;
  const image = `${dir}.img`;
  try {
    if (root && kind === "memory") {
      if (libc3().mount(
        "tmpfs",
        dir,
        "tmpfs",
        MS_NOSUID | MS_NODEV,
        `size=${bytes},nr_inodes=${inodes},mode=0755`
      ) !== 0)
        throw new SetupError("scratch", `cannot mount a tmpfs on ${dir} (errno ${lastErrno()})`);
      mounted = true;
    } else if (root && kind === "disk") {
      checkLoopDevices();
      makeExt4(image, bytes);
      try {
        childProcess().execFileSync("mount", ["-o", "loop,nosuid,nodev", image, dir], {
          stdio: ["ignore", "ignore", "pipe"]
        });
      } catch (e) {
        throw new SetupError(
          "scratch",
          `cannot loop-mount the disk scratch ${image}: ${stderrOf(e)}`,
          "scratch-memory"
        );
      }
      mounted = true;
      rmSync(image, { force: true });
      rmdirSync(node_path_default.join(dir, "lost+found"));
    }
  } catch (e) {
    rmSync(image, { force: true });
    if (mounted) libc3().umount2(dir, MNT_DETACH);
    removeHostTree(dir);
    throw e;
  }
  let disposed = false;
  return {
    dir,
    kind: root ? kind : "plain",
    upper: node_path_default.join(dir, "upper"),
    mountUpper: (i) => node_path_default.join(dir, `m${i}`, "u"),
    dispose() {
      if (disposed) return;
      disposed = true;
      if (mounted) libc3().umount2(dir, MNT_DETACH);
      removeHostTree(dir);
    }
  };
}
function checkLoopDevices(control = "/dev/loop-control") {
  if (!existsSync(control))
    throw new SetupError(
      "scratch",
      `this host has no loop devices (${control} is missing: the loop module is not loaded), which a disk scratch needs`,
      "scratch-memory"
    );
}
function makeExt4(image, bytes) {
  checkScratchRoom(node_path_default.dirname(image), bytes);
  const fd = openSync(image, "wx", 384);
  try {
    ftruncateSync(fd, bytes);
  } catch (e) {
    const code = errCode(e);
    const why = code === "EFBIG" ? "is larger than the cache dir's file system allows a file to be" : "failed";
    throw new SetupError(
      "scratch",
      `cannot create the disk scratch: its ${formatBytes(bytes)} image ${why} (${code})`,
      "scratch-memory"
    );
  } finally {
    closeSync(fd);
  }
  try {
    childProcess().execFileSync(
      "mkfs.ext4",
      [
        "-q",
        "-F",
        "-O",
        "^has_journal",
        "-E",
        "lazy_itable_init=1,lazy_journal_init=1,root_owner=0:0",
        image
      ],
      { stdio: ["ignore", "ignore", "pipe"] }
    );
  } catch (e) {
    const why = errCode(e) === "ENOENT" ? "mkfs.ext4 (from e2fsprogs) is not installed" : `mkfs.ext4 failed on its ${formatBytes(bytes)} image: ${stderrOf(e)}`;
    throw new SetupError("scratch", `cannot create the disk scratch: ${why}`, "scratch-memory");
  }
  reserveImage(image, bytes);
}
function reserveImage(image, bytes) {
  const { ENOSPC, EDQUOT, EINTR: EINTR4, EOPNOTSUPP } = constants2.errno;
  const fd = openSync(image, "r+");
  try {
    for (; ; ) {
      if (libc3().fallocate(fd, 0, 0, bytes) === 0) return;
      const errno = lastErrno();
      if (errno === EINTR4) continue;
      if (errno === EOPNOTSUPP) return;
      if (errno === ENOSPC || errno === EDQUOT)
        throw noRoom(node_path_default.dirname(image), bytes, errno === EDQUOT ? "EDQUOT" : "ENOSPC");
      throw new SetupError(
        "scratch",
        `cannot create the disk scratch: reserving its ${formatBytes(bytes)} image failed (errno ${errno})`,
        "scratch-memory"
      );
    }
  } finally {
    closeSync(fd);
  }
}
function checkScratchRoom(dir, bytes) {
  if (freeBytes(dir) < bytes) throw noRoom(dir, bytes);
}
function freeBytes(dir) {
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize;
}
function noRoom(dir, bytes, code) {
  const why = code === "EDQUOT" ? " (EDQUOT: your disk quota is used up)" : code ? ` (${code})` : "";
  return new SetupError(
    "scratch",
    `cannot create the disk scratch: its ${formatBytes(bytes)} image needs that much room on the file system of '${dir}', which has ${formatBytes(freeBytes(dir))} free${why}`,
    "scratch-space"
  );
}
function stderrOf(e) {
  const err = e;
  return (err.stderr?.toString() || err.message || String(e)).trim().replace(/\s*\n\s*/g, " ");
}
function createPlainScratch(dir) {
  mkdirSync(dir, { mode: 493 });
  let disposed = false;
  return {
    dir,
    kind: "plain",
    upper: node_path_default.join(dir, "upper"),
    mountUpper: (i) => node_path_default.join(dir, `m${i}`, "u"),
    dispose() {
      if (disposed) return;
      disposed = true;
      removeHostTree(dir);
    }
  };
}
function cleanupStaleScratch(cacheDir) {
  const base = keptBase(cacheDir);
  let removed = 0;
  let names = [];
  try {
    names = readdirSync(base);
  } catch {
    return 0;
  }
  const bootMs = bootTimeMs();
  for (const name of names) {
    const m = /^keep-(\d+)-[0-9a-f]+(\.img)?$/.exec(name);
    if (!m) continue;
    const dir = node_path_default.join(base, name);
    try {
      if (pidOwnerAlive(Number(m[1]), lstatSync(dir).mtimeMs, bootMs)) continue;
      libc3().umount2(dir, MNT_DETACH | UMOUNT_NOFOLLOW);
      removeHostTree(dir);
      removed++;
    } catch {
    }
  }
  return removed;
}

// src/engine/net/forward.ts
var PASSIVE = /* @__PURE__ */ new Set(["counter", "log"]);
var isOurs = (family, table, chain) => table.startsWith("nsbox_") || family === "ip" && table === "filter" && chain === "FORWARD";
function forwardDropNotes(json) {
  let objects;
  try {
    objects = JSON.parse(json).nftables ?? [];
  } catch {
    return [];
  }
  const key = (f, t, c) => `${f} ${t} ${c}`;
  const hooked = /* @__PURE__ */ new Map();
  for (const { chain: c } of objects) {
    if (c?.hook !== "forward" || c.family !== "inet" && c.family !== "ip") continue;
    if (!isOurs(c.family, c.table, c.name)) hooked.set(key(c.family, c.table, c.name), c.policy);
  }
  const dropping = new Set([...hooked].filter(([, policy]) => policy === "drop").map(([k]) => k));
  for (const { rule: r } of objects) {
    if (!r || !hooked.has(key(r.family, r.table, r.chain))) continue;
    const kinds = (r.expr ?? []).flatMap((e) => Object.keys(e));
    const verdict2 = kinds.some((k) => k === "drop" || k === "reject");
    if (verdict2 && kinds.every((k) => k === "drop" || k === "reject" || PASSIVE.has(k)))
      dropping.add(key(r.family, r.table, r.chain));
  }
  return [...dropping].sort().map(
    (c) => `nat (the host's nft chain "${c}" drops forwarded traffic: the sandbox may have no network unless that chain accepts its link nsb*)`
  );
}

// src/engine/net/iptables.ts
var chainPrefix = (runId) => `NSBOX-${runId.toUpperCase()}`;
function parseFilterView(save) {
  const chains = /* @__PURE__ */ new Set();
  let forwardPolicy = null;
  let forwardRules = 0;
  let inFilter = false;
  for (const line of save.split("\n")) {
    if (line.startsWith("*")) inFilter = line === "*filter";
    else if (inFilter && line.startsWith(":")) {
      const [name, policy] = line.slice(1).split(" ");
      chains.add(name);
      if (name === "FORWARD") forwardPolicy = policy;
    } else if (inFilter && line.startsWith("-A FORWARD ")) forwardRules++;
  }
  return { forwardPolicy, forwardRules, chains };
}
var forwardHook = (v) => v.chains.has("DOCKER-USER") ? "DOCKER-USER" : "FORWARD";
function forwardHoles(p, v) {
  if (v.forwardPolicy === null) return null;
  if (v.forwardPolicy === "ACCEPT" && v.forwardRules === 0 && !v.chains.has("DOCKER-USER")) return null;
  const hook = forwardHook(v);
  const rules = [
    `${hook} -i ${p.ifPrefix}+ -j ACCEPT`,
    `${hook} -o ${p.ifPrefix}+ -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`
  ];
  return {
    apply: ["*filter", ...rules.map((r) => `-I ${r}`), "COMMIT", ""].join("\n"),
    undo: ["*filter", ...rules.map((r) => `-D ${r}`), "COMMIT"]
  };
}
function accepts(chain, r, match) {
  if (r.port === void 0) return [`-A ${chain} ${match} -d ${r.cidr} -j ACCEPT`];
  return ["tcp", "udp"].map(
    (proto) => `-A ${chain} ${match} -d ${r.cidr} -p ${proto} --dport ${r.port} -j ACCEPT`
  );
}
function iptablesPlan(p, v) {
  const c = chainPrefix(p.runId);
  const [fwd, inp, nat] = [`${c}-FWD`, `${c}-IN`, `${c}-NAT`];
  const ifs = `${p.ifPrefix}+`;
  const hook = forwardHook(v);
  const over = `-m conntrack --ctstate NEW -m connlimit --connlimit-above ${p.maxConnections} --connlimit-mask 32 --connlimit-saddr`;
  const fast = (chain) => `-m conntrack --ctstate NEW -m hashlimit --hashlimit-above ${NEW_CONNECTIONS_PER_SECOND}/sec --hashlimit-burst ${NEW_CONNECTIONS_BURST} --hashlimit-mode srcip --hashlimit-name ${`nsb${p.runId}${chain === fwd ? "f" : "i"}`}`;
  const caps = (chain) => [over, fast(chain)].flatMap((m) => [
    `-A ${chain} -i ${ifs} -p tcp ${m} -j REJECT --reject-with tcp-reset`,
    `-A ${chain} -i ${ifs} ${m} -j REJECT`
  ]);
  const filter = [
    "*filter",
    `:${fwd} - [0:0]`,
    `:${inp} - [0:0]`,
    `-A ${inp} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    // replies to the host's own connections
    ...caps(inp),
    ...p.hostAllow.flatMap((r) => accepts(inp, r, `-i ${ifs}`)),
    `-A ${inp} -j DROP`,
    `-A ${fwd} -i ${ifs} ! -s ${p.pool} -j DROP`,
    // spoofed sources would leave unmasqueraded
    `-A ${fwd} -i ${ifs} -d ${p.pool} -j DROP`,
    // another sandbox: before the accepts, whatever --allow says
    ...caps(fwd),
    ...p.forwardAllow.flatMap((r) => accepts(fwd, r, `-i ${ifs}`)),
    ...p.blocked.map((b) => `-A ${fwd} -i ${ifs} -d ${b} -j DROP`),
    `-A ${fwd} -i ${ifs} -j ACCEPT`,
    // ACCEPT (not RETURN): Docker's policy DROP must not see it
    `-A ${fwd} -o ${ifs} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-A ${fwd} -o ${ifs} -j DROP`,
    `-I INPUT 1 -i ${ifs} -j ${inp}`,
    `-I ${hook} 1 -j ${fwd}`,
    "COMMIT",
    "*nat",
    `:${nat} - [0:0]`,
    `-A ${nat} -s ${p.pool} ! -d ${p.pool} -j MASQUERADE`,
    `-I POSTROUTING 1 -j ${nat}`,
    "COMMIT",
    ""
  ];
  const undo = [
    "*filter",
    `-D INPUT -i ${ifs} -j ${inp}`,
    `-D ${hook} -j ${fwd}`,
    `-F ${fwd}`,
    `-X ${fwd}`,
    `-F ${inp}`,
    `-X ${inp}`,
    "COMMIT",
    "*nat",
    `-D POSTROUTING -j ${nat}`,
    `-F ${nat}`,
    `-X ${nat}`,
    "COMMIT"
  ];
  return { apply: filter.join("\n"), undo };
}
function ip6Plan(p) {
  const rules = [
    `INPUT -i ${p.ifPrefix}+ -j DROP`,
    `FORWARD -i ${p.ifPrefix}+ -j DROP`,
    `FORWARD -o ${p.ifPrefix}+ -j DROP`
  ];
  return {
    apply: ["*filter", ...rules.map((r) => `-I ${r}`), "COMMIT", ""].join("\n"),
    undo: ["*filter", ...rules.map((r) => `-D ${r}`), "COMMIT"]
  };
}
function undoCommands(undo) {
  const out = [];
  let table = "filter";
  for (const line of undo) {
    if (line.startsWith("*")) table = line.slice(1);
    else if (line !== "COMMIT") out.push(["-t", table, ...line.split(" ")]);
  }
  return out;
}

// src/engine/net/nft.ts
var tableName = (runId) => `nsbox_${runId}`;
function accept(r) {
  const port = r.port === void 0 ? "" : ` meta l4proto { tcp, udp } th dport ${r.port}`;
  return `ip daddr ${r.cidr}${port} accept`;
}
function nftRuleset(p) {
  const ifs = `"${p.ifPrefix}*"`;
  const cap = `ct state new add @conns { iifname ct count over ${p.maxConnections} } jump over_cap`;
  const rate = `ct state new add @rates { iifname limit rate over ${NEW_CONNECTIONS_PER_SECOND}/second burst ${NEW_CONNECTIONS_BURST} packets } jump over_cap`;
  const lines = [
    `table inet ${tableName(p.runId)} {`,
    `  set blocked4 { type ipv4_addr; flags interval; elements = { ${p.blocked.join(", ")} } }`,
    "  set conns { type ifname; size 65535; flags dynamic; }",
    "  set rates { type ifname; size 65535; flags dynamic,timeout; timeout 60s; }",
    "  chain input {",
    "    type filter hook input priority -5; policy accept;",
    `    iifname ${ifs} jump to_host`,
    "  }",
    // The gateway address, the runner's public/private addresses and anything listening on them.
    "  chain to_host {",
    "    ct state established,related accept",
    // replies to connections the host opened
    `    ${cap}`,
    `    ${rate}`,
    ...p.hostAllow.map((r) => `    ${accept(r)}`),
    "    drop",
    "  }",
    "  chain forward {",
    "    type filter hook forward priority -5; policy accept;",
    `    iifname ${ifs} jump egress`,
    `    oifname ${ifs} ct state established,related accept`,
    `    oifname ${ifs} drop`,
    "  }",
    "  chain egress {",
    "    meta nfproto != ipv4 drop",
    // IPv6 is off inside; never let it through unfiltered
    `    ip saddr != ${p.pool} drop`,
    // root inside may spoof; it would leave unmasqueraded
    // Another sandbox of the run, before the accepts: an --allow covering the pool must not open it.
    `    ip daddr ${p.pool} drop`,
    `    ${cap}`,
    `    ${rate}`,
    ...p.forwardAllow.map((r) => `    ${accept(r)}`),
    "    ip daddr @blocked4 drop",
    "  }",
    // A TCP reset fails connect() at once (ICMP errors are rate-limited: most attempts would hang).
    "  chain over_cap {",
    "    meta l4proto tcp reject with tcp reset",
    "    reject",
    "  }",
    "  chain postrouting {",
    "    type nat hook postrouting priority 100; policy accept;",
    `    ip saddr ${p.pool} ip daddr != ${p.pool} masquerade`,
    "  }",
    "}"
  ];
  return `${lines.join("\n")}
`;
}

// src/engine/net/nat.ts
var IP_FORWARD = "/proc/sys/net/ipv4/ip_forward";
function findTool(name) {
  const dirs = [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/sbin", "/usr/local/sbin"];
  for (const d of dirs) {
    if (!d) continue;
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
    }
  }
  return null;
}
var RUN_ENV = "NSBOX_NET_RUN";
function run(tool, args, input, runId) {
  const path = findTool(tool);
  if (!path) return { ok: false, out: "", err: `${tool}: not found` };
  const env = runId ? { ...process.env, [RUN_ENV]: runId } : void 0;
  const r = childProcess().spawnSync(path, args, { input, env, encoding: "utf8", timeout: 3e4 });
  const err = (r.stderr || r.error?.message || "").trim();
  return { ok: r.status === 0, out: r.stdout ?? "", err };
}
function restore(tool, text, runId) {
  return run(`${tool}-restore`, ["-w", "--noflush"], text, runId);
}
function filterView(tool) {
  const r = run(`${tool}-save`, ["-t", "filter"]);
  return parseFilterView(r.ok ? r.out : "");
}
function setupFirewall(p, rec, state, prefer = "auto") {
  let nftErr = "nft: not used (iptables asked for)";
  if (prefer !== "iptables") nftErr = findTool("nft") ? tryNft(p, rec, state) ?? "" : "nft: not found";
  if (nftErr && prefer === "nft")
    throw new SetupError("network", `cannot install the sandbox firewall: ${nftErr}`);
  if (!nftErr) {
    if (findTool("iptables-restore") && findTool("iptables-save")) {
      const holes = forwardHoles(p, filterView("iptables"));
      if (holes) {
        rec.iptablesUndo = holes.undo;
        state.writeRun(rec);
        const r2 = restore("iptables", holes.apply, rec.runId);
        if (!r2.ok)
          throw new SetupError("network", `iptables: cannot accept sandbox traffic in FORWARD: ${r2.err}`);
      }
    }
    return;
  }
  if (!findTool("iptables-restore")) {
    throw new SetupError(
      "network",
      `cannot install the sandbox firewall: ${nftErr}, and iptables is not installed`
    );
  }
  const plan = iptablesPlan(p, filterView("iptables"));
  rec.backend = "iptables";
  rec.iptablesUndo = plan.undo;
  state.writeRun(rec);
  const r = restore("iptables", plan.apply, rec.runId);
  if (!r.ok)
    throw new SetupError("network", `cannot install the sandbox firewall: ${nftErr}; iptables: ${r.err}`);
  if (findTool("ip6tables-restore")) {
    const v6 = ip6Plan(p);
    rec.ip6tablesUndo = v6.undo;
    state.writeRun(rec);
    const r6 = restore("ip6tables", v6.apply, rec.runId);
    if (!r6.ok) throw new SetupError("network", `ip6tables: cannot drop sandbox IPv6: ${r6.err}`);
  }
}
function tryNft(p, rec, state) {
  rec.backend = "nft";
  rec.table = tableName(p.runId);
  state.writeRun(rec);
  const r = run("nft", ["-f", "-"], nftRuleset(p), rec.runId);
  if (r.ok) return null;
  run("nft", ["delete", "table", "inet", rec.table]);
  rec.backend = "none";
  delete rec.table;
  state.writeRun(rec);
  return `nft: ${r.err.split("\n")[0]}`;
}
function forwardFilterNotes() {
  if (!findTool("nft")) return [];
  const r = run("nft", ["-j", "list", "ruleset"]);
  return r.ok ? forwardDropNotes(r.out) : [];
}
function undoIptables(tool, undo) {
  if (!undo?.length) return;
  if (restore(tool, `${undo.join("\n")}
`).ok) return;
  for (const args of undoCommands(undo)) run(tool, ["-w", ...args]);
}
function stopRunTools(runIds) {
  if (runIds.size === 0) return 0;
  const mark = `\0${RUN_ENV}=`;
  const found = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let env;
    try {
      env = `\0${readFileSync(`/proc/${name}/environ`, "latin1")}`;
    } catch {
      continue;
    }
    const at3 = env.indexOf(mark);
    if (at3 < 0) continue;
    const end = env.indexOf("\0", at3 + mark.length);
    if (runIds.has(env.slice(at3 + mark.length, end < 0 ? void 0 : end))) found.push(Number(name));
  }
  for (const pid of found) sigkill(pid);
  for (const until = Date.now() + 5e3; found.some(pidRunning) && Date.now() < until; ) sleepSync(2);
  return found.length;
}
function undoFirewall(rec) {
  if (rec.table) run("nft", ["delete", "table", "inet", rec.table]);
  undoIptables("iptables", rec.iptablesUndo);
  undoIptables("ip6tables", rec.ip6tablesUndo);
}
function enableForwarding(state, procFile = IP_FORWARD) {
  const cur = readFileSync(procFile, "utf8").trim();
  if (cur === "1") return;
  if (!existsSync(state.forwardNote)) writeFileSync(state.forwardNote, cur);
  try {
    writeFileSync(procFile, "1");
  } catch (e) {
    unlinkQuiet(state.forwardNote);
    throw new SetupError("network", `cannot enable IPv4 forwarding: ${e.message}`);
  }
}
function restoreForwarding(state, exceptRunId, procFile = IP_FORWARD) {
  if (!existsSync(state.forwardNote)) return false;
  if (state.listRuns().some((r) => r.runId !== exceptRunId && recordOwnerAlive(r))) return false;
  try {
    writeFileSync(procFile, readFileSync(state.forwardNote, "utf8").trim() || "0");
  } catch {
    return false;
  }
  unlinkQuiet(state.forwardNote);
  return true;
}
function listNsboxTables() {
  const r = run("nft", ["list", "tables", "inet"]);
  if (!r.ok) return [];
  return [...r.out.matchAll(/^table inet (nsbox_[a-z0-9]+)$/gm)].map((m) => m[1]);
}
function listNsboxChains() {
  const ids = /* @__PURE__ */ new Set();
  for (const table of ["filter", "nat"]) {
    const r = run("iptables-save", ["-t", table]);
    for (const m of r.out.matchAll(/^:NSBOX-([A-Z0-9]+)-[A-Z]+ /gm)) ids.add(m[1].toLowerCase());
  }
  return ids;
}

// src/engine/net/cleanup.ts
var RUN_LINK = /^nsb([a-z0-9]{6})\d+$/;
function orphanChainUndo(id) {
  const c = `NSBOX-${id.toUpperCase()}`;
  const ifs = `nsb${id}+`;
  return {
    pid: 0,
    start: "",
    runId: id,
    pool: "",
    backend: "iptables",
    iptablesUndo: [
      "*filter",
      `-D INPUT -i ${ifs} -j ${c}-IN`,
      `-D DOCKER-USER -j ${c}-FWD`,
      `-D FORWARD -j ${c}-FWD`,
      `-F ${c}-FWD`,
      `-X ${c}-FWD`,
      `-F ${c}-IN`,
      `-X ${c}-IN`,
      "COMMIT",
      "*nat",
      `-D POSTROUTING -j ${c}-NAT`,
      `-F ${c}-NAT`,
      `-X ${c}-NAT`,
      "COMMIT"
    ]
  };
}
function sweepStaleNetState(state, nl, opts) {
  let removed = 0;
  const live = /* @__PURE__ */ new Set();
  const dead = [];
  for (const rec of state.listRuns()) {
    if (recordOwnerAlive(rec)) live.add(rec.runId);
    else dead.push(rec);
  }
  stopRunTools(new Set(dead.map((r) => r.runId)));
  for (const rec of dead) {
    undoFirewall(rec);
    state.removeRun(rec.runId);
    removed++;
  }
  if (opts.deep) {
    for (const table of listNsboxTables()) {
      const id = table.slice("nsbox_".length);
      if (live.has(id)) continue;
      undoFirewall({ pid: 0, start: "", runId: id, pool: "", backend: "nft", table });
      removed++;
    }
    for (const id of listNsboxChains()) {
      if (live.has(id)) continue;
      undoFirewall(orphanChainUndo(id));
      removed++;
    }
  }
  removed += removeStaleAtomicTemps(state.runs, (pid, ctimeMs) => pidOwnerAlive(pid, ctimeMs));
  removed += reclaimAllLeases(state, nl);
  for (const link of nl.listLinks()) {
    const m = RUN_LINK.exec(link.name);
    if (m && !live.has(m[1]) && nl.deleteLink(link.name)) removed++;
  }
  if (restoreForwarding(state)) removed++;
  return removed;
}

// src/engine/net/dns.ts
var DEFAULT_DNS_PATHS = {
  resolvConf: "/etc/resolv.conf",
  resolvedUpstream: "/run/systemd/resolve/resolv.conf"
};
function parseResolvConf(text) {
  const out = {
    nameservers: [],
    search: [],
    options: [],
    loopback: false
  };
  for (const raw of text.split("\n")) {
    const [key, ...rest] = raw.replace(/[#;].*$/, "").trim().split(/\s+/);
    if (key === "nameserver" && rest[0]) {
      const ip = parseIp4(rest[0]);
      if (ip === null) continue;
      if (ip >>> 24 === 127) out.loopback = true;
      else if (!out.nameservers.includes(rest[0])) out.nameservers.push(rest[0]);
    } else if ((key === "search" || key === "domain") && rest.length) {
      out.search = rest;
    } else if (key === "options") {
      out.options.push(...rest.filter((o) => !o.startsWith("trust-ad")));
    }
  }
  return out;
}
function resolveDns(override, paths = DEFAULT_DNS_PATHS) {
  if (override?.length) return { nameservers: parseDnsServers(override), search: [], options: [] };
  const main2 = parseResolvConf(readTextOrNull(paths.resolvConf) ?? "");
  if (main2.loopback || !main2.nameservers.length) {
    const up = readTextOrNull(paths.resolvedUpstream);
    if (up !== null) {
      const u = parseResolvConf(up);
      if (u.nameservers.length) {
        return {
          nameservers: u.nameservers.slice(0, MAX_NAMESERVERS),
          // written and opened alike
          search: u.search.length ? u.search : main2.search,
          options: u.options
        };
      }
    }
  }
  return {
    nameservers: main2.nameservers.slice(0, MAX_NAMESERVERS),
    search: main2.search,
    options: main2.options
  };
}
function resolvConfText(r) {
  const lines = ["# written by nsbox"];
  if (!r.nameservers.length) lines.push("# no non-loopback DNS server found on the host");
  for (const s of r.nameservers.slice(0, MAX_NAMESERVERS)) lines.push(`nameserver ${s}`);
  if (r.search.length) lines.push(`search ${r.search.join(" ")}`);
  if (r.options.length) lines.push(`options ${r.options.join(" ")}`);
  return `${lines.join("\n")}
`;
}
function hostsText(hostname, opts = {}) {
  const own = hostname && hostname !== "localhost" ? `127.0.1.1	${hostname}
` : "";
  const v6 = opts.ipv6 ? "::1	localhost ip6-localhost ip6-loopback\n" : "";
  return `127.0.0.1	localhost
${v6}${own}`;
}

// src/engine/net/host.ts
function readHost(nl) {
  const rawRoutes = nl.listRoutes(4).filter((r) => r.type === RTN_UNICAST || r.type === RTN_LOCAL);
  const devName = new Map(nl.listLinks().map((l) => [l.index, l.name]));
  const routes = rawRoutes.map((r) => {
    const oifs = r.oif === void 0 ? r.nexthopOifs : [r.oif];
    const names = oifs.map((i) => devName.get(i)).filter((n) => n !== void 0);
    const dev = oifs.length && !names.length ? null : [...new Set(names)].join(",");
    return { dst: r.dst, prefix: r.prefix, dev };
  });
  const local4 = rawRoutes.filter((r) => r.type === RTN_LOCAL).map((r) => parseCidr4(`${r.dst}/${r.prefix}`, true)).filter((c) => c !== null).map(formatCidr4);
  const ownLink = (i) => (devName.get(i) ?? "").startsWith("nsb");
  const addrs4 = nl.listAddresses().filter((a) => a.family === 4 && !ownLink(a.index)).map((a) => a.address);
  return { routes, addrs4, local4, mtu: nl.uplinkMtu() ?? 1500 };
}

// src/engine/net/rootless.ts
var SLIRP_ADDRESS = "10.0.2.100";
var SLIRP_GATEWAY = "10.0.2.2";
var SLIRP_DNS = "10.0.2.3";
var SLIRP_MTU = 65520;
var TAP = "tap0";
var READY_TIMEOUT_MS = 1e4;
function rootlessError() {
  return new SetupError(
    "network",
    "network nat without root needs slirp4netns and nft (apt install slirp4netns nftables), or root"
  );
}
function checkTun(path = "/dev/net/tun") {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new SetupError(
      "network",
      `network nat without root needs read-write access to ${path} for slirp4netns (it is mode 0666 on most systems), or root`
    );
  }
}
function rootlessTools() {
  const slirp4netns = findTool("slirp4netns");
  const nft = findTool("nft");
  const nsenter = findTool("nsenter");
  return slirp4netns && nft && nsenter ? { slirp4netns, nft, nsenter } : null;
}
function accept2(r) {
  const port = r.port === void 0 ? "" : ` meta l4proto { tcp, udp } th dport ${r.port}`;
  return `ip daddr ${r.cidr}${port} accept`;
}
function rootlessRuleset(allow, dnsServers, hostDests) {
  const dns = [.../* @__PURE__ */ new Set([SLIRP_DNS, ...dnsServers])].map((s) => ({ cidr: `${s}/32`, port: 53 }));
  const rules = [...dns, ...allow];
  const host = hostAccess(rules, hostDests).closed;
  const lines = [
    "table inet nsbox {",
    "  chain output {",
    "    type filter hook output priority 0; policy accept;",
    '    oifname "lo" accept',
    // the sandbox's own loopback (127/8 and its own address)
    "    ct state established,related accept",
    "    meta nfproto != ipv4 drop",
    // IPv6 is off inside; never let it out unfiltered
    ...host.length ? [`    ip daddr { ${host.join(", ")} } drop`] : [],
    ...rules.map((r) => `    ${accept2(r)}`),
    // 10.0.0.0/8 covers slirp's gateway 10.0.2.2, i.e. the host and its loopback; a host address named
    // with a port is dropped here on its other ports.
    `    ip daddr { ${normaliseSet([...BLOCKED_RANGES, ...hostDests]).join(", ")} } drop`,
    "  }",
    "}"
  ];
  return `${lines.join("\n")}
`;
}
function checkRootlessNet() {
  const tools = rootlessTools();
  if (!tools) throw rootlessError();
  checkTun();
  return tools;
}
function openRootlessNetRun(opts) {
  const tools = checkRootlessNet();
  const allow = (opts.allow ?? []).map(parseAllow);
  const dns = opts.dns?.length ? resolveDns(opts.dns).nameservers : void 0;
  const notEnforced = opts.maxConnections === void 0 ? [] : ["max-connections (rootless nat: slirp4netns connects as the caller, no conntrack to cap)"];
  return openRootlessNet(tools, { allow, dns, notEnforced });
}
function openRootlessNet(tools, opts) {
  const nameservers = opts.dns?.length ? opts.dns : [SLIRP_DNS];
  const host = readHost(netlink());
  const hostDests = [...host.addrs4.map((a) => `${a}/32`), ...host.local4];
  const ruleset = rootlessRuleset(opts.allow, opts.dns ?? [], hostDests);
  const live = /* @__PURE__ */ new Set();
  let disposed = false;
  const dispose = () => {
    disposed = true;
    for (const c of live) c.kill("SIGKILL");
    live.clear();
  };
  return {
    runId: newRunId(),
    mtu: SLIRP_MTU,
    nameservers,
    notEnforced: opts.notEnforced ?? [],
    allocate() {
      if (disposed) throw new Error("network run already disposed");
      let child = null;
      let released = false;
      const release = () => {
        released = true;
        if (child) {
          child.kill("SIGKILL");
          live.delete(child);
          child = null;
        }
      };
      return {
        address: SLIRP_ADDRESS,
        gateway: SLIRP_GATEWAY,
        link: TAP,
        helperSpec: () => [
          ["net", "user"],
          ["net_wait", "1"],
          ["ipv6", "0"]
        ],
        async attach(initPid) {
          if (released || disposed) throw new Error("rootless network already released");
          if (!Number.isInteger(initPid) || initPid <= 0) throw new Error(`attach: bad pid ${initPid}`);
          const fail2 = (why) => new SetupError("network", `cannot attach the sandbox network (slirp4netns): ${why}`);
          await installPolicy(tools, initPid, ruleset).catch((e) => {
            throw fail2(`nft: ${e.message}`);
          });
          child = startSlirp(tools.slirp4netns, initPid);
          live.add(child);
          await waitReady(child).catch((e) => {
            release();
            throw fail2(e.message);
          });
        },
        release
      };
    },
    files: (hostname) => [
      ["/etc/resolv.conf", resolvConfText({ nameservers: [...nameservers], search: [], options: [] })],
      ["/etc/hosts", hostsText(hostname)]
    ],
    dispose
  };
}
function installPolicy(tools, pid, ruleset) {
  const args = ["--target", String(pid), "--user", "--net", "--preserve-credentials", tools.nft, "-f", "-"];
  return new Promise((resolve2, reject) => {
    const c = childProcess().execFile(
      tools.nsenter,
      args,
      { encoding: "utf8", timeout: 1e4 },
      (err, _out, stderr) => err ? reject(new Error((stderr || err.message).trim())) : resolve2()
    );
    c.stdin?.end(ruleset);
  });
}
function startSlirp(path, pid) {
  const args = [
    "--configure",
    `--mtu=${SLIRP_MTU}`,
    "--disable-host-loopback",
    "--enable-sandbox",
    "--enable-seccomp",
    "--ready-fd=3",
    "--exit-fd=4",
    // our end closes when the engine dies: slirp4netns never outlives it
    `--userns-path=/proc/${pid}/ns/user`,
    String(pid),
    TAP
  ];
  return childProcess().spawn(path, args, { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
}
function waitReady(child) {
  return new Promise((resolve2, reject) => {
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += d.toString();
    });
    const ready = child.stdio[3];
    const timer = setTimeout(() => finish(new Error("not ready after 10s")), READY_TIMEOUT_MS);
    const finish = (err) => {
      clearTimeout(timer);
      ready.removeAllListeners("data");
      child.removeListener("exit", onExit);
      err ? reject(err) : resolve2();
    };
    const onExit = (code) => {
      const last = stderr.trim().split("\n").slice(-2).join("; ");
      finish(new Error(`exited with ${code}${last ? `: ${last}` : ""}`));
    };
    ready.once("data", () => finish(null));
    child.once("exit", onExit);
  });
}

// src/engine/net/veth.ts
function vethSandboxNet(lease, ctx) {
  const address = formatIp4(lease.address);
  const gateway = formatIp4(lease.gateway);
  let released = false;
  return {
    address,
    gateway,
    link: lease.link,
    helperSpec: () => [
      ["net", "veth"],
      ["net_wait", "1"],
      ["net_ifname", "eth0"],
      ["net_addr", address],
      ["net_prefix", String(lease.prefix)],
      ["net_gw", gateway],
      ["net_mtu", String(ctx.mtu)],
      ["ipv6", "0"]
    ],
    attach(initPid) {
      if (released || ctx.disposed()) throw new Error(`network lease ${address} already released`);
      if (!Number.isInteger(initPid) || initPid <= 0) throw new Error(`attach: bad pid ${initPid}`);
      if (sameNetns(initPid)) {
        throw new SetupError(
          "network",
          `cannot attach the sandbox network: pid ${initPid} has no netns of its own`
        );
      }
      try {
        plumb(ctx.nl, lease, initPid, ctx.mtu);
      } catch (e) {
        const why = e instanceof ErrnoError && e.code === "ESRCH" ? "the sandbox exited" : e.message;
        throw new SetupError("network", `cannot attach the sandbox network (${lease.link}): ${why}`);
      }
    },
    release() {
      if (released) return;
      released = true;
      ctx.release(lease);
    }
  };
}
function plumb(nl, lease, initPid, mtu) {
  const veth = { hostName: lease.link, peerName: "eth0", peerPid: initPid, mtu, up: true };
  try {
    nl.createVeth(veth);
  } catch (e) {
    if (!(e instanceof ErrnoError && e.code === "EEXIST")) throw e;
    nl.deleteLink(lease.link);
    nl.createVeth(veth);
  }
  nl.addAddress4(lease.link, lease.gateway, lease.prefix);
  hardenHostSide(lease.link);
}
function sameNetns(pid) {
  try {
    return statSync(`/proc/${pid}/ns/net`).ino === statSync("/proc/self/ns/net").ino;
  } catch {
    return false;
  }
}
function hardenHostSide(link) {
  for (const [file, value] of [
    [`/proc/sys/net/ipv4/conf/${link}/rp_filter`, "1"],
    [`/proc/sys/net/ipv6/conf/${link}/disable_ipv6`, "1"]
  ]) {
    try {
      writeFileSync(file, value);
    } catch {
    }
  }
}

// src/engine/net/index.ts
function openNetRun(opts = {}) {
  if (!isRoot()) return openRootlessNetRun(opts);
  const pool = parsePool(opts.pool ?? DEFAULT_POOL);
  const maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const allow = (opts.allow ?? []).map(parseAllow);
  const dns = resolveDns(opts.dns, opts.dnsPaths ?? DEFAULT_DNS_PATHS);
  const state = new StateDir(opts.stateDir);
  const nl = netlink();
  const host = readHost(nl);
  checkPoolClash(pool, host.routes);
  const runId = newRunId();
  const rec = { ...selfOwner(), runId, pool: pool.text, backend: "none" };
  const policy = buildPolicy(runId, pool.text, allow, dns.nameservers, host.addrs4, maxConnections);
  registerRun(state, nl, pool, rec, policy, opts.firewall);
  const notes = forwardFilterNotes();
  const book = new LeaseBook(state, pool, runId, netlink);
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    process.off("exit", dispose);
    book.releaseAll();
    state.locked(() => unregisterRun(state, rec));
  };
  process.on("exit", dispose);
  const veth = { nl, mtu: host.mtu, disposed: () => disposed, release: book.release.bind(book) };
  return {
    runId,
    mtu: host.mtu,
    nameservers: dns.nameservers,
    notEnforced: notes,
    allocate(_hostname) {
      if (disposed) throw new Error("network run already disposed");
      return vethSandboxNet(book.acquire(), veth);
    },
    files: (hostname) => [
      ["/etc/resolv.conf", resolvConfText(dns)],
      ["/etc/hosts", hostsText(hostname)]
    ],
    dispose
  };
}
function registerRun(state, nl, pool, rec, policy, firewall) {
  state.locked(() => {
    sweepStaleNetState(state, nl, { deep: false });
    for (const other of state.listRuns()) {
      const o = parseCidr4(other.pool);
      if (other.pool !== pool.text && o && recordOwnerAlive(other) && cidrOverlaps(o, pool.cidr)) {
        throw new UsageError(
          `network pool ${pool.text} overlaps pool ${other.pool} of the running nsbox process ${other.pid}; use the same pool or a disjoint one`
        );
      }
    }
    state.writeRun(rec);
    try {
      setupFirewall(policy, rec, state, firewall);
      enableForwarding(state);
    } catch (e) {
      undoFirewall(rec);
      state.removeRun(rec.runId);
      throw e;
    }
  });
}
function unregisterRun(state, rec) {
  undoFirewall(rec);
  state.removeRun(rec.runId);
  restoreForwarding(state, rec.runId);
}
function cleanupStaleNetwork(opts = {}) {
  if (!isRoot()) return 0;
  const state = new StateDir(opts.stateDir);
  const deep = opts.deep ?? false;
  if (!state.exists()) return deep ? sweepStaleNetState(state, netlink(), { deep }) : 0;
  return state.locked(() => sweepStaleNetState(state, netlink(), { deep }));
}

// src/engine/removals.ts
var DeferredRemovals = class {
  pending = /* @__PURE__ */ new Set();
  failure = null;
  /** Runs `remove` on the next turn; the promise resolves once it is done (it never rejects). */
  defer(remove) {
    const done = new Promise(
      (resolve2) => setImmediate(async () => {
        try {
          await remove();
        } catch (err) {
          this.failure ??= err instanceof Error ? err : new Error(String(err));
        }
        this.pending.delete(done);
        resolve2();
      })
    );
    this.pending.add(done);
    return done;
  }
  /** Waits for every removal deferred so far; throws the first error one of them had. */
  async drain() {
    while (this.pending.size > 0) await Promise.all(this.pending);
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }
};

// src/engine/outcome.ts
var ALIASES = /* @__PURE__ */ new Set(["SIGIOT", "SIGPOLL", "SIGUNUSED"]);
var signalNames = new Map(
  Object.entries(constants2.signals).filter(([name]) => !ALIASES.has(name)).map(([name, n]) => [n, name])
);
function signalName(n) {
  if (n === null) return null;
  return signalNames.get(n) ?? `SIG${n}`;
}
function decideOutcome(o) {
  if (o.setupError) {
    return { status: "setup-error", exitCode: 125, signal: null, reason: null, error: o.setupError };
  }
  const exit = o.commandExit ?? o.initExit;
  if (!exit && o.helperSignal !== null) {
    const name = signalName(o.helperSignal);
    if (!o.started) {
      const error = {
        step: "helper",
        message: `the sandbox helper was killed by ${name} before the sandbox started`
      };
      return { status: "setup-error", exitCode: 125, signal: null, reason: null, error };
    }
    const reason = `the sandbox helper was killed by ${name} from outside; the sandbox was killed with it`;
    return { status: "signaled", exitCode: 128 + 9, signal: "SIGKILL", reason, error: null };
  }
  if (!exit) {
    const error = {
      step: "helper",
      message: "the sandbox helper ended without reporting the command's exit"
    };
    return { status: "setup-error", exitCode: 125, signal: null, reason: null, error };
  }
  const signal = exit.signal;
  const exitCode = signal !== null ? 128 + signal : exit.code ?? 125;
  const base = { exitCode, signal: signalName(signal), error: null };
  if (o.timedOut && signal !== null) return { ...base, status: "timeout", reason: o.timedOut };
  if (o.cancelled && signal !== null) {
    return { ...base, status: "cancelled", reason: "the run was cancelled" };
  }
  const failed = exitCode !== 0;
  if (failed && o.oomKills > 0) {
    const limit = o.memoryLimit ? ` (memory limit ${o.memoryLimit})` : "";
    return { ...base, status: "oom", reason: `out of memory${limit}: ${o.oomKills} OOM kill(s)` };
  }
  if (failed && o.pidsLimitHit) {
    const limit = o.pidsLimit !== null ? ` ${o.pidsLimit}` : "";
    return {
      ...base,
      status: "pids-limit",
      reason: `the process limit${limit} (processes and threads) was reached`
    };
  }
  if (signal !== null) return { ...base, status: "signaled", reason: `killed by ${base.signal}` };
  return { ...base, status: failed ? "failed" : "ok", reason: null };
}
var { EACCES, ENOENT, ENOTDIR } = constants2.errno;
function setupErrorHint(step, errno) {
  if (step === "exec" && (errno === ENOENT || errno === ENOTDIR)) return "command";
  if (step === "workdir" && errno !== EACCES) return "workdir";
  return void 0;
}
function applyEvent(o, ev) {
  switch (ev.event) {
    case "setup-error":
      if (!o.setupError) {
        const hint = setupErrorHint(ev.step, ev.errno);
        const message = ev.message.replace(/\n/g, "\\n");
        o.setupError = hint ? { step: ev.step, message, hint } : { step: ev.step, message };
      }
      break;
    case "pid":
      o.started = true;
      break;
    case "exit":
      o.commandExit = { code: ev.code, signal: ev.signal };
      break;
    case "init-exit":
      o.initExit = { code: ev.code, signal: ev.signal };
      break;
    default:
      break;
  }
}
function emptyObservation() {
  return {
    setupError: null,
    commandExit: null,
    initExit: null,
    timedOut: null,
    cancelled: false,
    started: false,
    helperSignal: null,
    oomKills: 0,
    pidsLimitHit: false,
    memoryLimit: null,
    pidsLimit: null
  };
}

// src/engine/sandbox-spec.ts
var BASE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
function sandboxEnv(hostname, extra = {}, terminal = process.stdout.isTTY) {
  const term = terminal ? "xterm-256color" : "dumb";
  return { PATH: BASE_PATH, HOME: "/root", TERM: term, HOSTNAME: hostname, ...extra };
}
function commandRecords(opts, hostname) {
  const records = [["workdir", opts.workdir ?? "/"]];
  const env = sandboxEnv(hostname, opts.env, opts.tty || process.stdout.isTTY);
  for (const [k, v] of Object.entries(env)) records.push(["env", `${k}=${v}`]);
  for (const a of opts.argv) records.push(["arg", a]);
  return records;
}
function specRecords(ctx, opts, applied, hostname, cg, net3, kept, internal, spare = false) {
  const records = [
    ["rootfs", ctx.rootfsDir],
    ...ctx.layers.map((l) => ["layer", l]),
    ["scratch", kept ? kept.dir : ctx.scratchDir],
    ...kept ? [["scratch_keep", "1"]] : [],
    ...internal.setidModes ? [["setid_modes", "1"]] : [],
    ["tmpfs_size", String(applied.tmpfsBytes)],
    ["tmpfs_inodes", String(applied.tmpfsInodes)],
    ["hostname", hostname],
    ["uid_base", String(ctx.idMap.uidBase)],
    ["gid_base", String(ctx.idMap.gidBase)],
    ["id_count", String(ctx.idMap.count)]
  ];
  if (!spare) records.push(...commandRecords(opts, hostname));
  if (opts.tty) records.push(["tty", "1"]);
  for (const m of opts.mounts ?? []) {
    records.push(["mount_src", m.source], ["mount_dst", m.target]);
    if (ctx.idMap.count > 1 && wantsIdmap(m)) records.push(["mount_idmap", "1"]);
    if (m.mode === "overlay") for (const l of ctx.mountLayers(m)) records.push(["mount_layer", l]);
    records.push(["mount_mode", m.mode]);
  }
  for (const [path, data] of [...checkedFiles(opts.files), ...internal.files ?? []])
    records.push(["file_path", path], ["file_data", data]);
  records.push(...cg.helperSpec());
  if (net3) {
    records.push(...net3.helperSpec());
    for (const [path, data] of ctx.net?.files(hostname) ?? [])
      records.push(["file_path", path], ["file_data", data]);
  } else {
    records.push(["net", "none"]);
    records.push(["file_path", "/etc/hosts"], ["file_data", hostsText(hostname, { ipv6: true })]);
  }
  return records;
}
function checkedFiles(files) {
  for (const [path] of files ?? [])
    if (!/^\/tmp\/[^/\0]+$/.test(path) || path === "/tmp/." || path === "/tmp/..")
      throw new SetupError("spec", `files: '${path}' is not a name in /tmp`);
  return files ?? [];
}
function specFiles(records) {
  const files = /* @__PURE__ */ new Map();
  records.forEach(([key, path], i) => {
    const next = records[i + 1];
    if (key === "file_path" && next?.[0] === "file_data") files.set(path, next[1]);
  });
  return files;
}
function wantsIdmap(m) {
  if (m.mode === "overlay") return true;
  try {
    const st = statSync(m.source);
    return (m.mode === "rw" || st.isDirectory() || st.isFile()) && st.uid !== 0;
  } catch {
    return false;
  }
}
function stdioFor(opts) {
  const s = opts.stdio ?? {};
  return [s.stdin ?? "ignore", s.stdout ?? "inherit", s.stderr ?? "inherit"];
}
function stdinFd(opts) {
  const stdin = opts.stdio?.stdin ?? "ignore";
  return stdin === "inherit" ? 0 : typeof stdin === "number" ? stdin : null;
}

// src/engine/sandbox-watch.ts
var CPU_POLL_MS = 25;
var MAX_TIMER_MS = 2 ** 31 - 1;
function longTimeout(ms, fn) {
  let timer;
  const arm = (left) => {
    timer = setTimeout(
      () => left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : fn(),
      Math.min(left, MAX_TIMER_MS)
    );
  };
  arm(ms);
  return { cancel: () => clearTimeout(timer) };
}
function describeLimit(ms) {
  return ms % 1e3 === 0 ? `${ms / 1e3}s` : `${ms}ms`;
}
function pickCpu(cg, rusage) {
  const ru = { userMs: (rusage?.utime_us ?? 0) / 1e3, systemMs: (rusage?.stime_us ?? 0) / 1e3 };
  if (!cg) return { ...ru, source: "rusage" };
  const cgTotal = cg.cpuUserMs + cg.cpuSystemMs;
  const ruTotal = ru.userMs + ru.systemMs;
  if (rusage && ruTotal > 5 && cgTotal < ruTotal * 0.9) return { ...ru, source: "rusage" };
  return { userMs: cg.cpuUserMs, systemMs: cg.cpuSystemMs, source: "cgroup" };
}
function round(ms) {
  return Math.round(ms * 100) / 100;
}
function watchCpu(cg, budgetMs, stop) {
  const timer = setInterval(() => {
    const used = cg.cpuUsageMs();
    if (used !== null && used >= budgetMs) {
      clearInterval(timer);
      stop(`cpu time limit ${describeLimit(budgetMs)} reached`);
    }
  }, CPU_POLL_MS);
  return timer;
}
function pipeOutput(stream, which, sink) {
  if (!stream) return;
  stream.on("data", (chunk) => {
    const pending = sink()?.(which, chunk);
    if (!pending) return;
    stream.pause();
    pending.catch(() => {
    }).finally(() => stream.resume());
  });
}

// src/engine/terminal.ts
var tty = () => process.getBuiltinModule("node:tty");
var TCSADRAIN = 1;
var TERMIOS_BYTES = 256;
var bind2 = libcCalls({
  tcgetattr: "int tcgetattr(int fd, void *t)",
  tcsetattr: "int tcsetattr(int fd, int when, const void *t)",
  cfmakeraw: "void cfmakeraw(void *t)",
  tcgetpgrp: "int tcgetpgrp(int fd)",
  getpgrp: "int getpgrp()"
});
async function isForegroundTerminal(fd) {
  if (!tty().isatty(fd)) return false;
  await loadLibc();
  const c = bind2();
  return c.tcgetpgrp(fd) === c.getpgrp();
}
function rawTerminal(fd) {
  if (!tty().isatty(fd)) return () => {
  };
  const c = bind2();
  const saved = Buffer.alloc(TERMIOS_BYTES);
  if (c.tcgetattr(fd, saved) !== 0) return () => {
  };
  const raw = Buffer.from(saved);
  c.cfmakeraw(raw);
  c.tcsetattr(fd, TCSADRAIN, raw);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    c.tcsetattr(fd, TCSADRAIN, saved);
  };
}

// src/engine/validate.ts
var MIN_MEMORY_BYTES = 4 * 1024 * 1024;
var PID_MAX_MIN = 301;
var MIN_DISK_SCRATCH_BYTES = 1024 * 1024;
var RESERVED_TARGETS = ["/proc", "/sys", "/dev"];
function checkLimits(limits, scratch = "memory") {
  if (typeof limits.memoryBytes === "number" && limits.memoryBytes < MIN_MEMORY_BYTES) {
    throw new UsageError(
      `memory: ${beside(limits.memoryBytes, MIN_MEMORY_BYTES)} is below the ${formatBytes(MIN_MEMORY_BYTES)} the sandbox's own set-up needs; use at least 4M`
    );
  }
  checkTmpfsSize(limits.tmpfsBytes, scratch);
  if (typeof limits.pids === "number" && limits.pids >= PID_MAX_MIN) {
    const max = kernelPidMax();
    if (max !== null && limits.pids >= max) {
      throw new UsageError(
        `pids: ${limits.pids} is more than this kernel allows (kernel.pid_max ${max}); use at most ${max - 1}`
      );
    }
  }
}
function checkTmpfsSize(bytes, scratch) {
  if (bytes === void 0) return;
  if (bytes > MAX_TMPFS_BYTES)
    throw new UsageError(
      `tmpfs-size: ${beside(bytes, MAX_TMPFS_BYTES)} is above the ${formatBytes(MAX_TMPFS_BYTES)} a sandbox's tmpfs can have; use at most 32T`
    );
  if (scratch === "disk" && bytes < MIN_DISK_SCRATCH_BYTES)
    throw new UsageError(
      `tmpfs-size: ${beside(bytes, MIN_DISK_SCRATCH_BYTES)} is below the ${formatBytes(MIN_DISK_SCRATCH_BYTES)} a disk scratch needs (its ext4 file system's own blocks and inodes); use at least 1M`
    );
}
function beside(bytes, bound) {
  const shown2 = formatBytes(bytes);
  return shown2 === formatBytes(bound) ? `${bytes} bytes` : shown2;
}
function kernelPidMax() {
  const n = Number((readTextOrNull("/proc/sys/kernel/pid_max") ?? "").trim());
  return Number.isSafeInteger(n) && n > 1 ? n : null;
}
function checkMounts(mounts, cacheDir) {
  for (const m of mounts) {
    if (!isAbsolute(m.source)) {
      throw new UsageError(`mount: '${m.source}' is not an absolute host path; give it as /path`);
    }
    const target = normalTarget(m.target);
    if (!target.startsWith("/")) {
      throw new UsageError(`mount: '${m.target}' is not an absolute path inside the sandbox; use /src`);
    }
    if (target === "/" || RESERVED_TARGETS.some((r) => target === r || target.startsWith(`${r}/`))) {
      throw new UsageError(
        `mount: '${m.target}' is provided by the sandbox itself; mount somewhere outside /, /proc, /sys and /dev`
      );
    }
    if (m.target.split("/").includes("..")) {
      throw new UsageError(`mount: '${m.target}' has a '..'; give the target without it, like /src`);
    }
    if (m.mode === "overlay" && OVERLAY_UNSAFE.test(m.source)) {
      throw new UsageError(
        `mount: overlay cannot use '${shown(m.source)}' (overlayfs cannot take ',', ':', '\\' or a line break in a layer path); use ro or rw, or a path without them`
      );
    }
    if (m.mode === "rw" && cacheDir !== void 0) checkCacheOutOfReach(m.source, cacheDir);
  }
  checkNesting(mounts);
}
var normalTarget = (t) => posix.normalize(t).replace(/(.)\/+$/, "$1");
function checkNesting(mounts) {
  const targets = mounts.map((m) => normalTarget(m.target));
  targets.forEach((inner, j) => {
    let outer = -1;
    targets.forEach((t, i) => {
      if (i !== j && inner.startsWith(`${t}/`) && (outer < 0 || t.length > targets[outer].length))
        outer = i;
    });
    if (outer < 0) return;
    const o = mounts[outer];
    if (outer > j)
      throw new UsageError(
        `mount: '${mounts[j]?.target}' comes before '${o.target}', which would hide it; list the mount on '${o.target}' first`
      );
    if (o.mode === "overlay") return;
    const rel = inner.slice(targets[outer].length + 1);
    if (statSync(o.source, { throwIfNoEntry: false })?.isDirectory() === false)
      throw new UsageError(
        `mount: '${mounts[j]?.target}' lies in the mount of '${shown(o.source)}', which is a file: nothing can be mounted inside it; give it a target outside '${o.target}'`
      );
    if (!existsOnHost(o.source, rel))
      throw new UsageError(
        `mount: '${mounts[j]?.target}' lies in the ${o.mode} mount of '${shown(o.source)}', which has no '${rel}' to mount it on, and nsbox never writes a caller's source; create '${shown(posix.join(o.source, rel))}' first`
      );
  });
}
function existsOnHost(dir, rel) {
  let p = dir;
  for (const c of rel.split("/")) {
    p = posix.join(p, c);
    try {
      if (lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() !== false) return false;
    } catch {
      return false;
    }
  }
  return true;
}
function checkCacheOutOfReach(source, cacheDir) {
  let src;
  try {
    src = realpathSync(source);
  } catch {
    return;
  }
  const cache2 = realPathAhead(cacheDir);
  const where = src === cache2 ? "is" : within(src, cache2) ? "is inside" : within(cache2, src) ? "holds" : null;
  if (where)
    throw new UsageError(
      `mount: '${shown(source)}' (rw) ${where} the cache dir '${shown(cache2)}', which no sandbox may write; mount it ro or overlay, or use a cache dir outside it`
    );
}
var within = (p, dir) => p.startsWith(dir === "/" ? "/" : `${dir}/`) && p !== dir;
var shown = (p) => p.replace(/\n/g, "\\n");
var OVERLAY_UNSAFE = /[,:\\\n]/;
function checkCacheDir(dir) {
  if (OVERLAY_UNSAFE.test(dir))
    throw new UsageError(
      `cache dir: '${shown(dir)}' contains ',', ':', '\\' or a line break, which overlayfs cannot take in a layer's path; use a directory without them`
    );
}

// src/engine/sandbox.ts
function prepareSpare(ctx, opts) {
  const run3 = SandboxRun.create(ctx, opts, {}, true, true);
  const spare = {
    ended: false,
    start: (command) => run3.start(command),
    discard: () => run3.discard(),
    ready: () => run3.waitingAlive(),
    settled: run3.settled.finally(() => {
      spare.ended = true;
    })
  };
  return spare;
}
async function runInSandbox(ctx, opts, internal = {}) {
  return SandboxRun.create(ctx, opts, internal, false).start();
}
function prepareSandbox(ctx, opts, internal = {}) {
  if (usesNetwork(ctx, internal) || opts.tty) return lazySandbox(ctx, opts, internal);
  try {
    const run3 = SandboxRun.create(ctx, opts, internal, true);
    return { start: () => run3.start(), discard: () => run3.discard(), settled: run3.settled };
  } catch (err) {
    return { start: () => Promise.reject(err), discard: async () => {
    }, settled: Promise.resolve() };
  }
}
function usesNetwork(ctx, internal) {
  const mode = internal.network ?? "session";
  return ctx.net !== null && (mode === "nat" || mode === "session" && ctx.commandNet);
}
function lazySandbox(ctx, opts, internal) {
  let settle = () => {
  };
  const settled = new Promise((resolve2) => {
    settle = resolve2;
  });
  const onAbort = () => settle();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  return {
    start: () => {
      opts.signal?.removeEventListener("abort", onAbort);
      return runInSandbox(ctx, opts, internal).finally(settle);
    },
    discard: async () => settle(),
    settled
  };
}
var SandboxRun = class _SandboxRun {
  constructor(ctx, opts, internal, waitForStart, spare, hostname, limits, applied, kept, cg, layerNotEnforced) {
    this.ctx = ctx;
    this.opts = opts;
    this.internal = internal;
    this.waitForStart = waitForStart;
    this.spare = spare;
    this.hostname = hostname;
    this.limits = limits;
    this.applied = applied;
    this.kept = kept;
    this.cg = cg;
    this.layerNotEnforced = layerNotEnforced;
    this.observed.memoryLimit = limits.memoryBytes !== void 0 ? formatBytes(limits.memoryBytes) : null;
    this.observed.pidsLimit = limits.pids ?? null;
    this.done = this.run();
    this.settled = this.done.then(
      () => this.removal,
      () => {
      }
    );
  }
  ctx;
  opts;
  internal;
  waitForStart;
  spare;
  hostname;
  limits;
  applied;
  kept;
  cg;
  layerNotEnforced;
  observed = emptyObservation();
  timers = [];
  net = null;
  helper = null;
  restoreTerminal = () => {
  };
  initPid = 0;
  initGone = false;
  ready = false;
  // the helper announced init (pid): the command waits for the go byte
  wanted = false;
  // start() was called
  discarded = false;
  // discard() was called first: the command never goes
  released = false;
  // the go byte was sent: the command may have started
  startedAt = 0;
  endedAt = 0;
  stats = null;
  spareGo = null;
  // a spare's go byte and command records, from start()
  rusage = null;
  outputs;
  ownFiles = /* @__PURE__ */ new Map();
  // what init wrote into the root layer
  handedOver = false;
  removal = Promise.resolve();
  done;
  /** Everything made for it is gone, whatever happened. */
  settled;
  /** Checks the options, then the sandbox's own cgroup and writable layer; starts the helper. */
  static create(ctx, opts, internal, waitForStart, spare = false) {
    if (!spare && opts.argv.length === 0) throw new SetupError("spec", "no command given");
    checkLimits(opts.limits ?? {}, ctx.scratch);
    checkMounts(opts.mounts ?? [], ctx.cacheDir);
    throwIfCancelled(opts.signal);
    const limits = resolveLimits(opts.limits ?? {}, ctx.defaults);
    const applied = appliedLimits(limits);
    const cgLimits = limits.pids !== void 0 ? { ...limits, pids: limits.pids + 1 } : limits;
    const keep = opts.outputs !== void 0 || internal.keepLayer !== void 0 || ctx.scratch === "disk";
    const layerNotes = keep && !ctx.root && !internal.layerDir ? uncappedLayerNotes(opts.limits, opts.bestEffort ?? false) : [];
    const kept = internal.layerDir ? createPlainScratch(internal.layerDir) : keep ? createKeptScratch(ctx.cacheDir, ctx.scratch, applied.tmpfsBytes, applied.tmpfsInodes, ctx.root) : null;
    let cg;
    try {
      cg = ctx.cgroups.createSandbox(ctx.nextName(), cgLimits, opts.bestEffort ?? false);
    } catch (e) {
      kept?.dispose();
      throw e;
    }
    const hostname = opts.hostname ?? "nsbox";
    return new _SandboxRun(
      ctx,
      opts,
      internal,
      waitForStart,
      spare,
      hostname,
      limits,
      applied,
      kept,
      cg,
      layerNotes
    );
  }
  start(command) {
    if (this.spare) {
      if (!command || command.argv.length === 0) {
        this.discard();
        return Promise.reject(new SetupError("spec", "no command given"));
      }
      this.opts = { ...this.opts, ...command };
      try {
        this.spareGo = Buffer.concat([
          Buffer.from("g"),
          encodeSpec(commandRecords(this.opts, this.hostname))
        ]);
      } catch (err) {
        this.discard();
        return Promise.reject(err);
      }
      const signal = command.signal;
      if (signal) {
        signal.addEventListener("abort", this.onAbort, { once: true });
        this.settled.finally(() => signal.removeEventListener("abort", this.onAbort));
        if (signal.aborted) this.onAbort();
      }
    }
    this.wanted = true;
    if (this.ready) this.release().catch(() => this.stop(null));
    return this.done.then(() => {
      if (!this.released && this.opts.signal?.aborted) throw new CancelledError(this.opts.signal.reason);
      return this.result();
    });
  }
  /** Set up and waiting for its go byte, with its init alive (not even a zombie) right now. */
  waitingAlive() {
    return this.ready && !this.wanted && !this.initGone && pidRunning(this.initPid);
  }
  async discard() {
    if (!this.wanted) {
      this.discarded = true;
      this.helper?.control.end();
    }
    await this.settled;
  }
  /** The whole life: network, helper, events until the helper is done, then what the result needs. */
  async run() {
    try {
      this.net = usesNetwork(this.ctx, this.internal) ? this.ctx.net?.allocate(this.hostname) ?? null : null;
      this.launch();
      await this.followEvents();
      await this.collect();
    } catch (err) {
      this.cleanup();
      throw err;
    }
    this.net?.release();
    this.removal = this.ctx.removals.defer(() => this.cleanup());
  }
  /** The helper, with the spec; raw mode on the caller's terminal for its lifetime. */
  launch() {
    const { opts } = this;
    const tty2 = opts.tty ? stdinFd(opts) : null;
    this.restoreTerminal = tty2 !== null ? rawTerminal(tty2) : () => {
    };
    try {
      const records = specRecords(
        this.ctx,
        opts,
        this.applied,
        this.hostname,
        this.cg,
        this.net,
        this.kept,
        this.internal,
        this.spare
      );
      const callers = new Set((opts.files ?? []).map(([path]) => path));
      this.ownFiles = new Map([...specFiles(records)].filter(([path]) => !callers.has(path)));
      if (this.waitForStart && !this.net) records.push(["start_wait", this.spare ? "2" : "1"]);
      this.helper = this.ctx.launch(records, stdioFor(opts));
    } catch (err) {
      this.restoreTerminal();
      throw err;
    }
    pipeOutput(this.helper.stdout, "stdout", () => this.opts.onOutput);
    pipeOutput(this.helper.stderr, "stderr", () => this.opts.onOutput);
    if (this.discarded) this.helper.control.end();
  }
  /** Kills the sandbox's tree; `why` is the limit that did it (null: an abort or a failure). */
  stop = (why) => {
    if (why && !this.observed.timedOut) this.observed.timedOut = why;
    this.cg.kill();
    if (this.initPid && !this.initGone) sigkill(this.initPid);
  };
  onAbort = () => {
    this.observed.cancelled = true;
    this.stop(null);
  };
  async followEvents() {
    const helper = this.helper;
    const { opts, observed } = this;
    opts.signal?.addEventListener("abort", this.onAbort, { once: true });
    try {
      for await (const ev of helper.events) {
        applyEvent(observed, ev);
        if (ev.event === "pid") {
          this.initPid = ev.pid;
          this.ready = true;
          if (!this.waitForStart || this.wanted || this.net || opts.signal?.aborted) await this.release();
        } else if (ev.event === "exit") {
          this.endedAt = monotonicMs();
          for (const t of this.timers) t.cancel();
        } else if (ev.event === "init-exit") {
          this.initGone = true;
          this.endedAt ||= monotonicMs();
          this.rusage = ev.rusage;
        }
      }
    } finally {
      for (const t of this.timers) t.cancel();
      opts.signal?.removeEventListener("abort", this.onAbort);
      if (!this.initGone) this.stop(null);
      await helper.finished;
      this.restoreTerminal();
    }
    if (!observed.commandExit && !observed.initExit) observed.helperSignal = (await helper.exit).signal;
    if (!this.endedAt) this.endedAt = monotonicMs();
  }
  /** The go byte (after wiring the network), then the limits that count from the command's start. */
  releasing = null;
  release() {
    if (this.discarded || this.initGone) return Promise.resolve();
    this.releasing ??= this.letGo();
    return this.releasing;
  }
  async letGo() {
    const { opts, net: net3, observed } = this;
    const control = this.helper.control;
    this.startedAt = monotonicMs();
    if (!net3 && !this.waitForStart) {
      this.released = true;
      control.end();
    } else if (opts.signal?.aborted) {
      control.end();
      this.stop(null);
    } else if (!net3) {
      this.released = true;
      control.end(this.spareGo ?? "g");
    } else {
      try {
        await net3.attach(this.initPid);
        this.released = !opts.signal?.aborted;
        control.end(this.released ? "g" : void 0);
        if (!this.released) this.stop(null);
      } catch (err) {
        observed.setupError = { step: "network", message: err.message };
        control.end();
        this.stop(null);
      }
    }
    this.cg.started();
    if (opts.signal?.aborted) this.onAbort();
    const { timeoutMs, cpuTimeMs } = this.limits;
    if (timeoutMs !== void 0) {
      const sentence = `wall-clock timeout ${describeLimit(timeoutMs)} reached`;
      this.timers.push(longTimeout(timeoutMs, () => this.stop(sentence)));
    }
    if (cpuTimeMs !== void 0) {
      const timer = watchCpu(this.cg, cpuTimeMs, this.stop);
      this.timers.push({ cancel: () => clearInterval(timer) });
    }
  }
  /** Every process of the sandbox is gone (init reaped): its layers can no longer change under us. */
  async collect() {
    const { kept, opts, internal, observed } = this;
    this.stats = this.cg.stats();
    const mayHaveRun = this.released && observed.setupError === null;
    if (kept && opts.outputs && mayHaveRun) {
      const o = opts.outputs;
      this.outputs = await copyOutputs(
        o.name,
        {
          patterns: o.patterns,
          dir: o.dir,
          limitBytes: o.limitBytes ?? DEFAULT_OUTPUT_LIMIT_BYTES,
          limitFiles: o.limitFiles ?? DEFAULT_OUTPUT_LIMIT_FILES,
          untrusted: [...o.untrusted ?? [], ...(opts.mounts ?? []).map((m) => m.source)]
        },
        mountsView(kept.upper, opts.mounts ?? [], kept.mountUpper, this.ownFiles),
        opts.signal
      );
    }
    if (kept && internal.keepLayer) {
      internal.keepLayer(kept);
      this.handedOver = true;
    }
  }
  cleanup() {
    for (const t of this.timers) t.cancel();
    this.net?.release();
    this.cg.remove();
    if (!this.handedOver) this.kept?.dispose();
  }
  result() {
    const { observed, cg, net: net3, ctx, rusage, outputs } = this;
    const stats = this.stats;
    observed.oomKills = stats.oomKills;
    observed.pidsLimitHit = stats.pidsLimitHit;
    const outcome = decideOutcome(observed);
    const cpu = pickCpu(stats.cpuAccounted ? stats : null, rusage);
    return {
      ...outcome,
      wallMs: this.startedAt ? round(this.endedAt - this.startedAt) : 0,
      cpuUserMs: round(cpu.userMs),
      cpuSystemMs: round(cpu.systemMs),
      cpuSource: cpu.source,
      memoryPeakBytes: stats.memoryPeakBytes,
      memoryPeakNote: stats.memoryPeakNote,
      pidsPeak: stats.pidsPeak === null ? null : Math.max(0, stats.pidsPeak - 1),
      // init not counted
      pidsPeakSource: stats.pidsPeakSource,
      oomKills: stats.oomKills,
      cgroup: cg.kind,
      notEnforced: [
        ...cg.notEnforced,
        // A limit above what the cgroups holding the engine allow: it ran, capped by theirs.
        ...enclosingNotes(this.limits, ctx.cgroups.enclosing),
        ...this.layerNotEnforced,
        ...net3 ? ctx.net?.notEnforced ?? [] : []
      ],
      limits: this.applied,
      network: net3 ? "nat" : "none",
      address: net3?.address ?? null,
      alpine: ctx.alpine,
      ...ctx.packages ? { packages: ctx.packages } : {},
      ...outputs ? { outputs } : {}
    };
  }
};
function uncappedLayerNotes(asked, bestEffort) {
  const guard = new LimitGuard(bestEffort, asked?.tmpfsBytes === void 0 ? ["tmpfs-size"] : []);
  guard.cannot(
    "tmpfs-size",
    "rootless, the writable layer kept for outputs, a setup or a disk scratch is a plain directory on the cache's disk, capped by nothing"
  );
  return guard.notEnforced;
}

// src/engine/session.ts
var ROOT_ID_BASE = 2e9;
var openSessions = /* @__PURE__ */ new Set();
var staleCleanupDone = false;
async function cleanupStale(cacheDir = defaultCacheDir(), opts = {}) {
  const deep = opts.deep ?? true;
  await loadLibc();
  let removed = cleanupStaleRootfsTemps(cacheDir);
  removed += await removeIdleLocks(cacheDir);
  removed += cleanupStaleScratch(cacheDir);
  removed += cleanupStaleCgroups(opts.layout, { deep });
  if (isRoot() && deep) removed += cleanupStaleNetwork({ deep });
  return removed;
}
var StaleSweep = class {
  constructor(cacheDir, layout) {
    this.cacheDir = cacheDir;
    this.layout = layout;
  }
  cacheDir;
  layout;
  done = null;
  start() {
    this.done ??= new Promise((resolve2) => setImmediate(resolve2)).then(() => cleanupStale(this.cacheDir, { deep: false, layout: this.layout })).then(
      () => {
      },
      () => {
      }
    );
    return this.done;
  }
};
async function checkedRootfs(rootfs, answer, req) {
  if ("damage" in answer && answer.damage === null) return rootfs;
  if (rootfs.checkList) rmSync(rootfs.checkList, { force: true });
  return prepareRootfs(req);
}
function mayBeRefused(limits, bestEffort = false) {
  const defaulted = limits.defaulted ?? [];
  return !bestEffort && requested(limits).some((l) => !defaulted.includes(l));
}
var mountKey = (m) => `${m.source}\0${m.target}`;
var MAX_SPARES = 2;
var Session = class _Session {
  constructor(ctx, alpine, setupNetwork, helper, sparesWanted, sweep) {
    this.ctx = ctx;
    this.alpine = alpine;
    this.setupNetwork = setupNetwork;
    this.helper = helper;
    this.sparesWanted = sparesWanted;
    this.sweep = sweep;
  }
  ctx;
  alpine;
  setupNetwork;
  helper;
  sparesWanted;
  sweep;
  closed = false;
  counter = 0;
  running = /* @__PURE__ */ new Map();
  setupLayer = null;
  setupDone = false;
  setupMountLayers = /* @__PURE__ */ new Map();
  /** Sandboxes set up ahead for the options of recent runs, without their command (spareKey). */
  spares = [];
  lastKey = null;
  /** Each drops the session's hold on a cache entry it stands on (rootfs tree, package layer). */
  inUse = [];
  /** Packages installed in the session's package layer (null without --packages). */
  get packages() {
    return this.ctx.packages;
  }
  static async open(opts = {}) {
    const network = parseNetworkMode("network", opts.network ?? "none");
    const setupNetwork = parseNetworkMode("setup-network", opts.setupNetwork ?? network);
    const scratch = parseScratchKind(opts.scratch ?? "memory");
    if (opts.maxConnections !== void 0) checkMaxConnections(opts.maxConnections);
    const packages = opts.packages ?? [];
    if (packages.length > 0)
      checkPackageRequest({
        packages,
        repositories: opts.repositories ?? [],
        keys: opts.repositoryKeys ?? []
      });
    const cacheDir = opts.cacheDir ?? defaultCacheDir();
    const signal = opts.signal;
    throwIfCancelled(signal);
    const libc4 = loadLibc();
    checkCacheDir(resolve(cacheDir));
    checkRootfsRequest({ tarball: opts.rootfsTarball, alpine: opts.alpine, mirror: opts.mirror });
    const root = isRoot();
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    const idMap = root ? { uidBase: ROOT_ID_BASE, gidBase: ROOT_ID_BASE, count: SANDBOX_ID_COUNT } : { uidBase: uid, gidBase: gid, count: 1 };
    const cgroupLayout = detectCgroups();
    const defaults = sessionDefaults(opts.parallel, cgroupLayout);
    if (!root && (network === "nat" || setupNetwork === "nat")) checkRootlessNet();
    const planned = (opts.planned ?? []).map((p) => ({
      ...p,
      resolved: resolveLimits(p.limits ?? {}, defaults)
    }));
    let cgroups = planned.some((p) => mayBeRefused(p.resolved, p.bestEffort)) ? openCgroupRun({ layout: cgroupLayout }) : null;
    const caller = opts.onProgress;
    const onProgress = caller && ((m) => caller(withoutCredentials(m)));
    const rootfsRequest = {
      alpine: opts.alpine,
      mirror: opts.mirror,
      tarball: opts.rootfsTarball,
      cacheDir,
      idShift: root ? ROOT_ID_BASE : null,
      onProgress,
      signal,
      deferCheck: true
    };
    let rootfs;
    try {
      for (const p of planned) {
        if (!root && (p.keepsLayer || scratch === "disk"))
          uncappedLayerNotes(p.limits, p.bestEffort ?? false);
        cgroups?.checkEnforceable(p.resolved, p.bestEffort ?? false);
      }
      makeDirs(cacheDir);
      rootfs = await prepareRootfs(rootfsRequest);
      await libc4;
    } catch (err) {
      cgroups?.dispose();
      throw err;
    }
    const helper = new HelperServer();
    const treeAnswer = rootfs.checkList ? helper.checkTree(rootfs.dir, rootfs.checkList) : null;
    const sweep = staleCleanupDone || opts.sweepStale === false ? null : new StaleSweep(cacheDir, cgroupLayout);
    if (sweep) staleCleanupDone = true;
    const scratchDir = join(cacheDir, "scratch");
    let net3 = null;
    try {
      throwIfCancelled(signal);
      mkdirSync(scratchDir, { recursive: true, mode: 493 });
      chmodSync(cacheDir, 493);
      cgroups ??= openCgroupRun({ layout: cgroupLayout });
      if (network === "nat" || setupNetwork === "nat")
        net3 = openNetRun({
          pool: opts.pool,
          allow: opts.allow,
          dns: opts.dns,
          maxConnections: opts.maxConnections
        });
      if (treeAnswer) rootfs = await checkedRootfs(rootfs, await treeAnswer, rootfsRequest);
      else await new Promise((resolve2) => setImmediate(resolve2));
      throwIfCancelled(signal);
    } catch (err) {
      try {
        net3?.dispose();
      } finally {
        try {
          cgroups?.dispose();
        } finally {
          await helper.close();
        }
      }
      throw err;
    }
    let session;
    const ctx = {
      rootfsDir: rootfs.dir,
      alpine: rootfs.version,
      scratchDir,
      idMap,
      cgroups,
      net: net3,
      defaults,
      commandNet: network === "nat",
      nextName: () => `sb-${++session.counter}`,
      cacheDir,
      root,
      scratch,
      layers: [],
      mountLayers: (m) => {
        const l = session.setupMountLayers.get(mountKey(m));
        return l ? [l] : [];
      },
      packages: null,
      launch: (records, stdio) => {
        const launched = helper.launch(records, stdio);
        sweep?.start();
        return launched;
      },
      removals: new DeferredRemovals()
    };
    session = new _Session(ctx, rootfs.version, setupNetwork, helper, opts.spares ?? true, sweep);
    openSessions.add(session);
    session.inUse.push(holdInUse(rootfs.dir));
    if (packages.length > 0) {
      try {
        const arch = alpineArch(process.arch);
        const mirror = normalizeMirror(opts.mirror ?? DEFAULT_MIRROR);
        const layer = await session.packageLayer({
          packages: [...packages].sort(),
          repositories: opts.repositories?.length ? normalizeRepositories(opts.repositories) : defaultRepositories(mirror, rootfs.version),
          keys: opts.repositoryKeys ?? [],
          allowUntrusted: opts.allowUntrusted ?? false,
          alpine: rootfs.version,
          arch,
          cacheDir,
          rootfsDir: rootfs.dir,
          onProgress,
          signal
        });
        throwIfCancelled(signal);
        ctx.layers.push(layer.dir);
        ctx.packages = layer.installed;
        session.inUse.push(holdInUse(dirname(layer.dir)));
      } catch (e) {
        await session.close().catch(() => {
        });
        throw e;
      }
    }
    return session;
  }
  /**
   * Builds (or finds in the cache) a package layer, installing in this session's own sandboxes: what
   * open() does for `packages`; public for the bench's cold and warm rows.
   */
  packageLayer(req) {
    return preparePackageLayer(req, {
      run: (o, internal) => runInSandbox(this.ctx, o, internal),
      prepare: (o, internal) => prepareSandbox(this.ctx, o, internal),
      removeLater: (dir) => void this.ctx.removals.defer(() => removeHostTreeLater(dir))
    });
  }
  /**
   * Runs the setup once with the given sandbox options (network: the session's setup network): a script,
   * by `/bin/sh -ec`, or an argv (the Action's runs a script file, which keeps the script out of every
   * process's command line). On success its changes to / and to each `overlay` mount become read-only
   * layers under every later sandbox of the session. The result has phase "setup".
   */
  async setup(command, opts) {
    if (this.closed) throw new Error("session is closed");
    if (this.setupDone) throw new Error("setup already ran in this session");
    this.setupDone = true;
    this.discardSpares();
    let kept = null;
    const result = await this.track(
      opts.signal,
      (signal) => runInSandbox(
        this.ctx,
        { ...opts, argv: typeof command === "string" ? ["/bin/sh", "-ec", command] : command, signal },
        { network: this.setupNetwork === "nat" ? "nat" : "none", keepLayer: (k) => kept = k }
      )
    );
    const layer = kept;
    if (layer && result.status === "ok") {
      this.setupLayer = layer;
      this.ctx.layers.push(layer.upper);
      (opts.mounts ?? []).forEach((m, i) => {
        if (m.mode === "overlay") this.setupMountLayers.set(mountKey(m), layer.mountUpper(i));
      });
    } else {
      layer?.dispose();
    }
    return { ...result, phase: "setup" };
  }
  /**
   * Runs one sandbox. From the second run in a row with the same options but the command (argv, env,
   * working directory, outputs' names), the next one is set up while this one runs (a spare), so that a
   * series of runs, a judge's or a test suite's, pays for each set-up in the shadow of the previous run.
   * The sandbox's cgroup and writable layer are removed one event-loop turn after the result (close()
   * waits for that), so a next run started on the result goes first.
   */
  async run(opts) {
    if (this.closed) throw new Error("session is closed");
    const key = this.spareKey(opts);
    const { spare, failed } = key === null ? { spare: null, failed: false } : this.takeSpare(key);
    const { argv, env, workdir, onOutput, outputs } = opts;
    const result = spare ? this.track(opts.signal, (signal) => spare.start({ argv, env, workdir, onOutput, outputs, signal })) : this.track(opts.signal, (signal) => runInSandbox(this.ctx, { ...opts, signal }));
    if (key !== null && !failed && (spare || key === this.lastKey)) this.topUpSpares(key, opts);
    this.lastKey = failed ? null : key;
    return result;
  }
  /** What a spare must share with a run to serve it; null when runs like this one get no spare. */
  spareKey(opts) {
    const stdio = stdioFor(opts);
    if (!this.sparesWanted || opts.tty || opts.files?.length || this.ctx.net && this.ctx.commandNet || stdio.some((s) => typeof s !== "string"))
      return null;
    const { mounts, hostname, limits, bestEffort, outputs } = opts;
    const layers = (mounts ?? []).map((m) => this.ctx.mountLayers(m));
    return JSON.stringify([this.ctx.layers, mounts, layers, hostname, limits, bestEffort, stdio, !!outputs]);
  }
  /**
   * A spare for these options that is set up and alive; ended ones leave the list (nothing of theirs is
   * left to remove), unready ones stay. `failed`: a spare of these options ended without being taken.
   */
  takeSpare(key) {
    const failed = this.spares.some((s) => s.key === key && s.sandbox.ended);
    this.spares.splice(0, this.spares.length, ...this.spares.filter((s) => !s.sandbox.ended));
    const i = this.spares.findIndex((s) => s.key === key && s.sandbox.ready());
    return { spare: i < 0 ? null : this.spares.splice(i, 1)[0]?.sandbox ?? null, failed };
  }
  /** Spares for these options up to MAX_SPARES (older ones for other options make room). */
  topUpSpares(key, opts) {
    while (this.spares.filter((s) => s.key === key).length < MAX_SPARES) {
      if (this.spares.length >= MAX_SPARES) {
        const i = this.spares.findIndex((s) => s.key !== key);
        void this.spares.splice(i, 1)[0]?.sandbox.discard();
      }
      if (!this.addSpare(key, opts)) return;
    }
  }
  addSpare(key, opts) {
    try {
      const sandbox = this.hold(void 0, (signal) => prepareSpare(this.ctx, { ...opts, signal }));
      this.spares.push({ key, sandbox });
      return true;
    } catch {
      return false;
    }
  }
  discardSpares() {
    for (const { sandbox } of this.spares.splice(0)) void sandbox.discard();
  }
  /**
   * Sets the sandbox up now (namespaces, cgroup, mounts, the command's process) and runs its command on
   * start(): ready before asked, for a caller that knows the next command while the current one runs.
   * Each one is started or discarded; close() discards what was never started.
   */
  prepare(opts) {
    if (this.closed) throw new Error("session is closed");
    const prepared = this.hold(opts.signal, (signal) => prepareSandbox(this.ctx, { ...opts, signal }));
    return { start: () => prepared.start(), discard: () => prepared.discard() };
  }
  /**
   * A sandbox made now and started later (prepared or spare): its own abort (abortAll reaches it, as does
   * the caller's signal) and its place among what close() waits for, until everything made for it is gone.
   */
  hold(callerSignal, make) {
    const { abort, unlink } = this.linkAbort(callerSignal);
    let made;
    try {
      made = make(abort.signal);
    } catch (err) {
      unlink();
      throw err;
    }
    this.running.set(
      abort,
      made.settled.finally(() => {
        this.running.delete(abort);
        unlink();
      })
    );
    return made;
  }
  async track(callerSignal, start) {
    const { abort, unlink } = this.linkAbort(callerSignal);
    const run3 = start(abort.signal);
    this.running.set(
      abort,
      run3.catch(() => {
      })
    );
    try {
      return await run3;
    } finally {
      this.running.delete(abort);
      unlink();
    }
  }
  /** A sandbox's own abort (abortAll reaches it) that also follows the caller's signal until unlink(). */
  linkAbort(callerSignal) {
    const abort = new AbortController();
    const onCallerAbort = () => abort.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    if (callerSignal?.aborted) abort.abort(callerSignal.reason);
    return { abort, unlink: () => callerSignal?.removeEventListener("abort", onCallerAbort) };
  }
  /** Stops every running sandbox (SIGKILL to the whole tree); their run() calls then resolve. */
  abortAll() {
    for (const a of this.running.keys()) a.abort();
  }
  /**
   * Stops what still runs, waits for it to be cleaned up (the removals that follow results included),
   * then removes the run's cgroup and NAT. A finished sandbox's removal that failed is thrown here, after
   * everything else was removed: its run() had already returned its result.
   */
  async close() {
    if (this.closed) return;
    this.closed = true;
    this.discardSpares();
    this.abortAll();
    await Promise.all(this.running.values());
    openSessions.delete(this);
    await this.sweep?.start();
    const removed = this.ctx.removals.drain();
    await removed.catch(() => {
    });
    try {
      this.ctx.net?.dispose();
    } finally {
      this.ctx.cgroups.dispose();
      this.setupLayer?.dispose();
      for (const release of this.inUse.splice(0)) release();
      await this.helper.close();
    }
    await removed;
  }
};
async function closeAllSessions() {
  await Promise.all([...openSessions].map((s) => s.close()));
}
async function runSandbox(opts) {
  const { limits, bestEffort } = opts;
  const command = { limits, bestEffort, keepsLayer: opts.outputs !== void 0 };
  const planned = opts.setup === void 0 ? [command] : [{ limits, bestEffort, keepsLayer: true }, command];
  const session = await Session.open({ ...opts, planned });
  try {
    if (opts.setup !== void 0) {
      const { outputs: _outputs, ...sandbox } = opts;
      const stdio = { ...opts.stdio, stdin: "ignore" };
      opts.onProgress?.(`setup: running (network ${session.setupNetwork})`);
      const setup = await session.setup(opts.setup, { ...sandbox, stdio, tty: false });
      const took = `${(setup.wallMs / 1e3).toFixed(1)}s`;
      if (setup.status !== "ok") {
        const why = setup.reason ?? setup.error?.message ?? `exit ${setup.exitCode}`;
        opts.onProgress?.(`setup: ${setup.status} (${why}) after ${took}; the command was not run`);
        return setup;
      }
      opts.onProgress?.(`setup: ok after ${took}; running the command on its layers`);
    }
    return await session.run(opts);
  } finally {
    await session.close();
  }
}

// src/results/format.ts
var RESULTS_FORMAT = "nsbox-results/1";
var MAX_SHARDS = 256;
function setupName(s) {
  return s.shard.total > 1 ? `setup (shard ${s.shard.index}/${s.shard.total})` : "setup";
}
function serialize(file) {
  return `${JSON.stringify(file, null, 2)}
`;
}

// src/results/junit.ts
var NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
function xmlText(s) {
  return s.replace(NOT_XML_CHAR, "\uFFFD").replace(/[&<>\r]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" })[c]);
}
function xmlAttr(s) {
  return xmlText(s).replace(/["\t\n]/g, (c) => ({ '"': "&quot;", "	": "&#9;", "\n": "&#10;" })[c]);
}
var seconds = (ms) => (ms / 1e3).toFixed(3);
function verdict(r, errorText2) {
  switch (r.status) {
    case "ok":
      return null;
    case "failed":
      return { tag: "failure", type: "failed", message: `exit code ${r.exitCode}` };
    case "signaled":
      return {
        tag: "failure",
        type: "signaled",
        message: `killed by ${r.signal ?? "a signal"}, exit code ${r.exitCode}`
      };
    case "setup-error":
      return {
        tag: "error",
        type: "setup-error",
        message: `the sandbox failed to start: ${r.error ? errorText2(r.error) : "unknown"}`
      };
    default:
      return { tag: "error", type: r.status, message: r.reason ?? `${r.status}, exit code ${r.exitCode}` };
  }
}
function testcase(name, ms, v, out) {
  const head = `    <testcase name="${xmlAttr(name)}" classname="nsbox" time="${seconds(ms)}"`;
  const body = [];
  if (v) body.push(`      <${v.tag} message="${xmlAttr(v.message)}" type="${xmlAttr(v.type)}"/>`);
  if (out) body.push(`      <system-out>${xmlText(out)}</system-out>`);
  return body.length ? `${head}>
${body.join("\n")}
    </testcase>` : `${head}/>`;
}
function toJUnit(input) {
  const errorText2 = input.errorText ?? ((e) => e.message);
  const cases = [];
  for (const s of input.setups) {
    const failed = verdict(s, errorText2);
    if (!failed) continue;
    const v = {
      tag: "error",
      type: "setup-failed",
      message: `the setup failed (${failed.message}): its commands did not run`
    };
    const xml = testcase(setupName(s), s.wallMs, v, s.outputTail);
    cases.push({ position: 0, xml, tag: "error", ms: s.wallMs });
  }
  for (const r of input.results) {
    const v = verdict(r, errorText2);
    cases.push({
      position: r.position,
      xml: testcase(r.name, r.wallMs, v, r.outputTail),
      tag: v?.tag ?? null,
      ms: r.wallMs
    });
  }
  for (const n of input.notRun) {
    const v = { tag: "skipped", type: "not-run", message: `not run (${n.why})` };
    cases.push({ position: n.position, xml: testcase(n.name, 0, v, void 0), tag: "skipped", ms: 0 });
  }
  cases.sort((a, b) => a.position - b.position);
  for (const m of input.missingShards ?? []) {
    const v = {
      tag: "error",
      type: "missing-shard",
      message: `shard ${m.index}/${m.total} sent no results: its job failed before writing them, or its artifact was not downloaded`
    };
    cases.push({
      position: Number.POSITIVE_INFINITY,
      xml: testcase(`shard ${m.index}/${m.total}`, 0, v, void 0),
      tag: "error",
      ms: 0
    });
  }
  const count = (tag) => cases.filter((c) => c.tag === tag).length;
  const attrs = [
    `tests="${cases.length}"`,
    `failures="${count("failure")}"`,
    `errors="${count("error")}"`,
    `skipped="${count("skipped")}"`,
    `time="${seconds(cases.reduce((t, c) => t + c.ms, 0))}"`
  ].join(" ");
  const name = xmlAttr(input.suite);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${name}" ${attrs}>`,
    `  <testsuite name="${name}" ${attrs}>`,
    ...cases.map((c) => c.xml),
    "  </testsuite>",
    "</testsuites>",
    ""
  ].join("\n");
}

// src/results/merge.ts
var DIFFERENT_RUNS = "they come from different runs or splits; give the files of one run";
function mergeShards(files) {
  const first = files[0];
  if (!first) throw new Error("mergeShards needs at least one file");
  const { total } = first.file.shard;
  const byShard = /* @__PURE__ */ new Map();
  const owner = /* @__PURE__ */ new Map();
  for (const f of files) {
    const { shard, commands } = f.file;
    if (shard.total !== total || commands !== first.file.commands) {
      throw new UsageError(
        `'${f.path}' is shard ${shard.index}/${shard.total} of ${commands} commands but '${first.path}' is ${first.file.shard.index}/${total} of ${first.file.commands}: ${DIFFERENT_RUNS}`
      );
    }
    const twin = byShard.get(shard.index);
    if (twin) {
      throw new UsageError(
        `shard ${shard.index}/${total} is in both '${twin.path}' and '${f.path}': ${DIFFERENT_RUNS}`
      );
    }
    byShard.set(shard.index, f);
    for (const position of [...f.file.results, ...f.file.notRun].map((r) => r.position)) {
      const other = owner.get(position);
      if (other) {
        throw new UsageError(
          `command ${position} is in both '${other.path}' and '${f.path}': ${DIFFERENT_RUNS}`
        );
      }
      owner.set(position, f);
    }
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byShard.has(i));
  const ordered = [...byShard.keys()].sort((a, b) => a - b).map((i) => byShard.get(i));
  return {
    format: RESULTS_FORMAT,
    merged: { shards: total, missing },
    commands: first.file.commands,
    setups: ordered.flatMap((f) => f.file.setup ? [f.file.setup] : []),
    results: ordered.flatMap((f) => f.file.results).sort((a, b) => a.position - b.position),
    notRun: ordered.flatMap((f) => f.file.notRun).sort((a, b) => a.position - b.position)
  };
}
function unaccounted(merged) {
  return merged.commands - merged.results.length - merged.notRun.length;
}

// src/results/read.ts
var MAX_RESULTS_FILE_BYTES = 256 * 1024 * 1024;
var STATUSES = [
  "ok",
  "failed",
  "signaled",
  "cancelled",
  "setup-error",
  "timeout",
  "oom",
  "pids-limit"
];
var Malformed = class extends Error {
};
function readBounded(path, what) {
  try {
    return readRegularFile(path, MAX_RESULTS_FILE_BYTES).toString("utf8");
  } catch (err) {
    if (!(err instanceof RefusedFileError)) throw err;
    const why = {
      missing: "does not exist",
      symlink: "is a symbolic link",
      unreadable: `cannot be read (${err.code})`,
      "not-a-file": "is not a file",
      "too-large": "is larger than 256 MiB"
    }[err.reason];
    throw new UsageError(`${what}: '${path}' ${why}; ${HINT[what] ?? "give a results file"}`);
  }
}
var HINT = {
  "shard-timings": "give the results.json an earlier run wrote (its results-file output)",
  path: "give the results files the shards wrote (their results-file output)",
  report: "give the results files the shards wrote (their results-file output)"
};
function tryJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: err.message.split("\n")[0] ?? "" };
  }
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var isCount2 = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
var isTime = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0;
var isNullable = (v, check) => v === null || check(v);
var isString = (v) => typeof v === "string";
function shardOf(v, where) {
  if (!isObject(v) || !isCount2(v.index) || !isCount2(v.total) || v.index < 1 || v.index > v.total || v.total > MAX_SHARDS)
    throw new Malformed(`${where} has no valid shard`);
  return { index: v.index, total: v.total };
}
function checkRun(v, where, shard) {
  if (!isObject(v)) throw new Malformed(`${where} is not an object`);
  const bad = (field) => new Malformed(`${where} has no valid ${field}`);
  const own = shardOf(v.shard, where);
  if (own.index !== shard.index || own.total !== shard.total) throw bad("shard (not the file's)");
  if (!STATUSES.includes(v.status)) throw bad("status");
  if (typeof v.exitCode !== "number" || !Number.isInteger(v.exitCode)) throw bad("exitCode");
  for (const f of ["wallMs", "cpuUserMs", "cpuSystemMs"]) if (!isTime(v[f])) throw bad(f);
  if (!isNullable(v.memoryPeakBytes, isTime)) throw bad("memoryPeakBytes");
  if (!isNullable(v.pidsPeak, isCount2)) throw bad("pidsPeak");
  if (!isNullable(v.reason, isString)) throw bad("reason");
  if (!isNullable(v.error, (e) => isObject(e) && isString(e.message) && isString(e.step))) throw bad("error");
  if (!Array.isArray(v.notEnforced) || !v.notEnforced.every(isString)) throw bad("notEnforced");
  for (const f of ["alpine", "cgroup", "outputTail"]) if (!isString(v[f])) throw bad(f);
  return v;
}
function checkResult(v, i, shard, commands) {
  const where = `result ${i + 1}`;
  if (isObject(v)) {
    if (!isString(v.name)) throw new Malformed(`${where} has no valid name`);
    if (!isCount2(v.position) || v.position < 1 || v.position > commands)
      throw new Malformed(`${where} has no valid position`);
  }
  return checkRun(v, where, shard);
}
function checkSetup(v, shard) {
  return v === null ? null : checkRun(v, "the setup", shard);
}
function checkNotRun(v, i, commands) {
  const where = `notRun ${i + 1}`;
  if (!isObject(v) || !isString(v.name) || !isString(v.why)) throw new Malformed(`${where} is malformed`);
  if (!isCount2(v.position) || v.position < 1 || v.position > commands)
    throw new Malformed(`${where} has no valid position`);
  return { position: v.position, name: v.name, why: v.why };
}
function classify(data) {
  if (!isObject(data) || data.format !== RESULTS_FORMAT) return { kind: "other" };
  if ("merged" in data) return { kind: "merged" };
  const shard = shardOf(data.shard, "the file");
  if (!isCount2(data.commands)) throw new Malformed("the file has no valid commands count");
  const commands = data.commands;
  if (!Array.isArray(data.results) || !Array.isArray(data.notRun))
    throw new Malformed("the file has no results or notRun list");
  if (!("setup" in data)) throw new Malformed("the file has no setup entry");
  return {
    kind: "shard",
    file: {
      format: RESULTS_FORMAT,
      shard,
      commands,
      setup: checkSetup(data.setup, shard),
      results: data.results.map((r, i) => checkResult(r, i, shard, commands)),
      notRun: data.notRun.map((n, i) => checkNotRun(n, i, commands))
    }
  };
}
function notAResultsFile(path, what, notJson) {
  const why = notJson !== void 0 ? `is not JSON (${notJson})` : `is not an nsbox results file (no format ${RESULTS_FORMAT})`;
  return new UsageError(`${what}: '${path}' ${why}; ${HINT[what] ?? "give a results file"}`);
}
function readResultsFile(path, what) {
  const parsed = tryJson(readBounded(path, what));
  if ("error" in parsed) return { kind: "other", notJson: parsed.error };
  try {
    return classify(parsed.value);
  } catch (err) {
    if (err instanceof Malformed)
      throw new UsageError(
        `${what}: '${path}' is not a valid nsbox results file (${err.message}); ${HINT[what]}`
      );
    throw err;
  }
}
function findResultsFiles(paths, what) {
  const found = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      const code = err.code;
      throw new UsageError(`${what}: '${dir}' cannot be read (${code}); ${HINT[what]}`);
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".json")) found.push(path);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = lstatSync(p);
    } catch (err) {
      const code = err.code;
      const why = code === "EACCES" ? `cannot be reached (${code})` : "does not exist";
      throw new UsageError(`${what}: '${p}' ${why}; ${HINT[what]}`);
    }
    if (st.isDirectory()) walk(p);
    else found.push(p);
  }
  return [...new Set(found)].sort();
}

// src/results/report.ts
function loadRun(paths, what, emptyHint) {
  const shards = [];
  const ignored = [];
  const notJson = [];
  const named = new Set(paths);
  for (const path of findResultsFiles(paths, what)) {
    const read = readResultsFile(path, what);
    if (read.kind === "shard") shards.push({ path, file: read.file });
    else if (read.kind === "merged") ignored.push(path);
    else if (named.has(path)) throw notAResultsFile(path, what, read.notJson);
    else if (read.notJson !== void 0) notJson.push({ path, why: read.notJson });
  }
  if (shards.length === 0) {
    throw new UsageError(`${what}: no nsbox results file in '${paths.join("', '")}'; ${emptyHint}`);
  }
  const merged = mergeShards(shards);
  const failed = merged.results.filter((r) => r.status !== "ok").length;
  return {
    merged,
    files: shards.map((s) => s.path),
    ignored,
    notJson,
    passed: merged.results.length - failed,
    failed,
    failedSetups: merged.setups.filter((s) => s.status !== "ok"),
    notRun: merged.notRun.length,
    withoutResult: unaccounted(merged)
  };
}
function missingShardsText(merged) {
  const names = merged.merged.missing.map((i) => `${i}/${merged.merged.shards}`);
  if (names.length <= 1) return `shard ${names.join("")}`;
  if (names.length > 10) return `shards ${names.slice(0, 8).join(", ")} and ${names.length - 8} more`;
  return `shards ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
function countsLine(run3) {
  const parts = [`${run3.passed} passed`, `${run3.failed} failed`];
  if (run3.notRun) parts.push(`${run3.notRun} not run`);
  if (run3.withoutResult) parts.push(`${run3.withoutResult} without a result`);
  return `${parts.join(", ")} of ${run3.merged.commands} command(s) in ${run3.merged.merged.shards} shard(s)`;
}
function setupFailureText(s) {
  return `${setupName(s)} failed (${s.status}, exit ${s.exitCode}): its commands did not run`;
}
function failureSentence(run3) {
  const parts = run3.failedSetups.map(setupFailureText);
  if (run3.failed) parts.push(`${run3.failed} of ${run3.merged.commands} command(s) failed`);
  if (run3.merged.merged.missing.length) {
    parts.push(
      `${missingShardsText(run3.merged)} sent no results (${run3.withoutResult} command(s) without a result): its job failed before writing them, or its artifact was not downloaded`
    );
  }
  return parts.length ? parts.join("; ") : null;
}

// src/results/write.ts
var HINT2 = "give a path to a new or regular file";
function refuseLinkedDir(path, what, hint) {
  let existing = dirname(path);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (realpathSync(existing) !== existing) {
    throw new UsageError(`${what}: '${path}' is under a symbolic link ('${existing}'); ${hint}`);
  }
}
function checkReportPath(path, what, hint, noLinks = false) {
  checkWritableDir(what, dirname(path), hint, path);
  if (noLinks) refuseLinkedDir(path, what, hint);
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st && !st.isFile()) {
    const why = st.isSymbolicLink() ? "is a symbolic link" : "is not a regular file";
    throw new UsageError(`${what}: '${path}' ${why}; ${hint}`);
  }
}
function writeReportFile(path, text, what, noLinks = false) {
  if (noLinks) refuseLinkedDir(path, what, `${HINT2} without one`);
  try {
    makeDirs(dirname(path));
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink())
      throw Object.assign(new Error("link"), { code: "ELOOP" });
    writeFileAtomic(path, text, 420);
  } catch (err) {
    const code = err.code;
    const why = code === "ELOOP" ? "is a symbolic link" : code === "EISDIR" ? "is a directory" : `cannot be written (${code})`;
    const hint = code === "ENOSPC" || code === "EDQUOT" ? "free space there or give another path" : HINT2;
    throw new UsageError(`${what}: '${path}' ${why}; ${hint}`);
  }
}

// src/cli/options.ts
function parseOptions(args, spec) {
  const values = /* @__PURE__ */ new Map();
  const flags2 = /* @__PURE__ */ new Set();
  const rest = [];
  let help = false;
  const unknown = (arg) => new UsageError(`'${arg}' is not an option of ${spec.verb}; ${spec.unknownFix}`);
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-")) {
      if (spec.positional === "command") break;
      if (spec.positional === "none") throw unknown(arg);
      rest.push(arg);
      continue;
    }
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (spec.flags.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value; give ${name} alone`);
      flags2.add(name);
      continue;
    }
    if (!spec.valued.has(name)) throw unknown(arg);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    const needs = `${name} needs ${spec.valueNoun ?? "a value"}`;
    if (value === void 0) throw new UsageError(`${needs}; see nsbox help`);
    if (value === "") throw new UsageError(`${needs}, and '' is empty; give ${name} one`);
    if (value.trim() === "") throw new UsageError(`${needs}, and '${value}' is blank; give ${name} one`);
    if (value.startsWith("--"))
      throw new UsageError(`${needs}, and '${value}' is an option; give ${name} one`);
    values.set(name, [...values.get(name) ?? [], value]);
  }
  rest.push(...args.slice(i));
  if (spec.positional === "none" && rest.length > 0) throw unknown(rest[0]);
  return {
    help,
    values,
    flags: flags2,
    rest,
    one(name) {
      const v = values.get(name);
      if (v && v.length > 1) throw new UsageError(`${name} was given ${v.length} times; give it once`);
      return v?.[0];
    }
  };
}

// src/cli/run-args.ts
var valued = /* @__PURE__ */ new Set([
  "--alpine",
  "--mirror",
  "--rootfs",
  "--cache-dir",
  "--mount",
  "--workdir",
  "--env",
  "--hostname",
  "--memory",
  "--pids",
  "--cpus",
  "--timeout",
  "--cpu-time",
  "--tmpfs-size",
  "--network",
  "--allow",
  "--dns",
  "--pool",
  "--packages",
  "--repository",
  "--repository-key",
  "--setup",
  "--setup-network",
  "--scratch",
  "--output",
  "--output-dir",
  "--output-limit",
  "--max-connections",
  "--junit"
]);
var flags = /* @__PURE__ */ new Set(["--json", "--best-effort", "--allow-untrusted", "--tty", "-t", "--no-tty", "-T"]);
function parseRun(args) {
  const o = parseOptions(args, {
    verb: "nsbox run",
    unknownFix: "see nsbox help",
    valued,
    flags,
    positional: "command"
  });
  if (o.help) return { kind: "help" };
  const { values, flags: seen, one } = o;
  const command = o.rest;
  if (command.length === 0)
    throw new UsageError("no command given; use nsbox run [options] -- CMD [ARGS...]");
  if (command[0].trim() === "")
    throw new UsageError(
      `the command is '${command[0]}', an empty name; give the program to run, like nsbox run -- make test`
    );
  const given = one("--network");
  const network = given === void 0 ? void 0 : parseNetworkMode("network", given);
  if (network !== "nat" && values.get("--setup-network")?.[0] !== "nat")
    refuseAlone(o, ["--allow", "--dns", "--pool", "--max-connections"], "--network nat");
  if (!values.has("--output")) refuseAlone(o, ["--output-dir", "--output-limit"], "--output");
  if (!values.has("--setup")) refuseAlone(o, ["--setup-network"], "--setup");
  const alpine = one("--alpine");
  const rootfs = one("--rootfs");
  if (alpine !== void 0 && rootfs !== void 0)
    throw new UsageError(
      `alpine: '${alpine}' and rootfs: '${rootfs}' were both given, and the tarball is the version; drop --alpine or --rootfs`
    );
  refuseUnusedMirror(o, rootfs);
  const tty2 = seen.has("-t") || seen.has("--tty");
  const noTty = seen.has("-T") || seen.has("--no-tty");
  if (tty2 && noTty) throw new UsageError("-t/--tty and -T/--no-tty were both given; give one of them");
  const options = {
    argv: command,
    alpine,
    mirror: one("--mirror"),
    rootfsTarball: rootfs,
    cacheDir: one("--cache-dir"),
    mounts: (values.get("--mount") ?? []).map(parseMount),
    workdir: parseWorkdir(one("--workdir")),
    env: parseEnvPairs(values.get("--env") ?? []),
    hostname: optionalHostname(one("--hostname")),
    limits: parseLimits(one),
    bestEffort: seen.has("--best-effort"),
    network,
    // Judged now, not when the network is set up (after the rootfs's download and extraction).
    allow: checked(values.get("--allow"), parseAllow),
    dns: values.has("--dns") ? parseDnsServers(values.get("--dns") ?? []) : void 0,
    pool: checked(one("--pool"), parsePool),
    maxConnections: optional(one("--max-connections"), parseMaxConnections),
    ...parseLayers(o)
  };
  return {
    kind: "run",
    options,
    json: seen.has("--json"),
    tty: tty2 ? true : noTty ? false : void 0,
    junit: one("--junit")
  };
}
function optionalHostname(name) {
  return name === void 0 ? void 0 : parseHostname(name);
}
function refuseAlone(o, names, needed) {
  for (const name of names) {
    const v = o.values.get(name)?.[0];
    if (v === void 0 && !o.flags.has(name)) continue;
    const what = v === void 0 ? name.slice(2) : `${name.slice(2)}: '${v}'`;
    throw new UsageError(`${what} only applies with ${needed}; add ${needed} or drop ${name}`);
  }
}
function refuseUnusedMirror(o, rootfs) {
  const mirror = o.one("--mirror");
  if (mirror === void 0 || rootfs === void 0) return;
  if (!o.values.has("--packages"))
    throw new UsageError(
      `mirror: '${mirror}' is not used with --rootfs (the tarball is the rootfs) unless --packages are installed from it; drop --mirror or add --packages`
    );
  if (o.values.has("--repository"))
    throw new UsageError(
      `mirror: '${mirror}' is not used with --rootfs and --repository (packages come from the repositories given); drop --mirror or --repository`
    );
}
function parseLayers(o) {
  const { values, one, flags: seen } = o;
  const out = {};
  const packages = parsePackages(values.get("--packages") ?? []);
  if (values.has("--packages") && packages.length === 0)
    throw new UsageError(
      `packages: '${values.get("--packages")?.join(" ")}' names no package; give names like nodejs npm`
    );
  if (packages.length > 0) out.packages = packages;
  else refuseAlone(o, ["--repository", "--repository-key", "--allow-untrusted"], "--packages");
  if (values.has("--repository")) out.repositories = values.get("--repository");
  if (values.has("--repository-key")) out.repositoryKeys = values.get("--repository-key");
  if (seen.has("--allow-untrusted")) out.allowUntrusted = true;
  const setup = one("--setup");
  if (setup !== void 0) out.setup = setup;
  const setupNetwork = one("--setup-network");
  if (setupNetwork !== void 0) out.setupNetwork = parseNetworkMode("setup-network", setupNetwork);
  const scratch = one("--scratch");
  if (scratch !== void 0) out.scratch = parseScratchKind(scratch);
  const patterns = values.get("--output") ?? [];
  if (patterns.length > 0) {
    const limit = one("--output-limit");
    out.outputs = {
      name: "run",
      patterns: patterns.map((p) => parseOutputPattern("output", p)),
      dir: one("--output-dir") ?? "./nsbox-output",
      ...limit !== void 0 ? { limitBytes: parseSize("output-limit", limit) } : {}
    };
  }
  return out;
}
function checked(given, parse) {
  for (const v of given === void 0 ? [] : typeof given === "string" ? [given] : given) parse(v);
  return given;
}
function optional(value, parse) {
  return value === void 0 ? void 0 : parse(value);
}
function parseLimits(one) {
  const limits = {};
  const memory = one("--memory");
  if (memory !== void 0) limits.memoryBytes = memory === "none" ? "none" : parseSize("memory", memory);
  const pids = one("--pids");
  if (pids !== void 0) limits.pids = pids === "none" ? "none" : parseCount("pids", pids);
  const cpus = one("--cpus");
  if (cpus !== void 0) limits.cpus = parseCpus("cpus", cpus);
  const timeout = one("--timeout");
  if (timeout !== void 0) limits.timeoutMs = parseDuration("timeout", timeout);
  const cpuTime = one("--cpu-time");
  if (cpuTime !== void 0) limits.cpuTimeMs = parseDuration("cpu-time", cpuTime);
  const tmpfs = one("--tmpfs-size");
  if (tmpfs !== void 0) limits.tmpfsBytes = parseSize("tmpfs-size", tmpfs);
  return limits;
}
var mountModes = ["ro", "rw", "overlay"];
function splitMount(spec) {
  const parts = [""];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === ":") parts.push("");
    else if (c === "\\") {
      const next = spec[++i];
      if (next !== ":" && next !== "\\") return null;
      parts[parts.length - 1] += next;
    } else parts[parts.length - 1] += c;
  }
  return parts;
}
function parseMount(spec) {
  const parts = splitMount(spec);
  if (!parts) {
    throw new UsageError(
      `mount: '${spec}' has a '\\' that escapes neither ':' nor '\\'; write a ':' in a path as '\\:'`
    );
  }
  const [source, target, mode = "ro"] = parts;
  if (parts.length < 2 || parts.length > 3 || !source || !target) {
    throw new UsageError(
      `mount: '${spec}' is not HOST:DEST[:MODE]; use ./src:/src or /data:/data:rw (a ':' in a path is written '\\:')`
    );
  }
  if (!target.startsWith("/")) {
    const hint = parts.length === 3 ? " (a ':' in a path is written '\\:')" : "";
    throw new UsageError(`mount: '${target}' is not an absolute path inside the sandbox; use /src${hint}`);
  }
  if (!mountModes.includes(mode)) {
    throw new UsageError(`mount: '${mode}' is not a mount mode; use ro, rw or overlay`);
  }
  return { source, target, mode };
}
function parseWorkdir(dir) {
  if (dir !== void 0 && !dir.startsWith("/")) {
    throw new UsageError(`workdir: '${dir}' is not an absolute path inside the sandbox; use /src`);
  }
  return dir;
}

// src/cli/args.ts
var USAGE = `Usage:
  nsbox run [options] [--] CMD [ARGS...]   run CMD in a fresh Alpine sandbox
  nsbox cleanup [--cache-dir DIR] [--json] remove what crashed runs left behind
  nsbox cache list|verify|prune [--all] [--cache-dir DIR] [--json]
                                           the rootfs cache: its trees, a full check (hashes; a damaged
                                           tree is removed), removal of all but the most recently used
                                           per branch (kept too: those a live run uses or that were
                                           used in the last hour; --all removes everything)
  nsbox report [--junit FILE] [--out FILE] [--json] FILE|DIR...
                                           merge the results files of an Action's shards
  nsbox version | help

Rootfs:   --alpine VERSION (3.20, 3.20.3, latest-stable)  --mirror URL  --rootfs TARBALL  --cache-dir DIR
Sandbox:  --mount HOST:DEST[:ro|rw|overlay]... (a ':' in a path is written '\\:')  --workdir DIR
          --env K=V...  --hostname NAME
Terminal: -t/--tty (a pty of the sandbox's own; the default when stdin, stdout and stderr are the terminal
          and nsbox is its foreground job)  -T/--no-tty (the default otherwise: for data, redirections, pipes)
Limits:   --memory SIZE|none  --pids N|none  --cpus N  --timeout DURATION  --cpu-time DURATION  --tmpfs-size SIZE
          --best-effort (run even when a limit given cannot be enforced; the report lists it)
Network:  --network none|nat  --allow CIDR[:PORT]...  --dns IP...  --pool CIDR
          --max-connections N (per sandbox, default 4096)  (--allow, --dns, --pool, --max-connections: nat only)
Layers:   --packages LIST... (apk packages, space/comma separated)  --repository URL|DIR...
          --repository-key FILE...  --allow-untrusted  --setup SCRIPT  --setup-network none|nat
          --scratch memory|disk (writable layer in RAM, or on disk under the cache dir; capped by --tmpfs-size,
          which a disk scratch reserves there before the sandbox starts)
Results:  --output PATH|GLOB... (inside the sandbox)  --output-dir DIR (./nsbox-output)  --output-limit SIZE
Output:   --json (one result object on stdout; the command's output goes to stderr)
          --junit FILE (the result as JUnit XML)

          defaults: --pids 1024, --memory half the memory nsbox may use (the host's, or its cgroup's
          limit), --tmpfs-size 512M (inodes capped with the size)
Signals:  SIGINT, SIGTERM, SIGHUP stop the run at any stage (set-up included) and exit 128+N.

Exit status: the command's own (128+N after signal N), 125 if the sandbox could not be set up, 2 on usage errors;
nsbox report: 0 when every command passed, 1 when one failed or a shard is missing, 2 on usage errors.`;
function parseArgs(argv) {
  const [verb, ...rest] = argv;
  if (verb === void 0 || verb === "help" || verb === "--help" || verb === "-h") {
    alone(verb ?? "help", rest);
    return { kind: "help" };
  }
  if (verb === "version" || verb === "--version") {
    alone(verb, rest);
    return { kind: "version" };
  }
  if (verb === "cleanup") return parseCleanup(rest);
  if (verb === "cache") return parseCache(rest);
  if (verb === "report") return parseReport(rest);
  if (verb !== "run")
    throw new UsageError(`'${verb}' is not an nsbox command; use nsbox run -- CMD or nsbox help`);
  return parseRun(rest);
}
function alone(verb, rest) {
  if (rest.length > 0)
    throw new UsageError(`'${rest[0]}' is not an argument of nsbox ${verb}; give nsbox ${verb} alone`);
}
function parseCleanup(args) {
  const o = parseOptions(args, {
    verb: "nsbox cleanup",
    unknownFix: "use --cache-dir DIR or --json",
    valued: /* @__PURE__ */ new Set(["--cache-dir"]),
    flags: /* @__PURE__ */ new Set(["--json"]),
    positional: "none"
  });
  if (o.help) return { kind: "help" };
  return { kind: "cleanup", json: o.flags.has("--json"), cacheDir: o.one("--cache-dir") };
}
function parseReport(args) {
  const o = parseOptions(args, {
    verb: "nsbox report",
    unknownFix: "use --junit FILE, --out FILE or --json",
    valued: /* @__PURE__ */ new Set(["--junit", "--out"]),
    flags: /* @__PURE__ */ new Set(["--json"]),
    positional: "operands",
    valueNoun: "a file name"
  });
  if (o.help) return { kind: "help" };
  if (o.rest.length === 0)
    throw new UsageError("no results files given; use nsbox report DIR or nsbox report FILE...");
  return {
    kind: "report",
    paths: o.rest,
    json: o.flags.has("--json"),
    junit: o.one("--junit"),
    out: o.one("--out")
  };
}
function parseCache(args) {
  const [action, ...rest] = args;
  if (action === "--help" || action === "-h") return { kind: "help" };
  if (action === void 0)
    throw new UsageError("cache needs a command; use nsbox cache list, verify or prune");
  if (action !== "list" && action !== "verify" && action !== "prune") {
    throw new UsageError(`cache: '${action}' is not a cache command; use nsbox cache list, verify or prune`);
  }
  const o = parseOptions(rest, {
    verb: `nsbox cache ${action}`,
    unknownFix: "see nsbox help",
    valued: /* @__PURE__ */ new Set(["--cache-dir"]),
    flags: new Set(action === "prune" ? ["--json", "--all"] : ["--json"]),
    positional: "none"
  });
  if (o.help) return { kind: "help" };
  return {
    kind: "cache",
    action,
    all: o.flags.has("--all"),
    cacheDir: o.one("--cache-dir"),
    json: o.flags.has("--json")
  };
}

// src/cli/hints.ts
var CLI_FIX_HINTS = {
  "best-effort": "run as root or pass --best-effort",
  // cgroup v2 lets only a leaf hold processes: e.g. a container's init in its cgroup namespace's root.
  "cgroup-busy": "start nsbox in a cgroup of its own: move that cgroup's processes into a child (a leaf) and run nsbox from there, or pass --best-effort",
  mirror: "check --mirror or use --rootfs with a local tarball",
  // The version may be one the mirror never had, or the mirror not an Alpine mirror at all.
  release: "check --alpine and --mirror, or use --rootfs with a local tarball",
  tarball: "give --rootfs an Alpine minirootfs tarball (alpine-minirootfs-<version>-<arch>.tar.gz)",
  pool: "choose another with --pool",
  "pool-full": "give a larger --pool, or run fewer nsbox processes with --network nat at once",
  "env-pair": "use --env NAME=value",
  hostname: "use --hostname with letters, digits and '-' like test-1",
  "scratch-memory": "use --scratch memory on this host",
  "scratch-space": "free space there, give a smaller --tmpfs-size (the layer's cap), or use --scratch memory",
  // The rootfs is Alpine's minirootfs: busybox and apk, and little else (no bash, git, python).
  command: "check its name, or install the Alpine package that has it with --packages <pkg> (the rootfs is a minirootfs)",
  workdir: "give --workdir a directory that exists inside the sandbox (in the rootfs or a --mount)"
};
function cliRunErrorText(error) {
  return runErrorText(error, CLI_FIX_HINTS);
}
function cliErrorText(err) {
  return errorText(err, CLI_FIX_HINTS);
}

// src/cli/main.ts
var VERSION = "0.1.0";
async function main(argv) {
  let command;
  try {
    command = parseArgs(argv);
  } catch (err) {
    return fail(err);
  }
  switch (command.kind) {
    case "help":
      process.stdout.write(`${USAGE}
`);
      return 0;
    case "version":
      process.stdout.write(`nsbox ${VERSION}
`);
      return 0;
    case "cleanup": {
      let removed;
      try {
        removed = await cleanupStale(usableCacheDir(command.cacheDir));
      } catch (err) {
        return fail(err);
      }
      process.stdout.write(
        command.json ? `${JSON.stringify({ removed })}
` : `removed ${removed} leftover(s)
`
      );
      return 0;
    }
    case "cache":
      return cache(command);
    case "run":
      return run2(command.options, command.json, command.tty ?? await interactive(), command.junit);
    case "report":
      return report(command.paths, command.json, command.junit, command.out);
  }
}
async function interactive() {
  return isatty(1) && isatty(2) && await isForegroundTerminal(0);
}
function report(paths, json, junit, out) {
  try {
    const outFile = out === void 0 ? void 0 : checkReportFile("out", out);
    const junitFile = junit === void 0 ? void 0 : checkReportFile("junit", junit);
    const run3 = loadRun(paths, "report", "give the directory the shards' artifacts were downloaded to");
    const { merged } = run3;
    if (outFile) writeReportFile(outFile, serialize(merged), "out");
    if (junitFile) {
      const missingShards = merged.merged.missing.map((index) => ({ index, total: merged.merged.shards }));
      const { setups, results, notRun } = merged;
      const xml = toJUnit({ suite: "nsbox", setups, results, notRun, missingShards });
      writeReportFile(junitFile, xml, "junit");
    }
    if (json) process.stdout.write(serialize(merged));
    else {
      const failedSetups = run3.failedSetups.map((s) => ({ ...s, name: setupName(s) }));
      for (const r of [...failedSetups, ...merged.results]) {
        if (r.status === "ok") continue;
        const why = r.status === "setup-error" ? r.error?.message ?? "" : r.reason ?? "";
        process.stdout.write(
          `${r.status}: ${printable(r.name)} (exit ${r.exitCode}${why ? `, ${printable(why)}` : ""})
`
        );
      }
      for (const n of merged.notRun)
        process.stdout.write(`not run (${printable(n.why)}): ${printable(n.name)}
`);
      process.stdout.write(`${countsLine(run3)}
`);
    }
    const failure = failureSentence(run3);
    if (failure) process.stderr.write(`nsbox: ${failure}
`);
    return failure ? 1 : 0;
  } catch (err) {
    return fail(err);
  }
}
function printable(s) {
  return s.replace(/[\x00-\x1f\x7f-\x9f]/g, "\uFFFD");
}
function checkReportFile(what, path) {
  const file = resolve(path);
  checkReportPath(file, what, "give a new file name in a writable directory");
  return file;
}
function usableCacheDir(given) {
  const dir = resolve(given ?? defaultCacheDir());
  const fromEnv = given === void 0 && Boolean(process.env.NSBOX_CACHE_DIR);
  const what = given !== void 0 ? "cache-dir" : fromEnv ? "NSBOX_CACHE_DIR" : "the default cache dir";
  const hint = fromEnv ? "set NSBOX_CACHE_DIR to a writable directory, or use --cache-dir" : "use --cache-dir with a writable directory";
  checkWritableDir(what, dir, hint);
  return dir;
}
function checkDistinctTargets(targets) {
  const seen = /* @__PURE__ */ new Set();
  for (const t of targets) {
    const norm = normalTarget(t);
    if (seen.has(norm))
      throw new UsageError(
        `mount: '${t}' is the target of two --mount options; give each mount its own target`
      );
    seen.add(norm);
  }
}
function checkMountSource(m) {
  const { source } = m;
  let st;
  try {
    st = statSync(source);
  } catch (err) {
    const code = err.code;
    if (code === "EACCES")
      throw new UsageError(
        `mount: '${source}' cannot be reached (EACCES: a directory above it is not searchable by you); give a path you can reach`
      );
    if (code === "ELOOP")
      throw new UsageError(`mount: '${source}' is a loop of symbolic links; give an existing path`);
    if (isSymlink(source))
      throw new UsageError(`mount: '${source}' is a symbolic link to nothing; give an existing path`);
    throw new UsageError(`mount: '${source}' does not exist on the host; give an existing path`);
  }
  if (m.mode === "overlay" && !st.isDirectory())
    throw new UsageError(
      `mount: overlay needs a directory, and '${source}' is not one; mount it ro or rw, or give a directory`
    );
}
function isSymlink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
async function cache(c) {
  const dir = c.cacheDir ?? defaultCacheDir();
  const out = (line) => process.stdout.write(`${line}
`);
  const describe2 = (e) => `${e.version ?? "?"} ${e.arch ?? "?"} ${e.bytes === null ? "?" : formatBytes(e.bytes)} ${e.kind === "packages" ? `packages ${(e.packages ?? ["?"]).join(" ")} ` : ""}${e.name}`;
  const unreadable = (code) => new UsageError(
    `cache ${c.action}: '${dir}' cannot be read by you (${code}); run it as the cache's owner, or use --cache-dir with your own`
  );
  let st;
  try {
    st = statSync(dir);
  } catch (err) {
    const code = err.code;
    if (code !== "ENOENT") throw unreadable(code);
  }
  if (st && !st.isDirectory())
    throw new UsageError(`cache-dir: '${dir}' is not a directory; use --cache-dir with a directory`);
  if (st) {
    try {
      accessSync(dir, constants.R_OK | constants.X_OK);
    } catch (err) {
      throw unreadable(err.code);
    }
  }
  if (c.action === "list") {
    const entries = listCache(dir);
    if (c.json) out(JSON.stringify(entries));
    else if (entries.length === 0) out(`the cache ${dir} holds no rootfs and no package layer`);
    else for (const e of entries) out(`${describe2(e)}, last used ${e.lastUse ?? "never"}`);
    return 0;
  }
  if (st) {
    try {
      accessSync(dir, constants.W_OK | constants.X_OK);
    } catch (err) {
      const code = err.code;
      if (code === "EROFS")
        throw new UsageError(
          `cache ${c.action}: '${dir}' is on a read-only file system, and ${c.action} may remove trees; remount it read-write, or use --cache-dir with a writable one`
        );
      throw new UsageError(
        `cache ${c.action}: '${dir}' is not writable by you (${code}), and ${c.action} may remove trees; run it as the cache's owner, or use --cache-dir with your own`
      );
    }
  }
  if (c.action === "verify") {
    const reports = verifyCache(dir);
    const damaged = reports.filter((r) => r.damage.length > 0);
    if (c.json) out(JSON.stringify(reports));
    else {
      for (const r of reports) {
        const what = r.damage.length === 0 ? "ok" : `damaged, removed (${r.damage.slice(0, 5).join("; ")})`;
        out(`${describe2(r.entry)}: ${what}`);
      }
      out(`${reports.length} tree(s) checked, ${damaged.length} damaged`);
    }
    return damaged.length > 0 ? 1 : 0;
  }
  const removed = await pruneCache(dir, { all: c.all });
  if (c.json) out(JSON.stringify({ removed }));
  else {
    for (const e of removed) out(`removed ${describe2(e)}`);
    out(`removed ${removed.length} tree(s)`);
  }
  return 0;
}
async function run2(given, json, tty2, junitPath) {
  let options;
  let junit;
  try {
    junit = junitPath === void 0 ? void 0 : checkReportFile("junit", junitPath);
    const mounts = (given.mounts ?? []).map((m) => ({ ...m, source: resolve(m.source) }));
    for (const m of mounts) checkMountSource(m);
    const cacheDir = usableCacheDir(given.cacheDir);
    checkMounts(mounts, cacheDir);
    checkDistinctTargets(mounts.map((m) => m.target));
    checkLimits(given.limits ?? {}, given.scratch);
    if (given.outputs)
      checkWritableDir(
        "output-dir",
        resolve(given.outputs.dir),
        "use --output-dir with a writable directory"
      );
    options = { ...given, mounts, cacheDir, tty: tty2 };
  } catch (err) {
    return fail(err);
  }
  const abort = new AbortController();
  const stopOnSignal = (signal) => {
    if (!abort.signal.aborted) abort.abort(signal);
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, stopOnSignal);
  const bySignal = () => {
    const signal = abort.signal.reason;
    return { signal, exitCode: 128 + (signalNumbers[signal] ?? 15) };
  };
  let result;
  try {
    result = await runSandbox({
      ...options,
      // In --json mode stdout carries only the result: the command's output goes to stderr.
      stdio: { stdin: "inherit", stdout: json ? 2 : "inherit", stderr: "inherit" },
      onProgress: (msg) => process.stderr.write(`nsbox: ${msg}
`),
      signal: abort.signal
    });
  } catch (err) {
    await closeAllSessions();
    if (err instanceof CancelledError && abort.signal.aborted) {
      const { signal, exitCode } = bySignal();
      const message = `stopped by ${signal} before the command started; nothing was left behind`;
      if (json) {
        const error = { step: "cancelled", message };
        process.stdout.write(`${JSON.stringify({ status: "cancelled", exitCode, signal, error })}
`);
      }
      process.stderr.write(`nsbox: ${message}
`);
      return exitCode;
    }
    return fail(err, json);
  }
  if (junit) {
    const name = given.argv.join(" ");
    const shard = { index: 1, total: 1 };
    const report2 = result.phase === "setup" ? {
      setups: [{ ...result, shard, outputTail: "" }],
      results: [],
      notRun: [{ position: 1, name, why: "setup failed" }]
    } : { setups: [], results: [{ ...result, name, position: 1, shard }], notRun: [] };
    try {
      writeReportFile(junit, toJUnit({ suite: "nsbox", ...report2, errorText: cliRunErrorText }), "junit");
    } catch (err) {
      process.stderr.write(`nsbox: ${cliErrorText(err)}
`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}
`);
  else if (result.phase === "setup") {
    if (result.status === "setup-error" && result.error?.hint)
      process.stderr.write(`nsbox: ${cliRunErrorText(result.error)}
`);
  } else if (result.status === "setup-error" && result.error)
    process.stderr.write(`nsbox: ${cliRunErrorText(result.error)}
`);
  else if (result.reason) process.stderr.write(`nsbox: ${result.reason}
`);
  if (!json && result.status !== "setup-error" && result.notEnforced.length > 0)
    process.stderr.write(`nsbox: not enforced: ${result.notEnforced.join(", ")}
`);
  if (!json && result.outputs) {
    const o = result.outputs;
    process.stderr.write(`nsbox: copied ${o.files.length} file(s), ${o.bytes} bytes, to ${o.dir}
`);
    for (const s of o.skipped) process.stderr.write(`nsbox: left out ${s.path}: ${s.reason}
`);
    if (o.skippedCount > o.skipped.length)
      process.stderr.write(`nsbox: ... and ${o.skippedCount - o.skipped.length} more left out
`);
  }
  if (abort.signal.aborted) {
    const { signal, exitCode } = bySignal();
    if (result.status !== "cancelled") {
      const during = result.outputs ? " (while copying its outputs: what was not copied is listed)" : "";
      process.stderr.write(`nsbox: stopped by ${signal} after the command had ended${during}
`);
    }
    return exitCode;
  }
  return result.exitCode;
}
var signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
function fail(err, json = false) {
  const usage = err instanceof UsageError;
  const setup = err instanceof SetupError;
  const message = cliErrorText(err);
  if (json && !usage) {
    const step = setup ? err.step : "engine";
    process.stdout.write(
      `${JSON.stringify({ status: "setup-error", exitCode: 125, error: { step, message } })}
`
    );
  }
  process.stderr.write(`nsbox: ${message}
`);
  if (!usage && !setup && process.env.NSBOX_DEBUG) console.error(err);
  return usage ? 2 : 125;
}
process.stderr.on("error", () => {
});
process.stdout.on("error", (err) => {
  if (err.code !== "EPIPE")
    process.stderr.write(`nsbox: cannot write to stdout (${err.code}); output was lost
`);
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = fail(err);
  }
);
