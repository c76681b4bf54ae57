"use strict";
var __nsboxImportMetaUrl = require("node:url").pathToFileURL(__filename).href;
"use strict";

// builtin:node:path
var builtin = require("node:path");
var exportOf = (name) => builtin[name];
var node_path_default = builtin;
var resolve = /* @__PURE__ */ exportOf("resolve");
var join = /* @__PURE__ */ exportOf("join");
var dirname = /* @__PURE__ */ exportOf("dirname");

// builtin:node:os
var builtin2 = require("node:os");
var exportOf2 = (name) => builtin2[name];
var constants = /* @__PURE__ */ exportOf2("constants");
var EOL = /* @__PURE__ */ exportOf2("EOL");

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

// builtin:node:fs
var builtin3 = require("node:fs");
var exportOf3 = (name) => builtin3[name];
var appendFileSync = /* @__PURE__ */ exportOf3("appendFileSync");
var accessSync = /* @__PURE__ */ exportOf3("accessSync");
var closeSync = /* @__PURE__ */ exportOf3("closeSync");
var existsSync = /* @__PURE__ */ exportOf3("existsSync");
var fstatSync = /* @__PURE__ */ exportOf3("fstatSync");
var lstatSync = /* @__PURE__ */ exportOf3("lstatSync");
var mkdirSync = /* @__PURE__ */ exportOf3("mkdirSync");
var openSync = /* @__PURE__ */ exportOf3("openSync");
var readdirSync = /* @__PURE__ */ exportOf3("readdirSync");
var readSync = /* @__PURE__ */ exportOf3("readSync");
var readFileSync = /* @__PURE__ */ exportOf3("readFileSync");
var realpathSync = /* @__PURE__ */ exportOf3("realpathSync");
var renameSync = /* @__PURE__ */ exportOf3("renameSync");
var rmSync = /* @__PURE__ */ exportOf3("rmSync");
var statSync = /* @__PURE__ */ exportOf3("statSync");
var statfsSync = /* @__PURE__ */ exportOf3("statfsSync");
var writeFileSync = /* @__PURE__ */ exportOf3("writeFileSync");
var constants2 = /* @__PURE__ */ exportOf3("constants");

// src/engine/file-names.ts
var utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
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
function runErrorText(error2, hints) {
  return withFix(error2.message, error2.hint, hints);
}
function withFix(message, hint, hints) {
  const fix = hint && Object.hasOwn(hints, hint) ? hints[hint] : void 0;
  return fix ? `${message}; ${fix}` : message;
}

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
function readRegularFile(path, maxBytes) {
  let fd;
  try {
    fd = openSync(
      path,
      constants2.O_RDONLY | constants2.O_NOFOLLOW | constants2.O_NONBLOCK | constants2.O_NOCTTY
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
function atomicTempName(file) {
  return `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
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
function checkWritableDir(what, dir, hint, shown = dir) {
  let existing = node_path_default.resolve(dir);
  while (!existsSync(existing) && node_path_default.dirname(existing) !== existing) {
    if (isDanglingLink(existing))
      throw new UsageError(
        `${what}: '${shown}' cannot be made: '${existing}' is a symbolic link to nothing; ${hint}`
      );
    existing = node_path_default.dirname(existing);
  }
  const where = (why) => existing === shown ? why : `cannot be ${shown === dir ? "created" : "written"}: '${existing}' ${why}`;
  if (!statSync(existing).isDirectory())
    throw new UsageError(`${what}: '${shown}' ${where("is not a directory")}; ${hint}`);
  const pseudo = PSEUDO_FS.get(statfsSync(existing).type);
  if (pseudo)
    throw new UsageError(`${what}: '${shown}' ${where(`is on the kernel's ${pseudo} file system`)}; ${hint}`);
  try {
    accessSync(existing, constants2.W_OK | constants2.X_OK);
  } catch (err) {
    const why = errCode(err) === "EROFS" ? "is on a read-only file system" : "is not writable";
    throw new UsageError(`${what}: '${shown}' ${where(why)}; ${hint}`);
  }
}

// src/engine/cgroup/enclosing.ts
var UNLIMITED = 2 ** 60;

// src/engine/proc.ts
function isRoot() {
  return process.getuid?.() === 0;
}

// src/engine/cgroup/detect.ts
var fsProbe = {
  root: isRoot(),
  read: readTextOrNull,
  writable(path) {
    try {
      accessSync(path, constants2.W_OK);
      return true;
    } catch {
      return false;
    }
  }
};

// src/engine/sleep.ts
var sleeper = new Int32Array(new SharedArrayBuffer(4));

// src/engine/defaults.ts
var DEFAULT_TMPFS_BYTES = 512 * 1024 ** 2;
var TMPFS_BYTES_PER_INODE = 8192;
var MAX_TMPFS_BYTES = 2 ** 32 * TMPFS_BYTES_PER_INODE;
var MIB = 1024 ** 2;

// builtin:node:module
var builtin4 = require("node:module");
var exportOf4 = (name) => builtin4[name];
var createRequire = /* @__PURE__ */ exportOf4("createRequire");

// src/engine/libc.ts
var koffi = null;
var handle = null;
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

// src/engine/net/libc.ts
var calls = libcCalls({
  socket: "int socket(int, int, int)",
  setsockopt: "int setsockopt(int, int, int, const void *, uint32_t)",
  sendto: "ssize_t sendto(int, const void *, size_t, int, const void *, uint32_t)",
  recv: "ssize_t recv(int, void *, size_t, int)",
  close: "int close(int)",
  flock: "int flock(int, int)"
});

// src/engine/units.ts
var KIB = 1024;
var SIZE_UNITS = { "": 1, k: KIB, m: KIB ** 2, g: KIB ** 3, t: KIB ** 4 };

// src/engine/outputs/dest.ts
var DIR_FLAGS = constants2.O_RDONLY | constants2.O_DIRECTORY | constants2.O_NOFOLLOW | constants2.O_NONBLOCK;
var O_TMPFILE = 4194304 | constants2.O_DIRECTORY;
var libc2 = libcCalls({
  linkat: "int linkat(int, const char *, int, const char *, int)"
});

// src/engine/outputs/copy.ts
var DEFAULT_OUTPUT_LIMIT_BYTES = 256 * 1024 * 1024;

// src/engine/rootfs/cache.ts
var ALIAS_TTL_MS = 24 * 3600 * 1e3;
var TEMP_MAX_AGE_MS = 3600 * 1e3;

// src/engine/rootfs/download.ts
var DEFAULT_MIN_RATE = { bytes: 32 * 1024, windowMs: 3e4 };

// src/engine/rootfs/extract.ts
var MAX_TAR_BYTES = 512 * 1024 ** 2;
var CHUNK_BYTES = 1024 ** 2;

// src/engine/flock.ts
var calls2 = libcCalls({ flock: "int flock(int, int)" });

// src/engine/rootfs/prepare-lock.ts
var DIR_FLAGS2 = constants2.O_RDONLY | constants2.O_DIRECTORY | constants2.O_NOFOLLOW;
var FILE_FLAGS = constants2.O_RDONLY | constants2.O_NOFOLLOW | constants2.O_NONBLOCK | constants2.O_NOCTTY;

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
var builtin5 = require("node:net");

// builtin:node:url
var builtin6 = require("node:url");

// src/engine/helper.ts
var helperName = `nsbox-helper-${process.arch}`;

// src/engine/layers/scratch.ts
var libc3 = libcCalls({
  mount: "int mount(const char *, const char *, const char *, unsigned long, const char *)",
  umount2: "int umount2(const char *, int)",
  fallocate: "int fallocate(int, int, int64_t, int64_t)"
  // off_t: 64 bits on x86_64 and aarch64
});

// src/engine/outcome.ts
var ALIASES = /* @__PURE__ */ new Set(["SIGIOT", "SIGPOLL", "SIGUNUSED"]);
var signalNames = new Map(
  Object.entries(constants.signals).filter(([name]) => !ALIASES.has(name)).map(([name, n]) => [n, name])
);
var { EACCES, ENOENT, ENOTDIR } = constants.errno;

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

// src/action/core-crypto.ts
function randomUUID() {
  const b = randomBytes(16);
  b[6] = b[6] & 15 | 64;
  b[8] = b[8] & 63 | 128;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// node_modules/@actions/core/lib/file-command.js
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  appendFileSync(filePath, `${toCommandValue(message)}${EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter2 = `ghadelimiter_${randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter2)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter2}"`);
  }
  if (convertedValue.includes(delimiter2)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter2}"`);
  }
  return `${key}<<${delimiter2}${EOL}${convertedValue}${EOL}${delimiter2}`;
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
      const cells = row.map((cell2) => {
        if (typeof cell2 === "string") {
          return this.wrap("td", cell2);
        }
        const { header, data, colspan, rowspan } = cell2;
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
var summary = _summary;

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + EOL);
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
var isCount = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
var isTime = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0;
var isNullable = (v, check) => v === null || check(v);
var isString = (v) => typeof v === "string";
function shardOf(v, where) {
  if (!isObject(v) || !isCount(v.index) || !isCount(v.total) || v.index < 1 || v.index > v.total || v.total > MAX_SHARDS)
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
  if (!isNullable(v.pidsPeak, isCount)) throw bad("pidsPeak");
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
    if (!isCount(v.position) || v.position < 1 || v.position > commands)
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
  if (!isCount(v.position) || v.position < 1 || v.position > commands)
    throw new Malformed(`${where} has no valid position`);
  return { position: v.position, name: v.name, why: v.why };
}
function classify(data) {
  if (!isObject(data) || data.format !== RESULTS_FORMAT) return { kind: "other" };
  if ("merged" in data) return { kind: "merged" };
  const shard = shardOf(data.shard, "the file");
  if (!isCount(data.commands)) throw new Malformed("the file has no valid commands count");
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
function countsLine(run) {
  const parts = [`${run.passed} passed`, `${run.failed} failed`];
  if (run.notRun) parts.push(`${run.notRun} not run`);
  if (run.withoutResult) parts.push(`${run.withoutResult} without a result`);
  return `${parts.join(", ")} of ${run.merged.commands} command(s) in ${run.merged.merged.shards} shard(s)`;
}
function setupFailureText(s) {
  return `${setupName(s)} failed (${s.status}, exit ${s.exitCode}): its commands did not run`;
}
function failureSentence(run) {
  const parts = run.failedSetups.map(setupFailureText);
  if (run.failed) parts.push(`${run.failed} of ${run.merged.commands} command(s) failed`);
  if (run.merged.merged.missing.length) {
    parts.push(
      `${missingShardsText(run.merged)} sent no results (${run.withoutResult} command(s) without a result): its job failed before writing them, or its artifact was not downloaded`
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

// src/action/hints.ts
var ACTION_FIX_HINTS = {
  "best-effort": "run the job as root or with passwordless sudo, or set best-effort: true",
  "cgroup-busy": "run the job's processes in a cgroup of their own: move that cgroup's processes into a child (a leaf) before the step, or set best-effort: true",
  mirror: "check the mirror input, or give a local minirootfs tarball in the rootfs input",
  release: "check the alpine-version and mirror inputs, or give a local minirootfs tarball in the rootfs input",
  tarball: "give the rootfs input an Alpine minirootfs tarball (alpine-minirootfs-<version>-<arch>.tar.gz)",
  // The Action has no pool input: its sandboxes always use the engine's default pool.
  pool: "the Action's sandbox network needs that range free; use network: none on this runner",
  "pool-full": "lower the parallel input, or run fewer jobs with network: nat on this runner at once",
  "env-pair": "give the env input one NAME=value per line",
  hostname: "use letters, digits and '-' like test-1",
  "scratch-memory": "set scratch: memory on this runner",
  "scratch-space": "free space on the runner's disk, set a smaller tmpfs-size (the layer's cap), or set scratch: memory",
  // Every command (and the setup) is a script run by /bin/sh: a command of its own that is missing is
  // the shell's exit 127, so only a rootfs whose /bin/sh cannot be run leaves the Action's sandbox no command.
  command: "the Action runs each command with /bin/sh: give the rootfs input an Alpine minirootfs tarball whose /bin/sh works, or leave it empty",
  workdir: "set working-directory to a directory that exists in the sandbox: in the rootfs, or in /workspace (where a relative path points; none with workspace: none)"
};
function actionRunErrorText(error2) {
  return runErrorText(error2, ACTION_FIX_HINTS);
}

// src/action/report.ts
var MAX_COMMAND_ANNOTATIONS = 9;
var MAX_TAIL_BLOCKS = 20;
var SUMMARY_BUDGET_BYTES = 900 * 1024;
var TABLE_SHARE = 0.6;
var LIMITS_NAME_CHARS = 100;
var bytes = (s) => Buffer.byteLength(s, "utf8");
var statusIcon = {
  ok: "\u2705 ok",
  failed: "\u274C failed",
  signaled: "\u274C signaled",
  cancelled: "\u{1F6AB} cancelled",
  "setup-error": "\u26A0\uFE0F setup-error",
  timeout: "\u23F1\uFE0F timeout",
  oom: "\u{1F4A5} oom",
  "pids-limit": "\u{1F374} pids-limit"
};
function isFailure(r) {
  return r.status !== "ok";
}
function annotation(r) {
  if (r.status === "setup-error")
    return `${r.name}: the sandbox failed to start: ${r.error ? actionRunErrorText(r.error) : "unknown"}`;
  const why = r.reason ? ` (${r.reason})` : "";
  return `${r.name}: ${r.status}, exit code ${r.exitCode}${why}`;
}
function annotationPlan(failed) {
  const each = failed.slice(0, MAX_COMMAND_ANNOTATIONS);
  const rest = failed.length - each.length;
  return { each, more: rest > 0 ? `and ${rest} more failed (see the job summary)` : null };
}
var HTML_UNSAFE = /[&<>"'\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
function htmlText(s) {
  return s.replace(HTML_UNSAFE, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&#39;";
      case "\n":
        return "&#10;";
      case "\r":
        return "&#13;";
      default:
        return "\uFFFD";
    }
  });
}
function clip(text, max) {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}\u2026`;
}
var seconds2 = (ms) => (ms / 1e3).toFixed(2);
var mib = (bytes2) => (bytes2 / (1024 * 1024)).toFixed(1);
var COLUMNS = [
  { head: "command", numeric: false, cell: (r) => r.name },
  { head: "status", numeric: false, cell: (r) => statusIcon[r.status] ?? r.status },
  { head: "exit", numeric: true, cell: (r) => String(r.exitCode) },
  { head: "wall (s)", numeric: true, cell: (r) => seconds2(r.wallMs) },
  { head: "cpu (s)", numeric: true, cell: (r) => seconds2(r.cpuUserMs + r.cpuSystemMs) },
  {
    head: "peak memory (MiB)",
    numeric: true,
    cell: (r) => r.memoryPeakBytes === null ? "n/a" : mib(r.memoryPeakBytes)
  },
  { head: "peak pids", numeric: true, cell: (r) => r.pidsPeak === null ? "n/a" : String(r.pidsPeak) },
  {
    head: "ended by",
    numeric: false,
    cell: (r) => r.reason ?? (r.status === "setup-error" ? r.error ? actionRunErrorText(r.error) : "setup error" : "")
  }
];
function cell(tag, numeric, text) {
  return `<${tag} align="${numeric ? "right" : "left"}">${htmlText(text)}</${tag}>`;
}
function resultsTable(results, budget) {
  const head = `<tr>${COLUMNS.map((c) => cell("th", c.numeric, c.head)).join("")}</tr>`;
  const rows = results.map(
    (r) => `<tr>${COLUMNS.map((c) => cell("td", c.numeric, c.cell(r))).join("")}</tr>`
  );
  const frame = (body) => `<table><thead>${head}</thead><tbody>${body.join("")}</tbody></table>`;
  let used = bytes(frame([]));
  const order = [...results.keys()].sort(
    (a, b) => Number(isFailure(results[b])) - Number(isFailure(results[a]))
  );
  const shown = /* @__PURE__ */ new Set();
  for (const i of order) {
    const size = bytes(rows[i]);
    if (used + size > budget) break;
    used += size;
    shown.add(i);
  }
  const leftFailed = results.filter((r, i) => !shown.has(i) && isFailure(r)).length;
  return { html: frame(rows.filter((_, i) => shown.has(i))), left: results.length - shown.size, leftFailed };
}
function tailBlock(r, budget) {
  const block = (tail2, cut) => `<details><summary>${htmlText(`${r.name}: last lines of output${cut ? " (shortened for the summary)" : ""}`)}</summary><pre>${htmlText(tail2)}</pre></details>`;
  const tail = r.outputTail || "(no output)";
  const whole = block(tail, false);
  if (bytes(whole) <= budget) return whole;
  let lo = 0;
  let hi = tail.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytes(block(tail.slice(tail.length - mid), true)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? block(tail.slice(tail.length - lo), true) : null;
}
function limitsLine(limits, defaultTmpfsBytes, whose, applied) {
  const chosen = (asked, value, unit) => {
    if (asked === "none") return "no limit";
    if (asked !== void 0) return unit(asked);
    return value === void 0 ? "default" : value === null ? "no limit" : `${unit(value)} (default)`;
  };
  const parts = [
    `memory ${chosen(limits.memoryBytes, applied?.memoryBytes, (n) => `${mib(n)} MiB`)}`,
    `pids ${chosen(limits.pids, applied?.pids, String)}`,
    `cpus ${limits.cpus ?? "no limit"}`,
    `timeout ${limits.timeoutMs !== void 0 ? `${seconds2(limits.timeoutMs)} s` : "no limit"}`,
    `cpu-time ${limits.cpuTimeMs !== void 0 ? `${seconds2(limits.cpuTimeMs)} s` : "no limit"}`,
    `tmpfs ${mib(limits.tmpfsBytes ?? defaultTmpfsBytes)} MiB${limits.tmpfsBytes === void 0 ? " (default)" : ""}`
  ];
  return `limits ${whose}: ${parts.join(" \xB7 ")}`;
}
function renderSummary(s, budget = SUMMARY_BUDGET_BYTES) {
  const table = resultsTable(s.results, Math.floor(budget * TABLE_SHARE));
  const blocks = ["### nsbox results", table.html];
  if (table.left) {
    const failedToo = table.leftFailed ? ` (${table.leftFailed} of them failed)` : "";
    const line = `${table.left} more command(s) not in this table${failedToo}: the summary has a size limit; the results file and the step log have every one`;
    blocks.push(`<p>${htmlText(line)}</p>`);
  }
  blocks.push(`<p>${htmlText(s.facts.join(" \xB7 "))}</p>`);
  if (s.limits) {
    const { step, overrides, defaultTmpfsBytes } = s.limits;
    const whose = s.limits.everyCommandHasOwn ? "of the step (every command has its own)" : "per sandbox";
    blocks.push(`<p>${htmlText(limitsLine(step, defaultTmpfsBytes, whose, s.limits.stepApplied))}</p>`);
    for (const o of overrides.slice(0, MAX_TAIL_BLOCKS)) {
      const line = limitsLine(
        o.limits,
        defaultTmpfsBytes,
        `of ${clip(o.name, LIMITS_NAME_CHARS)}`,
        o.applied
      );
      blocks.push(`<p>${htmlText(line)}</p>`);
    }
    const more = overrides.length - MAX_TAIL_BLOCKS;
    if (more > 0)
      blocks.push(
        `<p>${htmlText(`${more} more command(s) with limits of their own: see the results file`)}</p>`
      );
  }
  const notEnforced = [...new Set(s.results.flatMap((r) => r.notEnforced))];
  if (notEnforced.length) blocks.push(`<p>${htmlText(`\u26A0\uFE0F not enforced: ${notEnforced.join(", ")}`)}</p>`);
  if (s.warning) blocks.push(`<p>${htmlText(`\u26A0\uFE0F ${s.warning}`)}</p>`);
  const failed = s.results.filter(isFailure);
  let room = budget - bytes(blocks.join("\n\n")) - 512;
  let shownTails = 0;
  for (const r of failed.slice(0, MAX_TAIL_BLOCKS)) {
    const block = tailBlock(r, room - 2);
    if (block === null) break;
    blocks.push(block);
    room -= bytes(block) + 2;
    shownTails++;
  }
  if (failed.length > shownTails) {
    const rest = failed.length - shownTails;
    blocks.push(`<p>${htmlText(`${rest} more failure(s): their output is in the step log`)}</p>`);
  }
  return `${blocks.join("\n\n")}

`;
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
    const bytes2 = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (bytes2.length === 0) return;
    this.write(bytes2);
    this.lastByte = bytes2[bytes2.length - 1];
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

// src/action/merge-main.ts
async function runReport() {
  try {
    await report();
  } catch (err) {
    setFailed(err instanceof UsageError ? err.message : `nsbox report: ${err.message}`);
  }
}
async function report() {
  const path = getInput("path").trim() || "nsbox-results";
  const junit = getInput("junit").trim();
  if (junit)
    checkReportPath(
      resolve(junit),
      "junit",
      "set junit to a new or regular file in a writable directory, not through a symbolic link",
      true
    );
  const run = loadRun(
    [resolve(path)],
    "path",
    "download the shards' artifacts there with actions/download-artifact"
  );
  const { merged } = run;
  printFound(run);
  const outDir = join(process.env.RUNNER_TEMP ?? resolve("."), "nsbox-results");
  const file = join(outDir, `results-${process.env.GITHUB_RUN_ID ?? "local"}-merged-${process.pid}.json`);
  writeReportFile(file, serialize(merged), "results-file");
  setOutput("results-file", file);
  if (junit) {
    const xml = toJUnit({
      suite: "nsbox",
      setups: merged.setups,
      results: merged.results,
      notRun: merged.notRun,
      missingShards: merged.merged.missing.map((index) => ({ index, total: merged.merged.shards })),
      errorText: actionRunErrorText
    });
    writeReportFile(resolve(junit), xml, "junit", true);
    setOutput("junit-file", resolve(junit));
  }
  setOutput("passed", String(run.passed));
  setOutput("failed", String(run.failed));
  setOutput("missing-shards", merged.merged.missing.join(","));
  const setupRows = run.failedSetups.map((s) => ({ ...s, name: setupName(s) }));
  const results = [...setupRows, ...merged.results];
  const first = merged.setups[0] ?? merged.results[0];
  const missing = merged.merged.missing.length ? `${missingShardsText(merged)} sent no results: ${run.withoutResult} command(s) without a result` : null;
  const markdown = renderSummary({
    results,
    facts: [countsLine(run), `Alpine ${first?.alpine ?? "?"}`, `cgroup ${first?.cgroup ?? "?"}`],
    limits: null,
    warning: missing
  });
  await summary.addRaw(markdown).write().catch((err) => warning(`could not write the job summary: ${err.message}`));
  const { each, more } = annotationPlan(results.filter(isFailure));
  for (const r of each) error(annotation(r), { title: `nsbox: ${r.name}` });
  const why = failureSentence(run);
  if (why) setFailed(more ? `${more}; ${why}` : why);
}
function printFound(run) {
  info(`nsbox: ${run.files.length} results file(s):`);
  writeInert(toStdout, run.files.map((f) => `${f}
`).join(""));
  if (run.ignored.length) {
    info(`nsbox: ${run.ignored.length} merged report(s), left out:`);
    writeInert(toStdout, run.ignored.map((f) => `${f}
`).join(""));
  }
  if (run.notJson.length) {
    info(`nsbox: ${run.notJson.length} file(s) not JSON, left out:`);
    writeInert(toStdout, run.notJson.map((f) => `${f.path} (${f.why})
`).join(""));
  }
}

// src/action/merge-index.ts
void runReport();
