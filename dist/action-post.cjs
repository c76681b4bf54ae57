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
    function openFile(filename, flags) {
      let fd = import_node_fs36.default.openSync(filename, flags);
      return new FileHandle(fd);
    }
    var import_node_fs36;
    var FileHandle;
    var init_abi = __esm({
      "../cnoke/src/abi.js"() {
        import_node_fs36 = __toESM2(require_koffi(), 1);
        FileHandle = class {
          constructor(fd) {
            this.fd = fd;
          }
          close() {
            import_node_fs36.default.closeSync(this.fd);
          }
          [Symbol.dispose]() {
            import_node_fs36.default.closeSync(this.fd);
          }
          read(offset, len) {
            let buf = Buffer.allocUnsafe(len);
            let read = import_node_fs36.default.readSync(this.fd, buf, 0, len, offset);
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
var fstatSync = /* @__PURE__ */ exportOf("fstatSync");
var lstatSync = /* @__PURE__ */ exportOf("lstatSync");
var mkdirSync = /* @__PURE__ */ exportOf("mkdirSync");
var openSync = /* @__PURE__ */ exportOf("openSync");
var readdirSync = /* @__PURE__ */ exportOf("readdirSync");
var readSync = /* @__PURE__ */ exportOf("readSync");
var readFileSync = /* @__PURE__ */ exportOf("readFileSync");
var readlinkSync = /* @__PURE__ */ exportOf("readlinkSync");
var renameSync = /* @__PURE__ */ exportOf("renameSync");
var rmSync = /* @__PURE__ */ exportOf("rmSync");
var rmdirSync = /* @__PURE__ */ exportOf("rmdirSync");
var statSync = /* @__PURE__ */ exportOf("statSync");
var unlinkSync = /* @__PURE__ */ exportOf("unlinkSync");
var writeFileSync = /* @__PURE__ */ exportOf("writeFileSync");
var constants = /* @__PURE__ */ exportOf("constants");

// builtin:node:path
var builtin2 = require("node:path");
var exportOf2 = (name) => builtin2[name];
var node_path_default = builtin2;
var join = /* @__PURE__ */ exportOf2("join");
var dirname = /* @__PURE__ */ exportOf2("dirname");
var basename = /* @__PURE__ */ exportOf2("basename");

// builtin:node:url
var builtin3 = require("node:url");
var exportOf3 = (name) => builtin3[name];
var fileURLToPath = /* @__PURE__ */ exportOf3("fileURLToPath");

// builtin:node:os
var builtin4 = require("node:os");
var exportOf4 = (name) => builtin4[name];
var node_os_default = builtin4;
var constants2 = /* @__PURE__ */ exportOf4("constants");
var EOL = /* @__PURE__ */ exportOf4("EOL");

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// src/engine/file-names.ts
var utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var SLASH = Buffer.from("/");

// src/engine/types.ts
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

// src/engine/fs.ts
function errCode(e) {
  return e?.code ?? "EUNKNOWN";
}
var crypto = () => process.getBuiltinModule("node:crypto");
var HASH_CHUNK = 256 * 1024;
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
function unlinkQuiet(file) {
  try {
    unlinkSync(file);
    return true;
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

// src/engine/cgroup/enclosing.ts
var UNLIMITED = 2 ** 60;

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
function parsePids(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (/^\d+$/.test(t)) out.push(Number(t));
  }
  return out;
}
function unescapeOctal(s) {
  return s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(Number.parseInt(o, 8)));
}
function parseCgroupMounts(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const sep2 = line.indexOf(" - ");
    if (sep2 < 0) continue;
    const pre = line.slice(0, sep2).split(" ");
    const post2 = line.slice(sep2 + 3).split(" ");
    const fsType = post2[0] ?? "";
    if (fsType !== "cgroup" && fsType !== "cgroup2") continue;
    out.push({
      root: unescapeOctal(pre[3] ?? "/"),
      mountPoint: unescapeOctal(pre[4] ?? ""),
      fsType,
      superOptions: (post2[2] ?? "").split(",")
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

// src/engine/sleep.ts
var sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

// src/engine/cgroup/io.ts
function writeCg(path, value) {
  writeFileSync(path, value);
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

// src/engine/cgroup/types.ts
var RUN_DIR_RE = /^nsbox-(\d+)-([0-9a-z]+)$/;

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
  const walk = (dir, depth) => {
    for (const path of subdirs(dir)) {
      const name = basename(path);
      if (RUN_DIR_RE.test(name)) out.push({ name, dir: path, parent: dir });
      else if (depth < maxDepth) walk(path, depth + 1);
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
function procsAround(dir, depth = 0) {
  const out = procsOf(dir);
  if (depth < MAX_DEPTH) {
    for (const sub of subdirs(dir))
      if (!RUN_DIR_RE.test(basename(sub))) out.push(...procsAround(sub, depth + 1));
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
      const depth = p === 0 ? null : pidNamespaceDepth(p);
      return depth !== null && this.ourDepth !== null && depth - this.ourDepth <= 1;
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

// src/engine/defaults.ts
var DEFAULT_TMPFS_BYTES = 512 * 1024 ** 2;
var TMPFS_BYTES_PER_INODE = 8192;
var MAX_TMPFS_BYTES = 2 ** 32 * TMPFS_BYTES_PER_INODE;
var MIB = 1024 ** 2;

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
function libcCalls(prototypes) {
  let bound = null;
  return () => {
    if (bound) return bound;
    const lib = libcHandle();
    const calls3 = {};
    for (const [name, proto] of Object.entries(prototypes)) calls3[name] = lib.func(proto);
    bound = calls3;
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
var LEASE_NAME = /^(\d{1,3}\.){3}\d{1,3}$|^\d+$/;
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

// src/engine/units.ts
var KIB = 1024;
var SIZE_UNITS = { "": 1, k: KIB, m: KIB ** 2, g: KIB ** 3, t: KIB ** 4 };

// src/engine/outputs/dest.ts
var DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
var O_TMPFILE = 4194304 | constants.O_DIRECTORY;
var libc2 = libcCalls({
  linkat: "int linkat(int, const char *, int, const char *, int)"
});

// src/engine/outputs/copy.ts
var DEFAULT_OUTPUT_LIMIT_BYTES = 256 * 1024 * 1024;

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
function ifinfomsg(index = 0, flags = 0, change = 0, family = AF_UNSPEC) {
  const b = Buffer.alloc(16);
  b.writeUInt8(family, 0);
  b.writeInt32LE(index, 4);
  b.writeUInt32LE(flags >>> 0, 8);
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
function nlmsg(type, flags, seq, body) {
  const len = NLMSG_HDRLEN + body.length;
  const h = Buffer.alloc(NLMSG_HDRLEN);
  h.writeUInt32LE(len, 0);
  h.writeUInt16LE(type, 4);
  h.writeUInt16LE(flags, 6);
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
  request(type, flags, body, what) {
    if (this.fd < 0) throw new Error("netlink socket is closed");
    const c = libc();
    const seq = ++this.seq >>> 0;
    const msg = nlmsg(type, flags | NLM_F_REQUEST | NLM_F_ACK, seq, body);
    if (c.sendto(this.fd, msg, msg.length, 0, this.kernel, this.kernel.length) < 0) {
      throw new ErrnoError(c.errno(), `${what}: netlink send`);
    }
    const dump = (flags & NLM_F_DUMP) === NLM_F_DUMP;
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

// src/engine/rootfs/download.ts
var DEFAULT_MIN_RATE = { bytes: 32 * 1024, windowMs: 3e4 };

// src/engine/rootfs/extract.ts
var MAX_TAR_BYTES = 512 * 1024 ** 2;
var CHUNK_BYTES = 1024 ** 2;

// src/engine/flock.ts
var LOCK_EX2 = 2;
var LOCK_NB = 4;
var EINTR3 = 4;
var calls2 = libcCalls({ flock: "int flock(int, int)" });
function flock(fd, op) {
  while (calls2().flock(fd, op) < 0) {
    const e = lastErrno();
    if (e !== EINTR3) return e;
  }
  return 0;
}

// src/engine/rootfs/prepare-lock.ts
var DIR_FLAGS2 = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
var FILE_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;
var at = (dirFd, name) => `/proc/self/fd/${dirFd}/${name}`;
function openLocksDir(cacheDir, create) {
  const dir = node_path_default.join(cacheDir, "locks");
  try {
    if (create) makeDirs(dir);
    return openSync(dir, DIR_FLAGS2);
  } catch {
    return null;
  }
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
    const [open, named] = [fstatSync(fd), lstatSync(at(dir, file))];
    return open.ino === named.ino && open.dev === named.dev;
  } catch {
    return false;
  }
}
function removePlanted(dir, name) {
  try {
    const st = lstatSync(at(dir, name));
    if (st.isFile() || st.isDirectory()) return false;
    unlinkSync(at(dir, name));
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
    for (const n of readdirSync(at(dir, "")).filter((n2) => n2.endsWith(".lock"))) {
      if (removePlanted(dir, n)) {
        removed++;
        continue;
      }
      let fd;
      try {
        fd = openSync(at(dir, n), FILE_FLAGS);
      } catch {
        continue;
      }
      try {
        if (!isRegular(fd) || flock(fd, LOCK_EX2 | LOCK_NB) !== 0 || !atName(fd, dir, n)) continue;
        unlinkSync(at(dir, n));
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

// src/engine/rootfs/runnable.ts
var MACHINES = { x86_64: 62, aarch64: 183 };
var ARCH_OF = new Map(Object.entries(MACHINES).map(([arch, m]) => [m, arch]));

// src/engine/apk/cache.ts
var INDEX_TTL_MS = 10 * 60 * 1e3;

// src/engine/rootfs/maintain.ts
var IN_USE_MS = 3600 * 1e3;

// src/engine/rootfs/index.ts
var MAX_TARBALL_BYTES = 512 * 1024 ** 2;

// src/engine/apk/index.ts
var MAX_INDEX_TEXT = 64 * 1024 ** 2;

// src/engine/apk/keys.ts
var MAX_KEY_BYTES = 16 * 1024;

// src/engine/apk/repos.ts
var MAX_INDEX_BYTES = 64 * 1024 ** 2;
var MAX_PACKAGE_BYTES = 1024 ** 3;
var MAX_STAGED_BYTES = 8 * 1024 ** 3;

// src/engine/apk/layer.ts
var MAX_APK_OUTPUT = 256 * 1024;
var MAX_DB_BYTES = 64 * 1024 ** 2;

// builtin:node:net
var builtin6 = require("node:net");

// src/engine/helper.ts
var helperName = `nsbox-helper-${process.arch}`;

// src/engine/layers/scratch.ts
var libc3 = libcCalls({
  mount: "int mount(const char *, const char *, const char *, unsigned long, const char *)",
  umount2: "int umount2(const char *, int)",
  fallocate: "int fallocate(int, int, int64_t, int64_t)"
  // off_t: 64 bits on x86_64 and aarch64
});
var MNT_DETACH = 2;
var UMOUNT_NOFOLLOW = 8;
function keptBase(cacheDir) {
  return node_path_default.join(cacheDir, "layers");
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

// src/engine/net/iptables.ts
function undoCommands(undo) {
  const out = [];
  let table = "filter";
  for (const line of undo) {
    if (line.startsWith("*")) table = line.slice(1);
    else if (line !== "COMMIT") out.push(["-t", table, ...line.split(" ")]);
  }
  return out;
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
    const at2 = env.indexOf(mark);
    if (at2 < 0) continue;
    const end = env.indexOf("\0", at2 + mark.length);
    if (runIds.has(env.slice(at2 + mark.length, end < 0 ? void 0 : end))) found.push(Number(name));
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

// src/engine/net/index.ts
function cleanupStaleNetwork(opts = {}) {
  if (!isRoot()) return 0;
  const state = new StateDir(opts.stateDir);
  const deep = opts.deep ?? false;
  if (!state.exists()) return deep ? sweepStaleNetState(state, netlink(), { deep }) : 0;
  return state.locked(() => sweepStaleNetState(state, netlink(), { deep }));
}

// src/engine/outcome.ts
var ALIASES = /* @__PURE__ */ new Set(["SIGIOT", "SIGPOLL", "SIGUNUSED"]);
var signalNames = new Map(
  Object.entries(constants2.signals).filter(([name]) => !ALIASES.has(name)).map(([name, n]) => [n, name])
);
var { EACCES, ENOENT, ENOTDIR } = constants2.errno;

// src/engine/sandbox-watch.ts
var MAX_TIMER_MS = 2 ** 31 - 1;

// src/engine/terminal.ts
var bind = libcCalls({
  tcgetattr: "int tcgetattr(int fd, void *t)",
  tcsetattr: "int tcsetattr(int fd, int when, const void *t)",
  cfmakeraw: "void cfmakeraw(void *t)",
  tcgetpgrp: "int tcgetpgrp(int fd)",
  getpgrp: "int getpgrp()"
});

// src/engine/validate.ts
var MIN_MEMORY_BYTES = 4 * 1024 * 1024;
var MIN_DISK_SCRATCH_BYTES = 1024 * 1024;

// src/engine/session.ts
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

// core-substitute:fs
var fs = process.getBuiltinModule("node:fs");
var constants3 = fs.constants;
var promises = {
  access: async (path, mode) => fs.accessSync(path, mode),
  appendFile: async (path, data, options) => fs.appendFileSync(path, data, options),
  writeFile: async (path, data, options) => fs.writeFileSync(path, data, options)
};

// node_modules/@actions/core/lib/summary.js
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants3.R_OK | constants3.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + EOL);
}
function getState(name) {
  return process.env[`STATE_${name}`] || "";
}

// src/action/frames.ts
var MAX_OUTPUT_BYTES = 64 * 1024;
var MAX_FRAME_BYTES = 1024 * 1024;

// src/action/tail.ts
var TAIL_MAX_BYTES = 8 * 1024;
var TAIL_MAX_LINES = 30;
var Tail = class {
  constructor(maxBytes = TAIL_MAX_BYTES) {
    this.maxBytes = maxBytes;
  }
  maxBytes;
  kept = Buffer.alloc(0);
  dropped = false;
  push(chunk) {
    if (chunk.length >= this.maxBytes) {
      this.dropped ||= chunk.length > this.maxBytes || this.kept.length > 0;
      this.kept = Buffer.from(chunk.subarray(chunk.length - this.maxBytes));
      return;
    }
    const total = this.kept.length + chunk.length;
    const from = Math.max(0, total - this.maxBytes);
    if (from > 0) this.dropped = true;
    this.kept = Buffer.concat([this.kept.subarray(Math.min(from, this.kept.length)), chunk]);
  }
  /** At most `maxLines` whole last lines (a cut first line is dropped, not shown half), as UTF-8 text. */
  text(maxLines = TAIL_MAX_LINES) {
    let lines = this.kept.toString("utf8").split(/\r\n|\n|\r/);
    if (lines.at(-1) === "") lines.pop();
    if (this.dropped && lines.length > 1) lines = lines.slice(1);
    return lines.slice(-maxLines).join("\n");
  }
};

// src/action/privilege.ts
function detectPrivilege() {
  if (isRoot()) return "root";
  const probe = childProcess().spawnSync("sudo", ["-n", "true"], { stdio: "ignore", timeout: 1e4 });
  return probe.status === 0 ? "sudo" : "rootless";
}
async function cleanupWithSudo(entry2, cacheDir) {
  const output = new Tail(16 * 1024);
  const { exec } = await Promise.resolve().then(() => __toESM(require("./lazy-actions-exec.cjs"), 1));
  const code = await exec(
    "sudo",
    ["-n", "--", process.execPath, entry2, "--nsbox-cleanup", ...cacheDir ? [cacheDir] : []],
    {
      silent: true,
      ignoreReturnCode: true,
      listeners: { stdout: (c) => output.push(c), stderr: (c) => output.push(c) }
    }
  );
  return { code, output: output.text(200) };
}

// src/action/workflow-commands.ts
function newStopToken() {
  return `nsbox-${randomBytes(16).toString("hex")}`;
}
var NEWLINE = 10;
var InertBlock = class {
  constructor(write) {
    this.write = write;
    write(`::stop-commands::${this.token}
`);
  }
  write;
  lastByte = NEWLINE;
  closed = false;
  token = newStopToken();
  data(chunk) {
    if (this.closed) throw new Error("inert block already closed");
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (bytes.length === 0) return;
    this.write(bytes);
    this.lastByte = bytes[bytes.length - 1];
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.lastByte !== NEWLINE) this.write("\n");
    this.write(`::${this.token}::
`);
  }
};
function toStdout(data) {
  return process.stdout.write(data);
}
function writeInert(write, text) {
  const block = new InertBlock(write);
  block.data(text);
  block.close();
}

// src/action/post.ts
var entry = join(dirname(fileURLToPath(__nsboxImportMetaUrl)), "action.cjs");
async function run2() {
  try {
    await post();
  } catch (err) {
    warning(`nsbox cleanup: ${err.message}`);
  }
}
async function post() {
  try {
    await cleanupEngine();
  } finally {
    const temp = getState("temp-dir" /* TempDir */);
    try {
      if (temp) rmSync(temp, { recursive: true, force: true });
    } catch (err) {
      warning(`nsbox: cannot remove its temp dir ${temp}: ${err.message}`);
    }
  }
}
async function cleanupEngine() {
  const cacheDir = getState("cache-dir" /* CacheDir */) || void 0;
  const privilege = getState("privilege" /* Privilege */) || detectPrivilege();
  if (privilege === "sudo") {
    const { code, output } = await cleanupWithSudo(entry, cacheDir);
    if (output) writeInert(toStdout, `${output}
`);
    if (code !== 0) warning(`nsbox: the privileged cleanup did not finish (exit code ${code})`);
    return;
  }
  const removed = await cleanupStale(cacheDir);
  info(
    removed ? `nsbox: removed ${removed} leftover(s) of an interrupted run` : "nsbox: nothing to clean up"
  );
}

// src/action/post-index.ts
void run2();
