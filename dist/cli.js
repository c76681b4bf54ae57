#!/usr/bin/env node
import { createRequire as __nsboxCreateRequire } from "node:module";
import { dirname as __nsboxDirname } from "node:path";
import { fileURLToPath as __nsboxFileURLToPath } from "node:url";
const require = __nsboxCreateRequire(import.meta.url);
const __filename = __nsboxFileURLToPath(import.meta.url);
const __dirname = __nsboxDirname(__filename);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b2) => (typeof require !== "undefined" ? require : a)[b2]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to2, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to2, key) && key !== except)
        __defProp(to2, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to2;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// builtin-no-facade:node:fs
var node_fs_exports = {};
__export(node_fs_exports, {
  accessSync: () => accessSync,
  appendFileSync: () => appendFileSync,
  chmod: () => chmod,
  chmodSync: () => chmodSync,
  chown: () => chown,
  chownSync: () => chownSync,
  close: () => close,
  closeSync: () => closeSync,
  constants: () => constants,
  default: () => node_fs_default,
  existsSync: () => existsSync,
  fchown: () => fchown,
  fchownSync: () => fchownSync,
  fstat: () => fstat,
  fstatSync: () => fstatSync,
  ftruncateSync: () => ftruncateSync,
  futimes: () => futimes,
  futimesSync: () => futimesSync,
  lchown: () => lchown,
  lchownSync: () => lchownSync,
  lstat: () => lstat,
  lstatSync: () => lstatSync,
  mkdir: () => mkdir,
  mkdirSync: () => mkdirSync,
  mkdtempSync: () => mkdtempSync,
  open: () => open,
  openSync: () => openSync,
  read: () => read,
  readFileSync: () => readFileSync,
  readSync: () => readSync,
  readdir: () => readdir,
  readdirSync: () => readdirSync,
  readlink: () => readlink,
  readlinkSync: () => readlinkSync,
  realpathSync: () => realpathSync,
  rename: () => rename,
  renameSync: () => renameSync,
  rm: () => rm,
  rmSync: () => rmSync,
  rmdir: () => rmdir,
  rmdirSync: () => rmdirSync,
  stat: () => stat,
  statSync: () => statSync,
  unlink: () => unlink,
  unlinkSync: () => unlinkSync,
  utimes: () => utimes,
  utimesSync: () => utimesSync,
  write: () => write,
  writeFileSync: () => writeFileSync,
  writeSync: () => writeSync,
  writev: () => writev
});
var fs, node_fs_default, accessSync, appendFileSync, chmod, chmodSync, chown, chownSync, close, closeSync, constants, existsSync, fchown, fchownSync, fstat, fstatSync, ftruncateSync, futimes, futimesSync, lchown, lchownSync, lstat, lstatSync, mkdir, mkdirSync, mkdtempSync, open, openSync, read, readFileSync, readSync, readdir, readdirSync, readlink, readlinkSync, realpathSync, rename, renameSync, rm, rmSync, rmdir, rmdirSync, stat, statSync, unlink, unlinkSync, utimes, utimesSync, write, writeFileSync, writeSync, writev;
var init_node_fs = __esm({
  "builtin-no-facade:node:fs"() {
    fs = process.getBuiltinModule("node:fs");
    node_fs_default = fs;
    ({ accessSync, appendFileSync, chmod, chmodSync, chown, chownSync, close, closeSync, constants, existsSync, fchown, fchownSync, fstat, fstatSync, ftruncateSync, futimes, futimesSync, lchown, lchownSync, lstat, lstatSync, mkdir, mkdirSync, mkdtempSync, open, openSync, read, readFileSync, readSync, readdir, readdirSync, readlink, readlinkSync, realpathSync, rename, renameSync, rm, rmSync, rmdir, rmdirSync, stat, statSync, unlink, unlinkSync, utimes, utimesSync, write, writeFileSync, writeSync, writev } = fs);
  }
});

// node_modules/tar/dist/esm/index.min.js
var index_min_exports = {};
__export(index_min_exports, {
  Header: () => F,
  Pack: () => wt,
  PackJob: () => pi,
  PackSync: () => kt,
  Parser: () => rt,
  Pax: () => ft,
  ReadEntry: () => $e,
  Unpack: () => Xt,
  UnpackSync: () => xe,
  WriteEntry: () => de,
  WriteEntrySync: () => ni,
  WriteEntryTar: () => oi,
  c: () => Qn,
  create: () => Qn,
  extract: () => So,
  filesFilter: () => Qi,
  list: () => Ct,
  r: () => vt,
  replace: () => vt,
  t: () => Ct,
  types: () => Hi,
  u: () => Oo,
  update: () => Oo,
  x: () => So
});
import Qr from "events";
import { EventEmitter as Di } from "node:events";
import Cs from "node:stream";
import { StringDecoder as Hr } from "node:string_decoder";
import cr from "node:path";
import { dirname as Fn, parse as kn } from "path";
import { EventEmitter as Dn } from "events";
import zi from "assert";
import { Buffer as Ot } from "buffer";
import * as Ps from "zlib";
import en from "zlib";
import { posix as Zt } from "node:path";
import { basename as _n } from "node:path";
import js from "path";
import { win32 as Pn } from "node:path";
import ar from "path";
import co from "node:assert";
import { randomBytes as Mr } from "node:crypto";
import R from "node:path";
import we from "node:path";
import ro from "node:fs/promises";
import Si from "node:path";
import { join as xr } from "node:path";
import Pr from "node:path";
function Zn(s3, t, e) {
  let i = t, r = t ? t.next : s3.head, n = new ue(e, i, r, s3);
  return n.next === void 0 && (s3.tail = n), n.prev === void 0 && (s3.head = n), s3.length++, n;
}
function Yn(s3, t) {
  s3.tail = new ue(t, s3.tail, void 0, s3), s3.head || (s3.head = s3.tail), s3.length++;
}
function Kn(s3, t) {
  s3.head = new ue(t, void 0, s3.head, s3), s3.tail || (s3.tail = s3.head), s3.length++;
}
var zr, Ur, Ds, Wr, Gr, Zr, Q, J, nt, De, qt, Ne, Ns, Ae, As, z, Mt, g, Qt, Bt, b, N, _, bi, Ie, L, S, _i, Oi, Is, Ti, Z, xi, Ce, Jt, Rt, C, jt, Yr, Kr, Vr, $r, Fe, Li, Xr, qr, A, Jr, ht, H, te, m, Ni, tt, Ai, ki, vi, ie, ke, Ut, Ht, Ii, Pt, at, U, ot, Y, zt, Ci, j, ee, Fi, ve, gt, Me, bt, _t, Be, et, Wt, jr, Fs, ks, vs, Ms, Bs, tn, se, K, sn, M, rn, zs, nn, Bi, Tt, Gt, Pi, re, Pe, ze, Ue, He, We, Ge, Ze, Ye, Ke, Us, hn, an, Hs, ln, cn, Ws, Gs, Hi, ne, dn, Ui, oe, Ve, un, F, mn, xt, Wi, pn, lt, En, wn, Sn, ct, yn, Rn, gn, Gi, bn, Lt, ft, On, Tn, xn, Ln, f, $e, Dt, Nn, Xi, qi, An, B, Nt, it, Zi, Zs, V, he, dt, Ys, p, st, ut, Yi, At, w, Xe, qe, Ki, Ks, Vs, ae, Vi, Qe, Yt, $, Je, It, je, ti, $s, In, le, $i, Xs, Cn, rt, mt, vn, Qi, Mn, Bn, Ct, Ji, zn, qs, ce, ei, ji, Un, Hn, ts, Qs, rr, Wn, tr, er, ir, is, sr, fe, ii, ss, si, rs, ns, os2, hs, pt, ri, as, es, q, de, ni, oi, Gn, hi, ue, pi, nr, li, me, W, pe, Et, Ft, Ee, ai, G, ls, ci, or, ds, us, fi, di, hr, cs, ui, lr, fs2, wt, kt, Vn, $n, fr, dr, Xn, qn, Qn, Jn, Er, wr, ur, Sr, yr, Rr, jn, to, eo, mr, ms, ps, Ei, io, Es, so, ws, Se, St, no, gr, Ss, br, oo, _r, ys, Or, Vt, Tr, ho, ao, lo, yi, Lr, Dr, _s, Nr, Os, P, Ts, xs, gi, Ar, Ir, Re, Cr, Fr, Rs, yt, O, Ri, kr, $t, gs, bs, Ls, ge, be, _e, Oe, fo, Te, uo, mo, po, vr, Xt, ye, xe, Eo, wo, So, yo, Ro, go, bo, _o, vt, Oo, To;
var init_index_min = __esm({
  "node_modules/tar/dist/esm/index.min.js"() {
    init_node_fs();
    init_node_fs();
    init_node_fs();
    init_node_fs();
    init_node_fs();
    init_node_fs();
    init_node_fs();
    init_node_fs();
    init_node_fs();
    init_node_fs();
    zr = Object.defineProperty;
    Ur = (s3, t) => {
      for (var e in t) zr(s3, e, { get: t[e], enumerable: true });
    };
    Ds = typeof process == "object" && process ? process : { stdout: null, stderr: null };
    Wr = (s3) => !!s3 && typeof s3 == "object" && (s3 instanceof A || s3 instanceof Cs || Gr(s3) || Zr(s3));
    Gr = (s3) => !!s3 && typeof s3 == "object" && s3 instanceof Di && typeof s3.pipe == "function" && s3.pipe !== Cs.Writable.prototype.pipe;
    Zr = (s3) => !!s3 && typeof s3 == "object" && s3 instanceof Di && typeof s3.write == "function" && typeof s3.end == "function";
    Q = /* @__PURE__ */ Symbol("EOF");
    J = /* @__PURE__ */ Symbol("maybeEmitEnd");
    nt = /* @__PURE__ */ Symbol("emittedEnd");
    De = /* @__PURE__ */ Symbol("emittingEnd");
    qt = /* @__PURE__ */ Symbol("emittedError");
    Ne = /* @__PURE__ */ Symbol("closed");
    Ns = /* @__PURE__ */ Symbol("read");
    Ae = /* @__PURE__ */ Symbol("flush");
    As = /* @__PURE__ */ Symbol("flushChunk");
    z = /* @__PURE__ */ Symbol("encoding");
    Mt = /* @__PURE__ */ Symbol("decoder");
    g = /* @__PURE__ */ Symbol("flowing");
    Qt = /* @__PURE__ */ Symbol("paused");
    Bt = /* @__PURE__ */ Symbol("resume");
    b = /* @__PURE__ */ Symbol("buffer");
    N = /* @__PURE__ */ Symbol("pipes");
    _ = /* @__PURE__ */ Symbol("bufferLength");
    bi = /* @__PURE__ */ Symbol("bufferPush");
    Ie = /* @__PURE__ */ Symbol("bufferShift");
    L = /* @__PURE__ */ Symbol("objectMode");
    S = /* @__PURE__ */ Symbol("destroyed");
    _i = /* @__PURE__ */ Symbol("error");
    Oi = /* @__PURE__ */ Symbol("emitData");
    Is = /* @__PURE__ */ Symbol("emitEnd");
    Ti = /* @__PURE__ */ Symbol("emitEnd2");
    Z = /* @__PURE__ */ Symbol("async");
    xi = /* @__PURE__ */ Symbol("abort");
    Ce = /* @__PURE__ */ Symbol("aborted");
    Jt = /* @__PURE__ */ Symbol("signal");
    Rt = /* @__PURE__ */ Symbol("dataListeners");
    C = /* @__PURE__ */ Symbol("discarded");
    jt = (s3) => Promise.resolve().then(s3);
    Yr = (s3) => s3();
    Kr = (s3) => s3 === "end" || s3 === "finish" || s3 === "prefinish";
    Vr = (s3) => s3 instanceof ArrayBuffer || !!s3 && typeof s3 == "object" && s3.constructor && s3.constructor.name === "ArrayBuffer" && s3.byteLength >= 0;
    $r = (s3) => !Buffer.isBuffer(s3) && ArrayBuffer.isView(s3);
    Fe = class {
      src;
      dest;
      opts;
      ondrain;
      constructor(t, e, i) {
        this.src = t, this.dest = e, this.opts = i, this.ondrain = () => t[Bt](), this.dest.on("drain", this.ondrain);
      }
      unpipe() {
        this.dest.removeListener("drain", this.ondrain);
      }
      proxyErrors(t) {
      }
      end() {
        this.unpipe(), this.opts.end && this.dest.end();
      }
    };
    Li = class extends Fe {
      unpipe() {
        this.src.removeListener("error", this.proxyErrors), super.unpipe();
      }
      constructor(t, e, i) {
        super(t, e, i), this.proxyErrors = (r) => this.dest.emit("error", r), t.on("error", this.proxyErrors);
      }
    };
    Xr = (s3) => !!s3.objectMode;
    qr = (s3) => !s3.objectMode && !!s3.encoding && s3.encoding !== "buffer";
    A = class extends Di {
      [g] = false;
      [Qt] = false;
      [N] = [];
      [b] = [];
      [L];
      [z];
      [Z];
      [Mt];
      [Q] = false;
      [nt] = false;
      [De] = false;
      [Ne] = false;
      [qt] = null;
      [_] = 0;
      [S] = false;
      [Jt];
      [Ce] = false;
      [Rt] = 0;
      [C] = false;
      writable = true;
      readable = true;
      constructor(...t) {
        let e = t[0] || {};
        if (super(), e.objectMode && typeof e.encoding == "string") throw new TypeError("Encoding and objectMode may not be used together");
        Xr(e) ? (this[L] = true, this[z] = null) : qr(e) ? (this[z] = e.encoding, this[L] = false) : (this[L] = false, this[z] = null), this[Z] = !!e.async, this[Mt] = this[z] ? new Hr(this[z]) : null, e && e.debugExposeBuffer === true && Object.defineProperty(this, "buffer", { get: () => this[b] }), e && e.debugExposePipes === true && Object.defineProperty(this, "pipes", { get: () => this[N] });
        let { signal: i } = e;
        i && (this[Jt] = i, i.aborted ? this[xi]() : i.addEventListener("abort", () => this[xi]()));
      }
      get bufferLength() {
        return this[_];
      }
      get encoding() {
        return this[z];
      }
      set encoding(t) {
        throw new Error("Encoding must be set at instantiation time");
      }
      setEncoding(t) {
        throw new Error("Encoding must be set at instantiation time");
      }
      get objectMode() {
        return this[L];
      }
      set objectMode(t) {
        throw new Error("objectMode must be set at instantiation time");
      }
      get async() {
        return this[Z];
      }
      set async(t) {
        this[Z] = this[Z] || !!t;
      }
      [xi]() {
        this[Ce] = true, this.emit("abort", this[Jt]?.reason), this.destroy(this[Jt]?.reason);
      }
      get aborted() {
        return this[Ce];
      }
      set aborted(t) {
      }
      write(t, e, i) {
        if (this[Ce]) return false;
        if (this[Q]) throw new Error("write after end");
        if (this[S]) return this.emit("error", Object.assign(new Error("Cannot call write after a stream was destroyed"), { code: "ERR_STREAM_DESTROYED" })), true;
        typeof e == "function" && (i = e, e = "utf8"), e || (e = "utf8");
        let r = this[Z] ? jt : Yr;
        if (!this[L] && !Buffer.isBuffer(t)) {
          if ($r(t)) t = Buffer.from(t.buffer, t.byteOffset, t.byteLength);
          else if (Vr(t)) t = Buffer.from(t);
          else if (typeof t != "string") throw new Error("Non-contiguous data written to non-objectMode stream");
        }
        return this[L] ? (this[g] && this[_] !== 0 && this[Ae](true), this[g] ? this.emit("data", t) : this[bi](t), this[_] !== 0 && this.emit("readable"), i && r(i), this[g]) : t.length ? (typeof t == "string" && !(e === this[z] && !this[Mt]?.lastNeed) && (t = Buffer.from(t, e)), Buffer.isBuffer(t) && this[z] && (t = this[Mt].write(t)), this[g] && this[_] !== 0 && this[Ae](true), this[g] ? this.emit("data", t) : this[bi](t), this[_] !== 0 && this.emit("readable"), i && r(i), this[g]) : (this[_] !== 0 && this.emit("readable"), i && r(i), this[g]);
      }
      read(t) {
        if (this[S]) return null;
        if (this[C] = false, this[_] === 0 || t === 0 || t && t > this[_]) return this[J](), null;
        this[L] && (t = null), this[b].length > 1 && !this[L] && (this[b] = [this[z] ? this[b].join("") : Buffer.concat(this[b], this[_])]);
        let e = this[Ns](t || null, this[b][0]);
        return this[J](), e;
      }
      [Ns](t, e) {
        if (this[L]) this[Ie]();
        else {
          let i = e;
          t === i.length || t === null ? this[Ie]() : typeof i == "string" ? (this[b][0] = i.slice(t), e = i.slice(0, t), this[_] -= t) : (this[b][0] = i.subarray(t), e = i.subarray(0, t), this[_] -= t);
        }
        return this.emit("data", e), !this[b].length && !this[Q] && this.emit("drain"), e;
      }
      end(t, e, i) {
        return typeof t == "function" && (i = t, t = void 0), typeof e == "function" && (i = e, e = "utf8"), t !== void 0 && this.write(t, e), i && this.once("end", i), this[Q] = true, this.writable = false, (this[g] || !this[Qt]) && this[J](), this;
      }
      [Bt]() {
        this[S] || (!this[Rt] && !this[N].length && (this[C] = true), this[Qt] = false, this[g] = true, this.emit("resume"), this[b].length ? this[Ae]() : this[Q] ? this[J]() : this.emit("drain"));
      }
      resume() {
        return this[Bt]();
      }
      pause() {
        this[g] = false, this[Qt] = true, this[C] = false;
      }
      get destroyed() {
        return this[S];
      }
      get flowing() {
        return this[g];
      }
      get paused() {
        return this[Qt];
      }
      [bi](t) {
        this[L] ? this[_] += 1 : this[_] += t.length, this[b].push(t);
      }
      [Ie]() {
        return this[L] ? this[_] -= 1 : this[_] -= this[b][0].length, this[b].shift();
      }
      [Ae](t = false) {
        do
          ;
        while (this[As](this[Ie]()) && this[b].length);
        !t && !this[b].length && !this[Q] && this.emit("drain");
      }
      [As](t) {
        return this.emit("data", t), this[g];
      }
      pipe(t, e) {
        if (this[S]) return t;
        this[C] = false;
        let i = this[nt];
        return e = e || {}, t === Ds.stdout || t === Ds.stderr ? e.end = false : e.end = e.end !== false, e.proxyErrors = !!e.proxyErrors, i ? e.end && t.end() : (this[N].push(e.proxyErrors ? new Li(this, t, e) : new Fe(this, t, e)), this[Z] ? jt(() => this[Bt]()) : this[Bt]()), t;
      }
      unpipe(t) {
        let e = this[N].find((i) => i.dest === t);
        e && (this[N].length === 1 ? (this[g] && this[Rt] === 0 && (this[g] = false), this[N] = []) : this[N].splice(this[N].indexOf(e), 1), e.unpipe());
      }
      addListener(t, e) {
        return this.on(t, e);
      }
      on(t, e) {
        let i = super.on(t, e);
        if (t === "data") this[C] = false, this[Rt]++, !this[N].length && !this[g] && this[Bt]();
        else if (t === "readable" && this[_] !== 0) super.emit("readable");
        else if (Kr(t) && this[nt]) super.emit(t), this.removeAllListeners(t);
        else if (t === "error" && this[qt]) {
          let r = e;
          this[Z] ? jt(() => r.call(this, this[qt])) : r.call(this, this[qt]);
        }
        return i;
      }
      removeListener(t, e) {
        return this.off(t, e);
      }
      off(t, e) {
        let i = super.off(t, e);
        return t === "data" && (this[Rt] = this.listeners("data").length, this[Rt] === 0 && !this[C] && !this[N].length && (this[g] = false)), i;
      }
      removeAllListeners(t) {
        let e = super.removeAllListeners(t);
        return (t === "data" || t === void 0) && (this[Rt] = 0, !this[C] && !this[N].length && (this[g] = false)), e;
      }
      get emittedEnd() {
        return this[nt];
      }
      [J]() {
        !this[De] && !this[nt] && !this[S] && this[b].length === 0 && this[Q] && (this[De] = true, this.emit("end"), this.emit("prefinish"), this.emit("finish"), this[Ne] && this.emit("close"), this[De] = false);
      }
      emit(t, ...e) {
        let i = e[0];
        if (t !== "error" && t !== "close" && t !== S && this[S]) return false;
        if (t === "data") return !this[L] && !i ? false : this[Z] ? (jt(() => this[Oi](i)), true) : this[Oi](i);
        if (t === "end") return this[Is]();
        if (t === "close") {
          if (this[Ne] = true, !this[nt] && !this[S]) return false;
          let n = super.emit("close");
          return this.removeAllListeners("close"), n;
        } else if (t === "error") {
          this[qt] = i, super.emit(_i, i);
          let n = !this[Jt] || this.listeners("error").length ? super.emit("error", i) : false;
          return this[J](), n;
        } else if (t === "resume") {
          let n = super.emit("resume");
          return this[J](), n;
        } else if (t === "finish" || t === "prefinish") {
          let n = super.emit(t);
          return this.removeAllListeners(t), n;
        }
        let r = super.emit(t, ...e);
        return this[J](), r;
      }
      [Oi](t) {
        for (let i of this[N]) i.dest.write(t) === false && this.pause();
        let e = this[C] ? false : super.emit("data", t);
        return this[J](), e;
      }
      [Is]() {
        return this[nt] ? false : (this[nt] = true, this.readable = false, this[Z] ? (jt(() => this[Ti]()), true) : this[Ti]());
      }
      [Ti]() {
        if (this[Mt]) {
          let e = this[Mt].end();
          if (e) {
            for (let i of this[N]) i.dest.write(e);
            this[C] || super.emit("data", e);
          }
        }
        for (let e of this[N]) e.end();
        let t = super.emit("end");
        return this.removeAllListeners("end"), t;
      }
      async collect() {
        let t = Object.assign([], { dataLength: 0 });
        this[L] || (t.dataLength = 0);
        let e = this.promise();
        return this.on("data", (i) => {
          t.push(i), this[L] || (t.dataLength += i.length);
        }), await e, t;
      }
      async concat() {
        if (this[L]) throw new Error("cannot concat in objectMode");
        let t = await this.collect();
        return this[z] ? t.join("") : Buffer.concat(t, t.dataLength);
      }
      async promise() {
        return new Promise((t, e) => {
          this.on(S, () => e(new Error("stream destroyed"))), this.on("error", (i) => e(i)), this.on("end", () => t());
        });
      }
      [Symbol.asyncIterator]() {
        this[C] = false;
        let t = false, e = async () => (this.pause(), t = true, { value: void 0, done: true });
        return { next: () => {
          if (t) return e();
          let r = this.read();
          if (r !== null) return Promise.resolve({ done: false, value: r });
          if (this[Q]) return e();
          let n, o, h = (d) => {
            this.off("data", a), this.off("end", l), this.off(S, c), e(), o(d);
          }, a = (d) => {
            this.off("error", h), this.off("end", l), this.off(S, c), this.pause(), n({ value: d, done: !!this[Q] });
          }, l = () => {
            this.off("error", h), this.off("data", a), this.off(S, c), e(), n({ done: true, value: void 0 });
          }, c = () => h(new Error("stream destroyed"));
          return new Promise((d, y) => {
            o = y, n = d, this.once(S, c), this.once("error", h), this.once("end", l), this.once("data", a);
          });
        }, throw: e, return: e, [Symbol.asyncIterator]() {
          return this;
        }, [Symbol.asyncDispose]: async () => {
        } };
      }
      [Symbol.iterator]() {
        this[C] = false;
        let t = false, e = () => (this.pause(), this.off(_i, e), this.off(S, e), this.off("end", e), t = true, { done: true, value: void 0 }), i = () => {
          if (t) return e();
          let r = this.read();
          return r === null ? e() : { done: false, value: r };
        };
        return this.once("end", e), this.once(_i, e), this.once(S, e), { next: i, throw: e, return: e, [Symbol.iterator]() {
          return this;
        }, [Symbol.dispose]: () => {
        } };
      }
      destroy(t) {
        if (this[S]) return t ? this.emit("error", t) : this.emit(S), this;
        this[S] = true, this[C] = true, this[b].length = 0, this[_] = 0;
        let e = this;
        return typeof e.close == "function" && !this[Ne] && e.close(), t ? this.emit("error", t) : this.emit(S), this;
      }
      static get isStream() {
        return Wr;
      }
    };
    Jr = node_fs_default.writev;
    ht = /* @__PURE__ */ Symbol("_autoClose");
    H = /* @__PURE__ */ Symbol("_close");
    te = /* @__PURE__ */ Symbol("_ended");
    m = /* @__PURE__ */ Symbol("_fd");
    Ni = /* @__PURE__ */ Symbol("_finished");
    tt = /* @__PURE__ */ Symbol("_flags");
    Ai = /* @__PURE__ */ Symbol("_flush");
    ki = /* @__PURE__ */ Symbol("_handleChunk");
    vi = /* @__PURE__ */ Symbol("_makeBuf");
    ie = /* @__PURE__ */ Symbol("_mode");
    ke = /* @__PURE__ */ Symbol("_needDrain");
    Ut = /* @__PURE__ */ Symbol("_onerror");
    Ht = /* @__PURE__ */ Symbol("_onopen");
    Ii = /* @__PURE__ */ Symbol("_onread");
    Pt = /* @__PURE__ */ Symbol("_onwrite");
    at = /* @__PURE__ */ Symbol("_open");
    U = /* @__PURE__ */ Symbol("_path");
    ot = /* @__PURE__ */ Symbol("_pos");
    Y = /* @__PURE__ */ Symbol("_queue");
    zt = /* @__PURE__ */ Symbol("_read");
    Ci = /* @__PURE__ */ Symbol("_readSize");
    j = /* @__PURE__ */ Symbol("_reading");
    ee = /* @__PURE__ */ Symbol("_remain");
    Fi = /* @__PURE__ */ Symbol("_size");
    ve = /* @__PURE__ */ Symbol("_write");
    gt = /* @__PURE__ */ Symbol("_writing");
    Me = /* @__PURE__ */ Symbol("_defaultFlag");
    bt = /* @__PURE__ */ Symbol("_errored");
    _t = class extends A {
      [bt] = false;
      [m];
      [U];
      [Ci];
      [j] = false;
      [Fi];
      [ee];
      [ht];
      constructor(t, e) {
        if (e = e || {}, super(e), this.readable = true, this.writable = false, typeof t != "string") throw new TypeError("path must be a string");
        this[bt] = false, this[m] = typeof e.fd == "number" ? e.fd : void 0, this[U] = t, this[Ci] = e.readSize || 16 * 1024 * 1024, this[j] = false, this[Fi] = typeof e.size == "number" ? e.size : 1 / 0, this[ee] = this[Fi], this[ht] = typeof e.autoClose == "boolean" ? e.autoClose : true, typeof this[m] == "number" ? this[zt]() : this[at]();
      }
      get fd() {
        return this[m];
      }
      get path() {
        return this[U];
      }
      write() {
        throw new TypeError("this is a readable stream");
      }
      end() {
        throw new TypeError("this is a readable stream");
      }
      [at]() {
        node_fs_default.open(this[U], "r", (t, e) => this[Ht](t, e));
      }
      [Ht](t, e) {
        t ? this[Ut](t) : (this[m] = e, this.emit("open", e), this[zt]());
      }
      [vi]() {
        return Buffer.allocUnsafe(Math.min(this[Ci], this[ee]));
      }
      [zt]() {
        if (!this[j]) {
          this[j] = true;
          let t = this[vi]();
          if (t.length === 0) return process.nextTick(() => this[Ii](null, 0, t));
          node_fs_default.read(this[m], t, 0, t.length, null, (e, i, r) => this[Ii](e, i, r));
        }
      }
      [Ii](t, e, i) {
        this[j] = false, t ? this[Ut](t) : this[ki](e, i) && this[zt]();
      }
      [H]() {
        if (this[ht] && typeof this[m] == "number") {
          let t = this[m];
          this[m] = void 0, node_fs_default.close(t, (e) => e ? this.emit("error", e) : this.emit("close"));
        }
      }
      [Ut](t) {
        this[j] = true, this[H](), this.emit("error", t);
      }
      [ki](t, e) {
        let i = false;
        return this[ee] -= t, t > 0 && (i = super.write(t < e.length ? e.subarray(0, t) : e)), (t === 0 || this[ee] <= 0) && (i = false, this[H](), super.end()), i;
      }
      emit(t, ...e) {
        switch (t) {
          case "prefinish":
          case "finish":
            return false;
          case "drain":
            return typeof this[m] == "number" && this[zt](), false;
          case "error":
            return this[bt] ? false : (this[bt] = true, super.emit(t, ...e));
          default:
            return super.emit(t, ...e);
        }
      }
    };
    Be = class extends _t {
      [at]() {
        let t = true;
        try {
          this[Ht](null, node_fs_default.openSync(this[U], "r")), t = false;
        } finally {
          t && this[H]();
        }
      }
      [zt]() {
        let t = true;
        try {
          if (!this[j]) {
            this[j] = true;
            do {
              let e = this[vi](), i = e.length === 0 ? 0 : node_fs_default.readSync(this[m], e, 0, e.length, null);
              if (!this[ki](i, e)) break;
            } while (true);
            this[j] = false;
          }
          t = false;
        } finally {
          t && this[H]();
        }
      }
      [H]() {
        if (this[ht] && typeof this[m] == "number") {
          let t = this[m];
          this[m] = void 0, node_fs_default.closeSync(t), this.emit("close");
        }
      }
    };
    et = class extends Qr {
      readable = false;
      writable = true;
      [bt] = false;
      [gt] = false;
      [te] = false;
      [Y] = [];
      [ke] = false;
      [U];
      [ie];
      [ht];
      [m];
      [Me];
      [tt];
      [Ni] = false;
      [ot];
      constructor(t, e) {
        e = e || {}, super(e), this[U] = t, this[m] = typeof e.fd == "number" ? e.fd : void 0, this[ie] = e.mode === void 0 ? 438 : e.mode, this[ot] = typeof e.start == "number" ? e.start : void 0, this[ht] = typeof e.autoClose == "boolean" ? e.autoClose : true;
        let i = this[ot] !== void 0 ? "r+" : "w";
        this[Me] = e.flags === void 0, this[tt] = e.flags === void 0 ? i : e.flags, this[m] === void 0 && this[at]();
      }
      emit(t, ...e) {
        if (t === "error") {
          if (this[bt]) return false;
          this[bt] = true;
        }
        return super.emit(t, ...e);
      }
      get fd() {
        return this[m];
      }
      get path() {
        return this[U];
      }
      [Ut](t) {
        this[H](), this[gt] = true, this.emit("error", t);
      }
      [at]() {
        node_fs_default.open(this[U], this[tt], this[ie], (t, e) => this[Ht](t, e));
      }
      [Ht](t, e) {
        this[Me] && this[tt] === "r+" && t && t.code === "ENOENT" ? (this[tt] = "w", this[at]()) : t ? this[Ut](t) : (this[m] = e, this.emit("open", e), this[gt] || this[Ai]());
      }
      end(t, e) {
        return t && this.write(t, e), this[te] = true, !this[gt] && !this[Y].length && typeof this[m] == "number" && this[Pt](null, 0), this;
      }
      write(t, e) {
        return typeof t == "string" && (t = Buffer.from(t, e)), this[te] ? (this.emit("error", new Error("write() after end()")), false) : this[m] === void 0 || this[gt] || this[Y].length ? (this[Y].push(t), this[ke] = true, false) : (this[gt] = true, this[ve](t), true);
      }
      [ve](t) {
        node_fs_default.write(this[m], t, 0, t.length, this[ot], (e, i) => this[Pt](e, i));
      }
      [Pt](t, e) {
        t ? this[Ut](t) : (this[ot] !== void 0 && typeof e == "number" && (this[ot] += e), this[Y].length ? this[Ai]() : (this[gt] = false, this[te] && !this[Ni] ? (this[Ni] = true, this[H](), this.emit("finish")) : this[ke] && (this[ke] = false, this.emit("drain"))));
      }
      [Ai]() {
        if (this[Y].length === 0) this[te] && this[Pt](null, 0);
        else if (this[Y].length === 1) this[ve](this[Y].pop());
        else {
          let t = this[Y];
          this[Y] = [], Jr(this[m], t, this[ot], (e, i) => this[Pt](e, i));
        }
      }
      [H]() {
        if (this[ht] && typeof this[m] == "number") {
          let t = this[m];
          this[m] = void 0, node_fs_default.close(t, (e) => e ? this.emit("error", e) : this.emit("close"));
        }
      }
    };
    Wt = class extends et {
      [at]() {
        let t;
        if (this[Me] && this[tt] === "r+") try {
          t = node_fs_default.openSync(this[U], this[tt], this[ie]);
        } catch (e) {
          if (e?.code === "ENOENT") return this[tt] = "w", this[at]();
          throw e;
        }
        else t = node_fs_default.openSync(this[U], this[tt], this[ie]);
        this[Ht](null, t);
      }
      [H]() {
        if (this[ht] && typeof this[m] == "number") {
          let t = this[m];
          this[m] = void 0, node_fs_default.closeSync(t), this.emit("close");
        }
      }
      [ve](t) {
        let e = true;
        try {
          this[Pt](null, node_fs_default.writeSync(this[m], t, 0, t.length, this[ot])), e = false;
        } finally {
          if (e) try {
            this[H]();
          } catch {
          }
        }
      }
    };
    jr = /* @__PURE__ */ new Map([["C", "cwd"], ["f", "file"], ["z", "gzip"], ["P", "preservePaths"], ["U", "unlink"], ["strip-components", "strip"], ["stripComponents", "strip"], ["keep-newer", "newer"], ["keepNewer", "newer"], ["keep-newer-files", "newer"], ["keepNewerFiles", "newer"], ["k", "keep"], ["keep-existing", "keep"], ["keepExisting", "keep"], ["m", "noMtime"], ["no-mtime", "noMtime"], ["p", "preserveOwner"], ["L", "follow"], ["h", "follow"], ["onentry", "onReadEntry"]]);
    Fs = (s3) => !!s3.sync && !!s3.file;
    ks = (s3) => !s3.sync && !!s3.file;
    vs = (s3) => !!s3.sync && !s3.file;
    Ms = (s3) => !s3.sync && !s3.file;
    Bs = (s3) => !!s3.file;
    tn = (s3) => {
      let t = jr.get(s3);
      return t || s3;
    };
    se = (s3 = {}) => {
      if (!s3) return {};
      let t = {};
      for (let [e, i] of Object.entries(s3)) {
        let r = tn(e);
        t[r] = i;
      }
      return t.chmod === void 0 && t.noChmod === false && (t.chmod = true), delete t.noChmod, t;
    };
    K = (s3, t, e, i, r) => Object.assign((n = [], o, h) => {
      Array.isArray(n) && (o = n, n = {}), typeof o == "function" && (h = o, o = void 0), o = o ? Array.from(o) : [];
      let a = se(n);
      if (r?.(a, o), Fs(a)) {
        if (typeof h == "function") throw new TypeError("callback not supported for sync tar functions");
        return s3(a, o);
      } else if (ks(a)) {
        let l = t(a, o);
        return h ? l.then(() => h(), h) : l;
      } else if (vs(a)) {
        if (typeof h == "function") throw new TypeError("callback not supported for sync tar functions");
        return e(a, o);
      } else if (Ms(a)) {
        if (typeof h == "function") throw new TypeError("callback only supported with file option");
        return i(a, o);
      }
      throw new Error("impossible options??");
    }, { syncFile: s3, asyncFile: t, syncNoFile: e, asyncNoFile: i, validate: r });
    sn = en.constants || { ZLIB_VERNUM: 4736 };
    M = Object.freeze(Object.assign(/* @__PURE__ */ Object.create(null), { Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: 1 / 0, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_PARAM_LGWIN: 2, BROTLI_PARAM_LGBLOCK: 3, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1, BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6, BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10, BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12, BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14, BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16, BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20, BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22, BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30, BROTLI_DECODER_ERROR_UNREACHABLE: -31 }, sn));
    rn = Ot.concat;
    zs = Object.getOwnPropertyDescriptor(Ot, "concat");
    nn = (s3) => s3;
    Bi = zs?.writable === true || zs?.set !== void 0 ? (s3) => {
      Ot.concat = s3 ? nn : rn;
    } : (s3) => {
    };
    Tt = /* @__PURE__ */ Symbol("_superWrite");
    Gt = class extends Error {
      code;
      errno;
      constructor(t, e) {
        super("zlib: " + t.message, { cause: t }), this.code = t.code, this.errno = t.errno, this.code || (this.code = "ZLIB_ERROR"), this.message = "zlib: " + t.message, Error.captureStackTrace(this, e ?? this.constructor);
      }
      get name() {
        return "ZlibError";
      }
    };
    Pi = /* @__PURE__ */ Symbol("flushFlag");
    re = class extends A {
      #t = false;
      #i = false;
      #s;
      #n;
      #r;
      #e;
      #o;
      get sawError() {
        return this.#t;
      }
      get handle() {
        return this.#e;
      }
      get flushFlag() {
        return this.#s;
      }
      constructor(t, e) {
        if (!t || typeof t != "object") throw new TypeError("invalid options for ZlibBase constructor");
        if (super(t), this.#s = t.flush ?? 0, this.#n = t.finishFlush ?? 0, this.#r = t.fullFlushFlag ?? 0, typeof Ps[e] != "function") throw new TypeError("Compression method not supported: " + e);
        try {
          this.#e = new Ps[e](t);
        } catch (i) {
          throw new Gt(i, this.constructor);
        }
        this.#o = (i) => {
          this.#t || (this.#t = true, this.close(), this.emit("error", i));
        }, this.#e?.on("error", (i) => this.#o(new Gt(i))), this.once("end", () => this.close);
      }
      close() {
        this.#e && (this.#e.close(), this.#e = void 0, this.emit("close"));
      }
      reset() {
        if (!this.#t) return zi(this.#e, "zlib binding closed"), this.#e.reset?.();
      }
      flush(t) {
        this.ended || (typeof t != "number" && (t = this.#r), this.write(Object.assign(Ot.alloc(0), { [Pi]: t })));
      }
      end(t, e, i) {
        return typeof t == "function" && (i = t, e = void 0, t = void 0), typeof e == "function" && (i = e, e = void 0), t && (e ? this.write(t, e) : this.write(t)), this.flush(this.#n), this.#i = true, super.end(i);
      }
      get ended() {
        return this.#i;
      }
      [Tt](t) {
        return super.write(t);
      }
      write(t, e, i) {
        if (typeof e == "function" && (i = e, e = "utf8"), typeof t == "string" && (t = Ot.from(t, e)), this.#t) return;
        zi(this.#e, "zlib binding closed");
        let r = this.#e._handle, n = r.close;
        r.close = () => {
        };
        let o = this.#e.close;
        this.#e.close = () => {
        }, Bi(true);
        let h;
        try {
          let l = typeof t[Pi] == "number" ? t[Pi] : this.#s;
          h = this.#e._processChunk(t, l), Bi(false);
        } catch (l) {
          Bi(false), this.#o(new Gt(l, this.write));
        } finally {
          this.#e && (this.#e._handle = r, r.close = n, this.#e.close = o, this.#e.removeAllListeners("error"));
        }
        this.#e && this.#e.on("error", (l) => this.#o(new Gt(l, this.write)));
        let a;
        if (h) if (Array.isArray(h) && h.length > 0) {
          let l = h[0];
          a = this[Tt](Ot.from(l));
          for (let c = 1; c < h.length; c++) a = this[Tt](h[c]);
        } else a = this[Tt](Ot.from(h));
        return i && i(), a;
      }
    };
    Pe = class extends re {
      #t;
      #i;
      constructor(t, e) {
        t = t || {}, t.flush = t.flush || M.Z_NO_FLUSH, t.finishFlush = t.finishFlush || M.Z_FINISH, t.fullFlushFlag = M.Z_FULL_FLUSH, super(t, e), this.#t = t.level, this.#i = t.strategy;
      }
      params(t, e) {
        if (!this.sawError) {
          if (!this.handle) throw new Error("cannot switch params when binding is closed");
          if (!this.handle.params) throw new Error("not supported in this implementation");
          if (this.#t !== t || this.#i !== e) {
            this.flush(M.Z_SYNC_FLUSH), zi(this.handle, "zlib binding closed");
            let i = this.handle.flush;
            this.handle.flush = (r, n) => {
              typeof r == "function" && (n = r, r = this.flushFlag), this.flush(r), n?.();
            };
            try {
              this.handle.params(t, e);
            } finally {
              this.handle.flush = i;
            }
            this.handle && (this.#t = t, this.#i = e);
          }
        }
      }
    };
    ze = class extends Pe {
      #t;
      constructor(t) {
        super(t, "Gzip"), this.#t = t && !!t.portable;
      }
      [Tt](t) {
        return this.#t ? (this.#t = false, t[9] = 255, super[Tt](t)) : super[Tt](t);
      }
    };
    Ue = class extends Pe {
      constructor(t) {
        super(t, "Unzip");
      }
    };
    He = class extends re {
      constructor(t, e) {
        t = t || {}, t.flush = t.flush || M.BROTLI_OPERATION_PROCESS, t.finishFlush = t.finishFlush || M.BROTLI_OPERATION_FINISH, t.fullFlushFlag = M.BROTLI_OPERATION_FLUSH, super(t, e);
      }
    };
    We = class extends He {
      constructor(t) {
        super(t, "BrotliCompress");
      }
    };
    Ge = class extends He {
      constructor(t) {
        super(t, "BrotliDecompress");
      }
    };
    Ze = class extends re {
      constructor(t, e) {
        t = t || {}, t.flush = t.flush || M.ZSTD_e_continue, t.finishFlush = t.finishFlush || M.ZSTD_e_end, t.fullFlushFlag = M.ZSTD_e_flush, super(t, e);
      }
    };
    Ye = class extends Ze {
      constructor(t) {
        super(t, "ZstdCompress");
      }
    };
    Ke = class extends Ze {
      constructor(t) {
        super(t, "ZstdDecompress");
      }
    };
    Us = (s3, t) => {
      if (Number.isSafeInteger(s3)) s3 < 0 ? an(s3, t) : hn(s3, t);
      else throw Error("cannot encode number outside of javascript safe integer range");
      return t;
    };
    hn = (s3, t) => {
      t[0] = 128;
      for (var e = t.length; e > 1; e--) t[e - 1] = s3 & 255, s3 = Math.floor(s3 / 256);
    };
    an = (s3, t) => {
      t[0] = 255;
      var e = false;
      s3 = s3 * -1;
      for (var i = t.length; i > 1; i--) {
        var r = s3 & 255;
        s3 = Math.floor(s3 / 256), e ? t[i - 1] = Ws(r) : r === 0 ? t[i - 1] = 0 : (e = true, t[i - 1] = Gs(r));
      }
    };
    Hs = (s3) => {
      let t = s3[0], e = t === 128 ? cn(s3.subarray(1, s3.length)) : t === 255 ? ln(s3) : null;
      if (e === null) throw Error("invalid base256 encoding");
      if (!Number.isSafeInteger(e)) throw Error("parsed number outside of javascript safe integer range");
      return e;
    };
    ln = (s3) => {
      for (var t = s3.length, e = 0, i = false, r = t - 1; r > -1; r--) {
        var n = Number(s3[r]), o;
        i ? o = Ws(n) : n === 0 ? o = n : (i = true, o = Gs(n)), o !== 0 && (e -= o * Math.pow(256, t - r - 1));
      }
      return e;
    };
    cn = (s3) => {
      for (var t = s3.length, e = 0, i = t - 1; i > -1; i--) {
        var r = Number(s3[i]);
        r !== 0 && (e += r * Math.pow(256, t - i - 1));
      }
      return e;
    };
    Ws = (s3) => (255 ^ s3) & 255;
    Gs = (s3) => (255 ^ s3) + 1 & 255;
    Hi = {};
    Ur(Hi, { code: () => Ve, isCode: () => ne, isName: () => dn, name: () => oe, normalFsTypes: () => Ui });
    ne = (s3) => oe.has(s3);
    dn = (s3) => Ve.has(s3);
    Ui = /* @__PURE__ */ new Set(["0", "", "1", "2", "3", "4", "5", "6", "7", "D"]);
    oe = /* @__PURE__ */ new Map([["0", "File"], ["", "OldFile"], ["1", "Link"], ["2", "SymbolicLink"], ["3", "CharacterDevice"], ["4", "BlockDevice"], ["5", "Directory"], ["6", "FIFO"], ["7", "ContiguousFile"], ["g", "GlobalExtendedHeader"], ["x", "ExtendedHeader"], ["A", "SolarisACL"], ["D", "GNUDumpDir"], ["I", "Inode"], ["K", "NextFileHasLongLinkpath"], ["L", "NextFileHasLongPath"], ["M", "ContinuationFile"], ["N", "OldGnuLongPath"], ["S", "SparseFile"], ["V", "TapeVolumeHeader"], ["X", "OldExtendedHeader"]]);
    Ve = new Map(Array.from(oe).map((s3) => [s3[1], s3[0]]));
    un = (s3) => s3 === void 0 || s3 < 0 ? void 0 : s3;
    F = class {
      cksumValid = false;
      needPax = false;
      nullBlock = false;
      block;
      path;
      mode;
      uid;
      gid;
      size;
      cksum;
      #t = "Unsupported";
      linkpath;
      uname;
      gname;
      devmaj = 0;
      devmin = 0;
      atime;
      ctime;
      mtime;
      charset;
      comment;
      constructor(t, e = 0, i, r) {
        Buffer.isBuffer(t) ? this.decode(t, e || 0, i, r) : t && this.#i(t);
      }
      decode(t, e, i, r) {
        if (e || (e = 0), !t || !(t.length >= e + 512)) throw new Error("need 512 bytes for header");
        let n = xt(t, e + 156, 1), o = Ui.has(n), h = o ? i : void 0, a = o ? r : void 0;
        if (this.path = h?.path ?? xt(t, e, 100), this.mode = h?.mode ?? a?.mode ?? lt(t, e + 100, 8), this.uid = h?.uid ?? a?.uid ?? lt(t, e + 108, 8), this.gid = h?.gid ?? a?.gid ?? lt(t, e + 116, 8), this.size = un(h?.size ?? a?.size ?? lt(t, e + 124, 12)), this.mtime = h?.mtime ?? a?.mtime ?? Wi(t, e + 136, 12), this.cksum = lt(t, e + 148, 12), a && this.#i(a, true), h && this.#i(h), ne(n) && (this.#t = n || "0"), this.#t === "0" && this.path.slice(-1) === "/" && (this.#t = "5"), this.#t === "5" && (this.size = 0), this.linkpath = xt(t, e + 157, 100), t.subarray(e + 257, e + 265).toString() === "ustar\x0000") if (this.uname = h?.uname ?? a?.uname ?? xt(t, e + 265, 32), this.gname = h?.gname ?? a?.gname ?? xt(t, e + 297, 32), this.devmaj = h?.devmaj ?? a?.devmaj ?? lt(t, e + 329, 8) ?? 0, this.devmin = h?.devmin ?? a?.devmin ?? lt(t, e + 337, 8) ?? 0, t[e + 475] !== 0) {
          let c = xt(t, e + 345, 155);
          this.path = c + "/" + this.path;
        } else {
          let c = xt(t, e + 345, 130);
          c && (this.path = c + "/" + this.path), this.atime = i?.atime ?? r?.atime ?? Wi(t, e + 476, 12), this.ctime = i?.ctime ?? r?.ctime ?? Wi(t, e + 488, 12);
        }
        let l = 256;
        for (let c = e; c < e + 148; c++) l += t[c];
        for (let c = e + 156; c < e + 512; c++) l += t[c];
        this.cksumValid = l === this.cksum, this.cksum === void 0 && l === 256 && (this.nullBlock = true);
      }
      #i(t, e = false) {
        Object.assign(this, Object.fromEntries(Object.entries(t).filter(([i, r]) => !(r == null || i === "size" && Number(r) < 0 || i === "path" && e || i === "linkpath" && e || i === "global"))));
      }
      encode(t, e = 0) {
        if (t || (t = this.block = Buffer.alloc(512)), this.#t === "Unsupported" && (this.#t = "0"), !(t.length >= e + 512)) throw new Error("need 512 bytes for header");
        let i = this.ctime || this.atime ? 130 : 155, r = mn(this.path || "", i), n = r[0], o = r[1];
        this.needPax = !!r[2], this.needPax = Lt(t, e, 100, n) || this.needPax, this.needPax = ct(t, e + 100, 8, this.mode) || this.needPax, this.needPax = ct(t, e + 108, 8, this.uid) || this.needPax, this.needPax = ct(t, e + 116, 8, this.gid) || this.needPax, this.needPax = ct(t, e + 124, 12, this.size) || this.needPax, this.needPax = Gi(t, e + 136, 12, this.mtime) || this.needPax, t[e + 156] = Number(this.#t.codePointAt(0)), this.needPax = Lt(t, e + 157, 100, this.linkpath) || this.needPax, t.write("ustar\x0000", e + 257, 8), this.needPax = Lt(t, e + 265, 32, this.uname) || this.needPax, this.needPax = Lt(t, e + 297, 32, this.gname) || this.needPax, this.needPax = ct(t, e + 329, 8, this.devmaj) || this.needPax, this.needPax = ct(t, e + 337, 8, this.devmin) || this.needPax, this.needPax = Lt(t, e + 345, i, o) || this.needPax, t[e + 475] !== 0 ? this.needPax = Lt(t, e + 345, 155, o) || this.needPax : (this.needPax = Lt(t, e + 345, 130, o) || this.needPax, this.needPax = Gi(t, e + 476, 12, this.atime) || this.needPax, this.needPax = Gi(t, e + 488, 12, this.ctime) || this.needPax);
        let h = 256;
        for (let a = e; a < e + 148; a++) h += t[a];
        for (let a = e + 156; a < e + 512; a++) h += t[a];
        return this.cksum = h, ct(t, e + 148, 8, this.cksum), this.cksumValid = true, this.needPax;
      }
      get type() {
        return this.#t === "Unsupported" ? this.#t : oe.get(this.#t);
      }
      get typeKey() {
        return this.#t;
      }
      set type(t) {
        let e = String(Ve.get(t));
        if (ne(e) || e === "Unsupported") this.#t = e;
        else if (ne(t)) this.#t = t;
        else throw new TypeError("invalid entry type: " + t);
      }
    };
    mn = (s3, t) => {
      let i = s3, r = "", n, o = Zt.parse(s3).root || ".";
      if (Buffer.byteLength(i) < 100) n = [i, r, false];
      else {
        r = Zt.dirname(i), i = Zt.basename(i);
        do
          Buffer.byteLength(i) <= 100 && Buffer.byteLength(r) <= t ? n = [i, r, false] : Buffer.byteLength(i) > 100 && Buffer.byteLength(r) <= t ? n = [i.slice(0, 99), r, true] : (i = Zt.join(Zt.basename(r), i), r = Zt.dirname(r));
        while (r !== o && n === void 0);
        n || (n = [s3.slice(0, 99), "", true]);
      }
      return n;
    };
    xt = (s3, t, e) => s3.subarray(t, t + e).toString("utf8").replace(/\0.*/, "");
    Wi = (s3, t, e) => pn(lt(s3, t, e));
    pn = (s3) => s3 === void 0 ? void 0 : new Date(s3 * 1e3);
    lt = (s3, t, e) => Number(s3[t]) & 128 ? Hs(s3.subarray(t, t + e)) : wn(s3, t, e);
    En = (s3) => isNaN(s3) ? void 0 : s3;
    wn = (s3, t, e) => En(parseInt(s3.subarray(t, t + e).toString("utf8").replace(/\0.*$/, "").trim(), 8));
    Sn = { 12: 8589934591, 8: 2097151 };
    ct = (s3, t, e, i) => i === void 0 ? false : i > Sn[e] || i < 0 ? (Us(i, s3.subarray(t, t + e)), true) : (yn(s3, t, e, i), false);
    yn = (s3, t, e, i) => s3.write(Rn(i, e), t, e, "ascii");
    Rn = (s3, t) => gn(Math.floor(s3).toString(8), t);
    gn = (s3, t) => (s3.length === t - 1 ? s3 : new Array(t - s3.length - 1).join("0") + s3 + " ") + "\0";
    Gi = (s3, t, e, i) => i === void 0 ? false : ct(s3, t, e, i.getTime() / 1e3);
    bn = new Array(156).join("\0");
    Lt = (s3, t, e, i) => i === void 0 ? false : (s3.write(i + bn, t, e, "utf8"), i.length !== Buffer.byteLength(i) || i.length > e);
    ft = class s {
      atime;
      mtime;
      ctime;
      charset;
      comment;
      gid;
      uid;
      gname;
      uname;
      linkpath;
      dev;
      ino;
      nlink;
      path;
      size;
      mode;
      global;
      constructor(t, e = false) {
        this.atime = t.atime, this.charset = t.charset, this.comment = t.comment, this.ctime = t.ctime, this.dev = t.dev, this.gid = t.gid, this.global = e, this.gname = t.gname, this.ino = t.ino, this.linkpath = t.linkpath, this.mtime = t.mtime, this.nlink = t.nlink, this.path = t.path, this.size = t.size, this.uid = t.uid, this.uname = t.uname;
      }
      encode() {
        let t = this.encodeBody();
        if (t === "") return Buffer.allocUnsafe(0);
        let e = Buffer.byteLength(t), i = 512 * Math.ceil(1 + e / 512), r = Buffer.allocUnsafe(i);
        for (let n = 0; n < 512; n++) r[n] = 0;
        new F({ path: ("PaxHeader/" + _n(this.path ?? "")).slice(0, 99), mode: this.mode || 420, uid: this.uid, gid: this.gid, size: e, mtime: this.mtime, type: this.global ? "GlobalExtendedHeader" : "ExtendedHeader", linkpath: "", uname: this.uname || "", gname: this.gname || "", devmaj: 0, devmin: 0, atime: this.atime, ctime: this.ctime }).encode(r), r.write(t, 512, e, "utf8");
        for (let n = e + 512; n < r.length; n++) r[n] = 0;
        return r;
      }
      encodeBody() {
        return this.encodeField("path") + this.encodeField("ctime") + this.encodeField("atime") + this.encodeField("dev") + this.encodeField("ino") + this.encodeField("nlink") + this.encodeField("charset") + this.encodeField("comment") + this.encodeField("gid") + this.encodeField("gname") + this.encodeField("linkpath") + this.encodeField("mtime") + this.encodeField("size") + this.encodeField("uid") + this.encodeField("uname");
      }
      encodeField(t) {
        if (this[t] === void 0) return "";
        let e = this[t], i = e instanceof Date ? e.getTime() / 1e3 : e, r = " " + (t === "dev" || t === "ino" || t === "nlink" ? "SCHILY." : "") + t + "=" + i + `
`, n = Buffer.byteLength(r), o = Math.floor(Math.log(n) / Math.log(10)) + 1;
        return n + o >= Math.pow(10, o) && (o += 1), o + n + r;
      }
      static parse(t, e, i = false) {
        return new s(On(Tn(t), e), i);
      }
    };
    On = (s3, t) => t ? Object.assign({}, t, s3) : s3;
    Tn = (s3) => s3.replace(/\n$/, "").split(`
`).reduce(xn, /* @__PURE__ */ Object.create(null));
    xn = (s3, t) => {
      let e = parseInt(t, 10);
      if (e !== Buffer.byteLength(t) + 1) return s3;
      t = t.slice((e + " ").length);
      let i = t.split("="), r = i.shift();
      if (!r) return s3;
      let n = r.replace(/^SCHILY\.(dev|ino|nlink)/, "$1"), o = i.join("=").replace(/\0.*/, "");
      switch (n) {
        case "path":
        case "linkpath":
        case "type":
        case "charset":
        case "comment":
        case "gname":
        case "uname":
          s3[n] = o;
          break;
        case "ctime":
        case "atime":
        case "mtime":
          s3[n] = new Date(Number(o) * 1e3);
          break;
        case "size":
          let h = +o;
          h >= 0 && (s3[n] = h);
          break;
        case "gid":
        case "uid":
        case "dev":
        case "ino":
        case "nlink":
        case "mode":
          s3[n] = +o;
          break;
      }
      return s3;
    };
    Ln = process.env.TESTING_TAR_FAKE_PLATFORM || process.platform;
    f = Ln !== "win32" ? (s3) => String(s3) : (s3) => String(s3).replaceAll(/\\/g, "/");
    $e = class extends A {
      extended;
      globalExtended;
      header;
      startBlockSize;
      blockRemain;
      remain;
      type;
      meta = false;
      ignore = false;
      path;
      mode;
      uid;
      gid;
      uname;
      gname;
      size = 0;
      mtime;
      atime;
      ctime;
      linkpath;
      dev;
      ino;
      nlink;
      invalid = false;
      absolute;
      unsupported = false;
      constructor(t, e, i) {
        switch (super({}), this.pause(), this.extended = e, this.globalExtended = i, this.header = t, this.remain = t.size ?? 0, this.startBlockSize = 512 * Math.ceil(this.remain / 512), this.blockRemain = this.startBlockSize, this.type = t.type, this.type) {
          case "File":
          case "OldFile":
          case "Link":
          case "SymbolicLink":
          case "CharacterDevice":
          case "BlockDevice":
          case "Directory":
          case "FIFO":
          case "ContiguousFile":
          case "GNUDumpDir":
            break;
          case "NextFileHasLongLinkpath":
          case "NextFileHasLongPath":
          case "OldGnuLongPath":
          case "GlobalExtendedHeader":
          case "ExtendedHeader":
          case "OldExtendedHeader":
            this.meta = true;
            break;
          default:
            this.ignore = true;
        }
        if (!t.path) throw new Error("no path provided for tar.ReadEntry");
        this.path = f(t.path), this.mode = t.mode, this.mode && (this.mode = this.mode & 4095), this.uid = t.uid, this.gid = t.gid, this.uname = t.uname, this.gname = t.gname, this.size = this.remain, this.mtime = t.mtime, this.atime = t.atime, this.ctime = t.ctime, this.linkpath = t.linkpath ? f(t.linkpath) : void 0, this.uname = t.uname, this.gname = t.gname, e && this.#t(e), i && this.#t(i, true);
      }
      write(t) {
        let e = t.length;
        if (e > this.blockRemain) throw new Error("writing more to entry than is appropriate");
        let i = this.remain, r = this.blockRemain;
        return this.remain = Math.max(0, i - e), this.blockRemain = Math.max(0, r - e), this.ignore ? true : i >= e ? super.write(t) : super.write(t.subarray(0, i));
      }
      #t(t, e = false) {
        t.path && (t.path = f(t.path)), t.linkpath && (t.linkpath = f(t.linkpath)), Object.assign(this, Object.fromEntries(Object.entries(t).filter(([i, r]) => !(r == null || i === "path" && e))));
      }
    };
    Dt = (s3, t, e, i = {}) => {
      s3.file && (i.file = s3.file), s3.cwd && (i.cwd = s3.cwd), i.code = e instanceof Error && e.code || t, i.tarCode = t, !s3.strict && i.recoverable !== false ? (e instanceof Error && (i = Object.assign(e, i), e = e.message), s3.emit("warn", t, e, i)) : e instanceof Error ? s3.emit("error", Object.assign(e, i)) : s3.emit("error", Object.assign(new Error(`${t}: ${e}`), i));
    };
    Nn = 1024 * 1024;
    Xi = Buffer.from([31, 139]);
    qi = Buffer.from([40, 181, 47, 253]);
    An = Math.max(Xi.length, qi.length);
    B = /* @__PURE__ */ Symbol("state");
    Nt = /* @__PURE__ */ Symbol("writeEntry");
    it = /* @__PURE__ */ Symbol("readEntry");
    Zi = /* @__PURE__ */ Symbol("nextEntry");
    Zs = /* @__PURE__ */ Symbol("processEntry");
    V = /* @__PURE__ */ Symbol("extendedHeader");
    he = /* @__PURE__ */ Symbol("globalExtendedHeader");
    dt = /* @__PURE__ */ Symbol("meta");
    Ys = /* @__PURE__ */ Symbol("emitMeta");
    p = /* @__PURE__ */ Symbol("buffer");
    st = /* @__PURE__ */ Symbol("queue");
    ut = /* @__PURE__ */ Symbol("ended");
    Yi = /* @__PURE__ */ Symbol("emittedEnd");
    At = /* @__PURE__ */ Symbol("emit");
    w = /* @__PURE__ */ Symbol("unzip");
    Xe = /* @__PURE__ */ Symbol("consumeChunk");
    qe = /* @__PURE__ */ Symbol("consumeChunkSub");
    Ki = /* @__PURE__ */ Symbol("consumeBody");
    Ks = /* @__PURE__ */ Symbol("consumeMeta");
    Vs = /* @__PURE__ */ Symbol("consumeHeader");
    ae = /* @__PURE__ */ Symbol("consuming");
    Vi = /* @__PURE__ */ Symbol("bufferConcat");
    Qe = /* @__PURE__ */ Symbol("maybeEnd");
    Yt = /* @__PURE__ */ Symbol("writing");
    $ = /* @__PURE__ */ Symbol("aborted");
    Je = /* @__PURE__ */ Symbol("onDone");
    It = /* @__PURE__ */ Symbol("sawValidEntry");
    je = /* @__PURE__ */ Symbol("sawNullBlock");
    ti = /* @__PURE__ */ Symbol("sawEOF");
    $s = /* @__PURE__ */ Symbol("closeStream");
    In = 1e3;
    le = /* @__PURE__ */ Symbol("compressedBytesRead");
    $i = /* @__PURE__ */ Symbol("decompressedBytesRead");
    Xs = /* @__PURE__ */ Symbol("checkDecompressionRatio");
    Cn = () => true;
    rt = class extends Dn {
      file;
      strict;
      maxMetaEntrySize;
      filter;
      brotli;
      zstd;
      maxDecompressionRatio;
      writable = true;
      readable = false;
      [st] = [];
      [p];
      [it];
      [Nt];
      [B] = "begin";
      [dt] = "";
      [V];
      [he];
      [ut] = false;
      [w];
      [$] = false;
      [It];
      [je] = false;
      [ti] = false;
      [Yt] = false;
      [ae] = false;
      [Yi] = false;
      [le] = 0;
      [$i] = 0;
      constructor(t = {}) {
        super(), this.file = t.file || "", this.on(Je, () => {
          (this[B] === "begin" || this[It] === false) && this.warn("TAR_BAD_ARCHIVE", "Unrecognized archive format");
        }), t.ondone ? this.on(Je, t.ondone) : this.on(Je, () => {
          this.emit("prefinish"), this.emit("finish"), this.emit("end");
        }), this.strict = !!t.strict, this.maxDecompressionRatio = typeof t.maxDecompressionRatio == "number" ? t.maxDecompressionRatio : In, this.maxMetaEntrySize = t.maxMetaEntrySize || Nn, this.filter = typeof t.filter == "function" ? t.filter : Cn;
        let e = t.file && (t.file.endsWith(".tar.br") || t.file.endsWith(".tbr"));
        this.brotli = !(t.gzip || t.zstd) && t.brotli !== void 0 ? t.brotli : e ? void 0 : false;
        let i = t.file && (t.file.endsWith(".tar.zst") || t.file.endsWith(".tzst"));
        this.zstd = !(t.gzip || t.brotli) && t.zstd !== void 0 ? t.zstd : i ? true : void 0, this.on("end", () => this[$s]()), typeof t.onwarn == "function" && this.on("warn", t.onwarn), typeof t.onReadEntry == "function" && this.on("entry", t.onReadEntry);
      }
      warn(t, e, i = {}) {
        Dt(this, t, e, i);
      }
      [Vs](t, e) {
        this[It] === void 0 && (this[It] = false);
        let i;
        try {
          i = new F(t, e, this[V], this[he]);
        } catch (r) {
          return this.warn("TAR_ENTRY_INVALID", r);
        }
        if (i.nullBlock) this[je] ? (this[ti] = true, this[B] === "begin" && (this[B] = "header"), this[At]("eof")) : (this[je] = true, this[At]("nullBlock"));
        else if (this[je] = false, !i.cksumValid) this.warn("TAR_ENTRY_INVALID", "checksum failure", { header: i });
        else if (!i.path) this.warn("TAR_ENTRY_INVALID", "path is required", { header: i });
        else {
          let r = i.type;
          if (/^(Symbolic)?Link$/.test(r) && !i.linkpath) this.warn("TAR_ENTRY_INVALID", "linkpath required", { header: i });
          else if (!/^(Symbolic)?Link$/.test(r) && !/^(Global)?ExtendedHeader$/.test(r) && i.linkpath) this.warn("TAR_ENTRY_INVALID", "linkpath forbidden", { header: i });
          else {
            let n = this[Nt] = new $e(i, this[V], this[he]);
            if (!this[It]) if (n.remain) {
              let o = () => {
                n.invalid || (this[It] = true);
              };
              n.on("end", o);
            } else this[It] = true;
            n.meta ? n.size > this.maxMetaEntrySize ? (n.ignore = true, this[At]("ignoredEntry", n), this[B] = "ignore", n.resume()) : n.size > 0 && (this[dt] = "", n.on("data", (o) => this[dt] += o), this[B] = "meta") : (this[V] = void 0, n.ignore = n.ignore || !this.filter(n.path, n), n.ignore ? (this[At]("ignoredEntry", n), this[B] = n.remain ? "ignore" : "header", n.resume()) : (n.remain ? this[B] = "body" : (this[B] = "header", n.end()), this[it] ? this[st].push(n) : (this[st].push(n), this[Zi]())));
          }
        }
      }
      [$s]() {
        queueMicrotask(() => this.emit("close"));
      }
      [Zs](t) {
        let e = true;
        if (!t) this[it] = void 0, e = false;
        else if (Array.isArray(t)) {
          let [i, ...r] = t;
          this.emit(i, ...r);
        } else this[it] = t, this.emit("entry", t), t.emittedEnd || (t.on("end", () => this[Zi]()), e = false);
        return e;
      }
      [Zi]() {
        do
          ;
        while (this[Zs](this[st].shift()));
        if (this[st].length === 0) {
          let t = this[it];
          !t || t.flowing || t.size === t.remain ? this[Yt] || this.emit("drain") : t.once("drain", () => this.emit("drain"));
        }
      }
      [Ki](t, e) {
        let i = this[Nt];
        if (!i) throw new Error("attempt to consume body without entry??");
        let r = i.blockRemain ?? 0, n = r >= t.length && e === 0 ? t : t.subarray(e, e + r);
        return i.write(n), i.blockRemain || (this[B] = "header", this[Nt] = void 0, i.end()), n.length;
      }
      [Ks](t, e) {
        let i = this[Nt], r = this[Ki](t, e);
        return !this[Nt] && i && this[Ys](i), r;
      }
      [At](t, e, i) {
        this[st].length === 0 && !this[it] ? this.emit(t, e, i) : this[st].push([t, e, i]);
      }
      [Ys](t) {
        switch (this[At]("meta", this[dt]), t.type) {
          case "ExtendedHeader":
          case "OldExtendedHeader":
            this[V] = ft.parse(this[dt], this[V], false);
            break;
          case "GlobalExtendedHeader":
            this[he] = ft.parse(this[dt], this[he], true);
            break;
          case "NextFileHasLongPath":
          case "OldGnuLongPath": {
            let e = this[V] ?? /* @__PURE__ */ Object.create(null);
            this[V] = e, e.path = this[dt].replace(/\0.*/, "");
            break;
          }
          case "NextFileHasLongLinkpath": {
            let e = this[V] || /* @__PURE__ */ Object.create(null);
            this[V] = e, e.linkpath = this[dt].replace(/\0.*/, "");
            break;
          }
          default:
            throw new Error("unknown meta: " + t.type);
        }
      }
      abort(t) {
        if (!this[$]) {
          if (this[w]) {
            let e = this[w];
            e.write = () => true, e.end = () => e, e.emit = () => false, e.destroy?.();
          }
          this[$] = true, this.emit("abort", t), this.warn("TAR_ABORT", t, { recoverable: false });
        }
      }
      [Xs](t) {
        this[$i] += t.length;
        let e = this[$i] / this[le];
        return e > this.maxDecompressionRatio ? (this.abort(new Error(`max decompression ratio exceeded: ${e.toFixed(2)} > ${this.maxDecompressionRatio}`)), false) : true;
      }
      write(t, e, i) {
        if (typeof e == "function" && (i = e, e = void 0), typeof t == "string" && (t = Buffer.from(t, typeof e == "string" ? e : "utf8")), this[$]) return i?.(), false;
        if ((this[w] === void 0 || this.brotli === void 0 && this[w] === false) && t) {
          if (this[p] && (t = Buffer.concat([this[p], t]), this[p] = void 0), t.length < An) return this[p] = t, i?.(), true;
          for (let a = 0; this[w] === void 0 && a < Xi.length; a++) t[a] !== Xi[a] && (this[w] = false);
          let o = false;
          if (this[w] === false && this.zstd !== false) {
            o = true;
            for (let a = 0; a < qi.length; a++) if (t[a] !== qi[a]) {
              o = false;
              break;
            }
          }
          let h = this.brotli === void 0 && !o;
          if (this[w] === false && h) if (t.length < 512) if (this[ut]) this.brotli = true;
          else return this[p] = t, i?.(), true;
          else try {
            new F(t.subarray(0, 512)), this.brotli = false;
          } catch {
            this.brotli = true;
          }
          if (this[w] === void 0 || this[w] === false && (this.brotli || o)) {
            let a = this[ut];
            this[ut] = false, this[w] = this[w] === void 0 ? new Ue({}) : o ? new Ke({}) : new Ge({}), this[w].on("data", (c) => {
              this[Xs](c) && this[Xe](c);
            }), this[w].on("error", (c) => {
              this[$] || this.abort(c);
            }), this[w].on("end", () => {
              this[ut] = true, this[Xe]();
            }), this[Yt] = true, this[le] += t.length;
            let l = !!this[w][a ? "end" : "write"](t);
            return this[Yt] = false, i?.(), l;
          }
        }
        this[Yt] = true, this[w] ? (this[le] += t.length, this[w].write(t)) : this[Xe](t), this[Yt] = false;
        let n = this[st].length > 0 ? false : this[it] ? this[it].flowing : true;
        return !n && this[st].length === 0 && this[it]?.once("drain", () => this.emit("drain")), i?.(), n;
      }
      [Vi](t) {
        t && !this[$] && (this[p] = this[p] ? Buffer.concat([this[p], t]) : t);
      }
      [Qe]() {
        if (this[ut] && !this[Yi] && !this[$] && !this[ae]) {
          this[Yi] = true;
          let t = this[Nt];
          if (t?.blockRemain) {
            let e = this[p] ? this[p].length : 0;
            this.warn("TAR_BAD_ARCHIVE", `Truncated input (needed ${t.blockRemain} more bytes, only ${e} available)`, { entry: t }), this[p] && t.write(this[p]), t.end();
          }
          this[At](Je);
        }
      }
      [Xe](t) {
        if (this[ae] && t) this[Vi](t);
        else if (!t && !this[p]) this[Qe]();
        else if (t) {
          if (this[ae] = true, this[p]) {
            this[Vi](t);
            let e = this[p];
            this[p] = void 0, this[qe](e);
          } else this[qe](t);
          for (; this[p] && this[p]?.length >= 512 && !this[$] && !this[ti]; ) {
            let e = this[p];
            this[p] = void 0, this[qe](e);
          }
          this[ae] = false;
        }
        (!this[p] || this[ut]) && this[Qe]();
      }
      [qe](t) {
        let e = 0, i = t.length;
        for (; e + 512 <= i && !this[$] && !this[ti]; ) switch (this[B]) {
          case "begin":
          case "header":
            this[Vs](t, e), e += 512;
            break;
          case "ignore":
          case "body":
            e += this[Ki](t, e);
            break;
          case "meta":
            e += this[Ks](t, e);
            break;
          default:
            throw new Error("invalid state: " + this[B]);
        }
        e < i && (this[p] = this[p] ? Buffer.concat([t.subarray(e), this[p]]) : t.subarray(e));
      }
      end(t, e, i) {
        return typeof t == "function" && (i = t, e = void 0, t = void 0), typeof e == "function" && (i = e, e = void 0), typeof t == "string" && (t = Buffer.from(t, e)), i && this.once("finish", i), this[$] || (this[w] ? (t && (this[le] += t.length, this[w].write(t)), this[w].end()) : (this[ut] = true, (this.brotli === void 0 || this.zstd === void 0) && (t = t || Buffer.alloc(0)), t && this.write(t), this[Qe]())), this;
      }
    };
    mt = (s3) => {
      let t = s3.length - 1, e = -1;
      for (; t > -1 && s3.charAt(t) === "/"; ) e = t, t--;
      return e === -1 ? s3 : s3.slice(0, e);
    };
    vn = (s3) => {
      let t = s3.onReadEntry;
      s3.onReadEntry = t ? (e) => {
        t(e), e.resume();
      } : (e) => e.resume();
    };
    Qi = (s3, t) => {
      let e = new Map(t.map((o) => [mt(o), true])), i = s3.filter, r = 100, n = (o, h = "", a = 0) => {
        if (a >= r) return e.set(o, false), false;
        let l = h || kn(o).root || ".", c;
        if (o === l) c = false;
        else {
          let d = e.get(o);
          c = d !== void 0 ? d : n(Fn(o), l, a + 1);
        }
        return e.set(o, c), c;
      };
      s3.filter = i ? (o, h) => i(o, h) && n(mt(o)) : (o) => n(mt(o));
    };
    Mn = (s3) => {
      let t = new rt(s3), e = s3.file, i;
      try {
        i = node_fs_default.openSync(e, "r");
        let r = node_fs_default.fstatSync(i), n = s3.maxReadSize || 16 * 1024 * 1024;
        if (r.size < n) {
          let o = Buffer.allocUnsafe(r.size), h = node_fs_default.readSync(i, o, 0, r.size, 0);
          t.end(h === o.byteLength ? o : o.subarray(0, h));
        } else {
          let o = 0, h = Buffer.allocUnsafe(n);
          for (; o < r.size; ) {
            let a = node_fs_default.readSync(i, h, 0, n, o);
            if (a === 0) break;
            o += a, t.write(h.subarray(0, a));
          }
          t.end();
        }
      } finally {
        if (typeof i == "number") try {
          node_fs_default.closeSync(i);
        } catch {
        }
      }
    };
    Bn = (s3, t) => {
      let e = new rt(s3), i = s3.maxReadSize || 16 * 1024 * 1024, r = s3.file;
      return new Promise((o, h) => {
        e.on("error", h), e.on("end", o), node_fs_default.stat(r, (a, l) => {
          if (a) h(a);
          else {
            let c = new _t(r, { readSize: i, size: l.size });
            c.on("error", h), c.pipe(e);
          }
        });
      });
    };
    Ct = K(Mn, Bn, (s3) => new rt(s3), (s3) => new rt(s3), (s3, t) => {
      t?.length && Qi(s3, t), s3.noResume || vn(s3);
    });
    Ji = (s3, t, e) => (s3 &= 4095, e && (s3 = (s3 | 384) & -19), t && (s3 & 256 && (s3 |= 64), s3 & 32 && (s3 |= 8), s3 & 4 && (s3 |= 1)), s3);
    ({ isAbsolute: zn, parse: qs } = Pn);
    ce = (s3) => {
      let t = "", e = qs(s3);
      for (; zn(s3) || e.root; ) {
        let i = s3.charAt(0) === "/" && s3.slice(0, 4) !== "//?/" ? "/" : e.root;
        s3 = s3.slice(i.length), t += i, e = qs(s3);
      }
      return [t, s3];
    };
    ei = ["|", "<", ">", "?", ":"];
    ji = ei.map((s3) => String.fromCodePoint(61440 + Number(s3.codePointAt(0))));
    Un = new Map(ei.map((s3, t) => [s3, ji[t]]));
    Hn = new Map(ji.map((s3, t) => [s3, ei[t]]));
    ts = (s3) => ei.reduce((t, e) => t.split(e).join(Un.get(e)), s3);
    Qs = (s3) => ji.reduce((t, e) => t.split(e).join(Hn.get(e)), s3);
    rr = (s3, t) => t ? (s3 = f(s3).replace(/^\.(\/|$)/, ""), mt(t) + "/" + s3) : f(s3);
    Wn = 16 * 1024 * 1024;
    tr = /* @__PURE__ */ Symbol("process");
    er = /* @__PURE__ */ Symbol("file");
    ir = /* @__PURE__ */ Symbol("directory");
    is = /* @__PURE__ */ Symbol("symlink");
    sr = /* @__PURE__ */ Symbol("hardlink");
    fe = /* @__PURE__ */ Symbol("header");
    ii = /* @__PURE__ */ Symbol("read");
    ss = /* @__PURE__ */ Symbol("lstat");
    si = /* @__PURE__ */ Symbol("onlstat");
    rs = /* @__PURE__ */ Symbol("onread");
    ns = /* @__PURE__ */ Symbol("onreadlink");
    os2 = /* @__PURE__ */ Symbol("openfile");
    hs = /* @__PURE__ */ Symbol("onopenfile");
    pt = /* @__PURE__ */ Symbol("close");
    ri = /* @__PURE__ */ Symbol("mode");
    as = /* @__PURE__ */ Symbol("awaitDrain");
    es = /* @__PURE__ */ Symbol("ondrain");
    q = /* @__PURE__ */ Symbol("prefix");
    de = class extends A {
      path;
      portable;
      myuid = process.getuid && process.getuid() || 0;
      myuser = process.env.USER || "";
      maxReadSize;
      linkCache;
      statCache;
      preservePaths;
      cwd;
      strict;
      mtime;
      noPax;
      noMtime;
      prefix;
      fd;
      blockLen = 0;
      blockRemain = 0;
      buf;
      pos = 0;
      remain = 0;
      length = 0;
      offset = 0;
      win32;
      absolute;
      header;
      type;
      linkpath;
      stat;
      onWriteEntry;
      #t = false;
      constructor(t, e = {}) {
        let i = se(e);
        super(), this.path = f(t), this.portable = !!i.portable, this.maxReadSize = i.maxReadSize || Wn, this.linkCache = i.linkCache || /* @__PURE__ */ new Map(), this.statCache = i.statCache || /* @__PURE__ */ new Map(), this.preservePaths = !!i.preservePaths, this.cwd = f(i.cwd || process.cwd()), this.strict = !!i.strict, this.noPax = !!i.noPax, this.noMtime = !!i.noMtime, this.mtime = i.mtime, this.prefix = i.prefix ? f(i.prefix) : void 0, this.onWriteEntry = i.onWriteEntry, typeof i.onwarn == "function" && this.on("warn", i.onwarn);
        let r = false;
        if (!this.preservePaths) {
          let [o, h] = ce(this.path);
          o && typeof h == "string" && (this.path = h, r = o);
        }
        this.win32 = !!i.win32 || process.platform === "win32", this.win32 && (this.path = Qs(this.path.replaceAll(/\\/g, "/")), t = t.replaceAll(/\\/g, "/")), this.absolute = f(i.absolute || js.resolve(this.cwd, t)), this.path === "" && (this.path = "./"), r && this.warn("TAR_ENTRY_INFO", `stripping ${r} from absolute path`, { entry: this, path: r + this.path });
        let n = this.statCache.get(this.absolute);
        n ? this[si](n) : this[ss]();
      }
      warn(t, e, i = {}) {
        return Dt(this, t, e, i);
      }
      emit(t, ...e) {
        return t === "error" && (this.#t = true), super.emit(t, ...e);
      }
      [ss]() {
        node_fs_default.lstat(this.absolute, (t, e) => {
          if (t) return this.emit("error", t);
          this[si](e);
        });
      }
      [si](t) {
        this.statCache.set(this.absolute, t), this.stat = t, t.isFile() || (t.size = 0), this.type = Gn(t), this.emit("stat", t), this[tr]();
      }
      [tr]() {
        switch (this.type) {
          case "File":
            return this[er]();
          case "Directory":
            return this[ir]();
          case "SymbolicLink":
            return this[is]();
          default:
            return this.end();
        }
      }
      [ri](t) {
        return Ji(t, this.type === "Directory", this.portable);
      }
      [q](t) {
        return rr(t, this.prefix);
      }
      [fe]() {
        if (!this.stat) throw new Error("cannot write header before stat");
        this.type === "Directory" && this.portable && (this.noMtime = true), this.onWriteEntry?.(this), this.header = new F({ path: this[q](this.path), linkpath: this.type === "Link" && this.linkpath !== void 0 ? this[q](this.linkpath) : this.linkpath, mode: this[ri](this.stat.mode), uid: this.portable ? void 0 : this.stat.uid, gid: this.portable ? void 0 : this.stat.gid, size: this.stat.size, mtime: this.noMtime ? void 0 : this.mtime || this.stat.mtime, type: this.type === "Unsupported" ? void 0 : this.type, uname: this.portable ? void 0 : this.stat.uid === this.myuid ? this.myuser : "", atime: this.portable ? void 0 : this.stat.atime, ctime: this.portable ? void 0 : this.stat.ctime }), this.header.encode() && !this.noPax && super.write(new ft({ atime: this.portable ? void 0 : this.header.atime, ctime: this.portable ? void 0 : this.header.ctime, gid: this.portable ? void 0 : this.header.gid, mtime: this.noMtime ? void 0 : this.mtime || this.header.mtime, path: this[q](this.path), linkpath: this.type === "Link" && this.linkpath !== void 0 ? this[q](this.linkpath) : this.linkpath, size: this.header.size, uid: this.portable ? void 0 : this.header.uid, uname: this.portable ? void 0 : this.header.uname, dev: this.portable ? void 0 : this.stat.dev, ino: this.portable ? void 0 : this.stat.ino, nlink: this.portable ? void 0 : this.stat.nlink }).encode());
        let t = this.header?.block;
        if (!t) throw new Error("failed to encode header");
        super.write(t);
      }
      [ir]() {
        if (!this.stat) throw new Error("cannot create directory entry without stat");
        this.path.slice(-1) !== "/" && (this.path += "/"), this.stat.size = 0, this[fe](), this.end();
      }
      [is]() {
        node_fs_default.readlink(this.absolute, (t, e) => {
          if (t) return this.emit("error", t);
          this[ns](e);
        });
      }
      [ns](t) {
        this.linkpath = f(t), this[fe](), this.end();
      }
      [sr](t) {
        if (!this.stat) throw new Error("cannot create link entry without stat");
        this.type = "Link", this.linkpath = f(js.relative(this.cwd, t)), this.stat.size = 0, this[fe](), this.end();
      }
      [er]() {
        if (!this.stat) throw new Error("cannot create file entry without stat");
        if (this.stat.nlink > 1) {
          let t = `${this.stat.dev}:${this.stat.ino}`, e = this.linkCache.get(t);
          if (e?.indexOf(this.cwd) === 0) return this[sr](e);
          this.linkCache.set(t, this.absolute);
        }
        if (this[fe](), this.stat.size === 0) return this.end();
        this[os2]();
      }
      [os2]() {
        node_fs_default.open(this.absolute, "r", (t, e) => {
          if (t) return this.emit("error", t);
          this[hs](e);
        });
      }
      [hs](t) {
        if (this.fd = t, this.#t) return this[pt]();
        if (!this.stat) throw new Error("should stat before calling onopenfile");
        this.blockLen = 512 * Math.ceil(this.stat.size / 512), this.blockRemain = this.blockLen;
        let e = Math.min(this.blockLen, this.maxReadSize);
        this.buf = Buffer.allocUnsafe(e), this.offset = 0, this.pos = 0, this.remain = this.stat.size, this.length = this.buf.length, this[ii]();
      }
      [ii]() {
        let { fd: t, buf: e, offset: i, length: r, pos: n } = this;
        if (t === void 0 || e === void 0) throw new Error("cannot read file without first opening");
        node_fs_default.read(t, e, i, r, n, (o, h) => {
          if (o) return this[pt](() => this.emit("error", o));
          this[rs](h);
        });
      }
      [pt](t = () => {
      }) {
        this.fd !== void 0 && node_fs_default.close(this.fd, t);
      }
      [rs](t) {
        if (t <= 0 && this.remain > 0) {
          let r = Object.assign(new Error("encountered unexpected EOF"), { path: this.absolute, syscall: "read", code: "EOF" });
          return this[pt](() => this.emit("error", r));
        }
        if (t > this.remain) {
          let r = Object.assign(new Error("did not encounter expected EOF"), { path: this.absolute, syscall: "read", code: "EOF" });
          return this[pt](() => this.emit("error", r));
        }
        if (!this.buf) throw new Error("should have created buffer prior to reading");
        if (t === this.remain) for (let r = t; r < this.length && t < this.blockRemain; r++) this.buf[r + this.offset] = 0, t++, this.remain++;
        let e = this.offset === 0 && t === this.buf.length ? this.buf : this.buf.subarray(this.offset, this.offset + t);
        this.write(e) ? this[es]() : this[as](() => this[es]());
      }
      [as](t) {
        this.once("drain", t);
      }
      write(t, e, i) {
        if (typeof e == "function" && (i = e, e = void 0), typeof t == "string" && (t = Buffer.from(t, typeof e == "string" ? e : "utf8")), this.blockRemain < t.length) {
          let r = Object.assign(new Error("writing more data than expected"), { path: this.absolute });
          return this.emit("error", r);
        }
        return this.remain -= t.length, this.blockRemain -= t.length, this.pos += t.length, this.offset += t.length, super.write(t, null, i);
      }
      [es]() {
        if (!this.remain) return this.blockRemain && super.write(Buffer.alloc(this.blockRemain)), this[pt]((t) => t ? this.emit("error", t) : this.end());
        if (!this.buf) throw new Error("buffer lost somehow in ONDRAIN");
        this.offset >= this.length && (this.buf = Buffer.allocUnsafe(Math.min(this.blockRemain, this.buf.length)), this.offset = 0), this.length = this.buf.length - this.offset, this[ii]();
      }
    };
    ni = class extends de {
      sync = true;
      [ss]() {
        this[si](node_fs_default.lstatSync(this.absolute));
      }
      [is]() {
        this[ns](node_fs_default.readlinkSync(this.absolute));
      }
      [os2]() {
        this[hs](node_fs_default.openSync(this.absolute, "r"));
      }
      [ii]() {
        let t = true;
        try {
          let { fd: e, buf: i, offset: r, length: n, pos: o } = this;
          if (e === void 0 || i === void 0) throw new Error("fd and buf must be set in READ method");
          let h = node_fs_default.readSync(e, i, r, n, o);
          this[rs](h), t = false;
        } finally {
          if (t) try {
            this[pt](() => {
            });
          } catch {
          }
        }
      }
      [as](t) {
        t();
      }
      [pt](t = () => {
      }) {
        this.fd !== void 0 && node_fs_default.closeSync(this.fd), t();
      }
    };
    oi = class extends A {
      blockLen = 0;
      blockRemain = 0;
      buf = 0;
      pos = 0;
      remain = 0;
      length = 0;
      preservePaths;
      portable;
      strict;
      noPax;
      noMtime;
      readEntry;
      type;
      prefix;
      path;
      mode;
      uid;
      gid;
      uname;
      gname;
      header;
      mtime;
      atime;
      ctime;
      linkpath;
      size;
      onWriteEntry;
      warn(t, e, i = {}) {
        return Dt(this, t, e, i);
      }
      constructor(t, e = {}) {
        let i = se(e);
        super(), this.preservePaths = !!i.preservePaths, this.portable = !!i.portable, this.strict = !!i.strict, this.noPax = !!i.noPax, this.noMtime = !!i.noMtime, this.onWriteEntry = i.onWriteEntry, this.readEntry = t;
        let { type: r } = t;
        if (r === "Unsupported") throw new Error("writing entry that should be ignored");
        this.type = r, this.type === "Directory" && this.portable && (this.noMtime = true), this.prefix = i.prefix, this.path = f(t.path), this.mode = t.mode !== void 0 ? this[ri](t.mode) : void 0, this.uid = this.portable ? void 0 : t.uid, this.gid = this.portable ? void 0 : t.gid, this.uname = this.portable ? void 0 : t.uname, this.gname = this.portable ? void 0 : t.gname, this.size = t.size, this.mtime = this.noMtime ? void 0 : i.mtime || t.mtime, this.atime = this.portable ? void 0 : t.atime, this.ctime = this.portable ? void 0 : t.ctime, this.linkpath = t.linkpath !== void 0 ? f(t.linkpath) : void 0, typeof i.onwarn == "function" && this.on("warn", i.onwarn);
        let n = false;
        if (!this.preservePaths) {
          let [h, a] = ce(this.path);
          h && typeof a == "string" && (this.path = a, n = h);
        }
        this.remain = t.size, this.blockRemain = t.startBlockSize, this.onWriteEntry?.(this), this.header = new F({ path: this[q](this.path), linkpath: this.type === "Link" && this.linkpath !== void 0 ? this[q](this.linkpath) : this.linkpath, mode: this.mode, uid: this.portable ? void 0 : this.uid, gid: this.portable ? void 0 : this.gid, size: this.size, mtime: this.noMtime ? void 0 : this.mtime, type: this.type, uname: this.portable ? void 0 : this.uname, atime: this.portable ? void 0 : this.atime, ctime: this.portable ? void 0 : this.ctime }), n && this.warn("TAR_ENTRY_INFO", `stripping ${n} from absolute path`, { entry: this, path: n + this.path }), this.header.encode() && !this.noPax && super.write(new ft({ atime: this.portable ? void 0 : this.atime, ctime: this.portable ? void 0 : this.ctime, gid: this.portable ? void 0 : this.gid, mtime: this.noMtime ? void 0 : this.mtime, path: this[q](this.path), linkpath: this.type === "Link" && this.linkpath !== void 0 ? this[q](this.linkpath) : this.linkpath, size: this.size, uid: this.portable ? void 0 : this.uid, uname: this.portable ? void 0 : this.uname, dev: this.portable ? void 0 : this.readEntry.dev, ino: this.portable ? void 0 : this.readEntry.ino, nlink: this.portable ? void 0 : this.readEntry.nlink }).encode());
        let o = this.header?.block;
        if (!o) throw new Error("failed to encode header");
        super.write(o), t.pipe(this);
      }
      [q](t) {
        return rr(t, this.prefix);
      }
      [ri](t) {
        return Ji(t, this.type === "Directory", this.portable);
      }
      write(t, e, i) {
        typeof e == "function" && (i = e, e = void 0), typeof t == "string" && (t = Buffer.from(t, typeof e == "string" ? e : "utf8"));
        let r = t.length;
        if (r > this.blockRemain) throw new Error("writing more to entry than is appropriate");
        return this.blockRemain -= r, super.write(t, i);
      }
      end(t, e, i) {
        return this.blockRemain && super.write(Buffer.alloc(this.blockRemain)), typeof t == "function" && (i = t, e = void 0, t = void 0), typeof e == "function" && (i = e, e = void 0), typeof t == "string" && (t = Buffer.from(t, e ?? "utf8")), i && this.once("finish", i), t ? super.end(t, i) : super.end(i), this;
      }
    };
    Gn = (s3) => s3.isFile() ? "File" : s3.isDirectory() ? "Directory" : s3.isSymbolicLink() ? "SymbolicLink" : "Unsupported";
    hi = class s2 {
      tail;
      head;
      length = 0;
      static create(t = []) {
        return new s2(t);
      }
      constructor(t = []) {
        for (let e of t) this.push(e);
      }
      *[Symbol.iterator]() {
        for (let t = this.head; t; t = t.next) yield t.value;
      }
      removeNode(t) {
        if (t.list !== this) throw new Error("removing node which does not belong to this list");
        let e = t.next, i = t.prev;
        return e && (e.prev = i), i && (i.next = e), t === this.head && (this.head = e), t === this.tail && (this.tail = i), this.length--, t.next = void 0, t.prev = void 0, t.list = void 0, e;
      }
      unshiftNode(t) {
        if (t === this.head) return;
        t.list && t.list.removeNode(t);
        let e = this.head;
        t.list = this, t.next = e, e && (e.prev = t), this.head = t, this.tail || (this.tail = t), this.length++;
      }
      pushNode(t) {
        if (t === this.tail) return;
        t.list && t.list.removeNode(t);
        let e = this.tail;
        t.list = this, t.prev = e, e && (e.next = t), this.tail = t, this.head || (this.head = t), this.length++;
      }
      push(...t) {
        for (let e = 0, i = t.length; e < i; e++) Yn(this, t[e]);
        return this.length;
      }
      unshift(...t) {
        for (var e = 0, i = t.length; e < i; e++) Kn(this, t[e]);
        return this.length;
      }
      pop() {
        if (!this.tail) return;
        let t = this.tail.value, e = this.tail;
        return this.tail = this.tail.prev, this.tail ? this.tail.next = void 0 : this.head = void 0, e.list = void 0, this.length--, t;
      }
      shift() {
        if (!this.head) return;
        let t = this.head.value, e = this.head;
        return this.head = this.head.next, this.head ? this.head.prev = void 0 : this.tail = void 0, e.list = void 0, this.length--, t;
      }
      forEach(t, e) {
        e = e || this;
        for (let i = this.head, r = 0; i; r++) t.call(e, i.value, r, this), i = i.next;
      }
      forEachReverse(t, e) {
        e = e || this;
        for (let i = this.tail, r = this.length - 1; i; r--) t.call(e, i.value, r, this), i = i.prev;
      }
      get(t) {
        let e = 0, i = this.head;
        for (; i && e < t; e++) i = i.next;
        if (e === t && i) return i.value;
      }
      getReverse(t) {
        let e = 0, i = this.tail;
        for (; i && e < t; e++) i = i.prev;
        if (e === t && i) return i.value;
      }
      map(t, e) {
        e = e || this;
        let i = new s2();
        for (let r = this.head; r; ) i.push(t.call(e, r.value, this)), r = r.next;
        return i;
      }
      mapReverse(t, e) {
        e = e || this;
        var i = new s2();
        for (let r = this.tail; r; ) i.push(t.call(e, r.value, this)), r = r.prev;
        return i;
      }
      reduce(t, e) {
        let i, r = this.head;
        if (arguments.length > 1) i = e;
        else if (this.head) r = this.head.next, i = this.head.value;
        else throw new TypeError("Reduce of empty list with no initial value");
        for (var n = 0; r; n++) i = t(i, r.value, n), r = r.next;
        return i;
      }
      reduceReverse(t, e) {
        let i, r = this.tail;
        if (arguments.length > 1) i = e;
        else if (this.tail) r = this.tail.prev, i = this.tail.value;
        else throw new TypeError("Reduce of empty list with no initial value");
        for (let n = this.length - 1; r; n--) i = t(i, r.value, n), r = r.prev;
        return i;
      }
      toArray() {
        let t = new Array(this.length);
        for (let e = 0, i = this.head; i; e++) t[e] = i.value, i = i.next;
        return t;
      }
      toArrayReverse() {
        let t = new Array(this.length);
        for (let e = 0, i = this.tail; i; e++) t[e] = i.value, i = i.prev;
        return t;
      }
      slice(t = 0, e = this.length) {
        e < 0 && (e += this.length), t < 0 && (t += this.length);
        let i = new s2();
        if (e < t || e < 0) return i;
        t < 0 && (t = 0), e > this.length && (e = this.length);
        let r = this.head, n = 0;
        for (n = 0; r && n < t; n++) r = r.next;
        for (; r && n < e; n++, r = r.next) i.push(r.value);
        return i;
      }
      sliceReverse(t = 0, e = this.length) {
        e < 0 && (e += this.length), t < 0 && (t += this.length);
        let i = new s2();
        if (e < t || e < 0) return i;
        t < 0 && (t = 0), e > this.length && (e = this.length);
        let r = this.length, n = this.tail;
        for (; n && r > e; r--) n = n.prev;
        for (; n && r > t; r--, n = n.prev) i.push(n.value);
        return i;
      }
      splice(t, e = 0, ...i) {
        t > this.length && (t = this.length - 1), t < 0 && (t = this.length + t);
        let r = this.head;
        for (let o = 0; r && o < t; o++) r = r.next;
        let n = [];
        for (let o = 0; r && o < e; o++) n.push(r.value), r = this.removeNode(r);
        r ? r !== this.tail && (r = r.prev) : r = this.tail;
        for (let o of i) r = Zn(this, r, o);
        return n;
      }
      reverse() {
        let t = this.head, e = this.tail;
        for (let i = t; i; i = i.prev) {
          let r = i.prev;
          i.prev = i.next, i.next = r;
        }
        return this.head = e, this.tail = t, this;
      }
    };
    ue = class {
      list;
      next;
      prev;
      value;
      constructor(t, e, i, r) {
        this.list = r, this.value = t, e ? (e.next = this, this.prev = e) : this.prev = void 0, i ? (i.prev = this, this.next = i) : this.next = void 0;
      }
    };
    pi = class {
      path;
      absolute;
      entry;
      stat;
      readdir;
      pending = false;
      pendingLink = false;
      ignore = false;
      piped = false;
      constructor(t, e) {
        this.path = t || "./", this.absolute = e;
      }
    };
    nr = Buffer.alloc(1024);
    li = /* @__PURE__ */ Symbol("onStat");
    me = /* @__PURE__ */ Symbol("ended");
    W = /* @__PURE__ */ Symbol("queue");
    pe = /* @__PURE__ */ Symbol("pendingLinks");
    Et = /* @__PURE__ */ Symbol("current");
    Ft = /* @__PURE__ */ Symbol("process");
    Ee = /* @__PURE__ */ Symbol("processing");
    ai = /* @__PURE__ */ Symbol("processJob");
    G = /* @__PURE__ */ Symbol("jobs");
    ls = /* @__PURE__ */ Symbol("jobDone");
    ci = /* @__PURE__ */ Symbol("addFSEntry");
    or = /* @__PURE__ */ Symbol("addTarEntry");
    ds = /* @__PURE__ */ Symbol("stat");
    us = /* @__PURE__ */ Symbol("readdir");
    fi = /* @__PURE__ */ Symbol("onreaddir");
    di = /* @__PURE__ */ Symbol("pipe");
    hr = /* @__PURE__ */ Symbol("entry");
    cs = /* @__PURE__ */ Symbol("entryOpt");
    ui = /* @__PURE__ */ Symbol("writeEntryClass");
    lr = /* @__PURE__ */ Symbol("write");
    fs2 = /* @__PURE__ */ Symbol("ondrain");
    wt = class extends A {
      sync = false;
      opt;
      cwd;
      maxReadSize;
      preservePaths;
      strict;
      noPax;
      prefix;
      linkCache;
      statCache;
      file;
      portable;
      zip;
      readdirCache;
      noDirRecurse;
      follow;
      noMtime;
      mtime;
      filter;
      jobs;
      [ui];
      onWriteEntry;
      [W];
      [pe] = /* @__PURE__ */ new Map();
      [G] = 0;
      [Ee] = false;
      [me] = false;
      constructor(t = {}) {
        if (super(), this.opt = t, this.file = t.file || "", this.cwd = t.cwd || process.cwd(), this.maxReadSize = t.maxReadSize, this.preservePaths = !!t.preservePaths, this.strict = !!t.strict, this.noPax = !!t.noPax, this.prefix = f(t.prefix || ""), this.linkCache = t.linkCache || /* @__PURE__ */ new Map(), this.statCache = t.statCache || /* @__PURE__ */ new Map(), this.readdirCache = t.readdirCache || /* @__PURE__ */ new Map(), this.onWriteEntry = t.onWriteEntry, this[ui] = de, typeof t.onwarn == "function" && this.on("warn", t.onwarn), this.portable = !!t.portable, t.gzip || t.brotli || t.zstd) {
          if ((t.gzip ? 1 : 0) + (t.brotli ? 1 : 0) + (t.zstd ? 1 : 0) > 1) throw new TypeError("gzip, brotli, zstd are mutually exclusive");
          if (t.gzip && (typeof t.gzip != "object" && (t.gzip = {}), this.portable && (t.gzip.portable = true), this.zip = new ze(t.gzip)), t.brotli && (typeof t.brotli != "object" && (t.brotli = {}), this.zip = new We(t.brotli)), t.zstd && (typeof t.zstd != "object" && (t.zstd = {}), this.zip = new Ye(t.zstd)), !this.zip) throw new Error("impossible");
          let e = this.zip;
          e.on("data", (i) => super.write(i)), e.on("end", () => super.end()), e.on("drain", () => this[fs2]()), this.on("resume", () => e.resume());
        } else this.on("drain", this[fs2]);
        this.noDirRecurse = !!t.noDirRecurse, this.follow = !!t.follow, this.noMtime = !!t.noMtime, t.mtime && (this.mtime = t.mtime), this.filter = typeof t.filter == "function" ? t.filter : () => true, this[W] = new hi(), this[G] = 0, this.jobs = Number(t.jobs) || 4, this[Ee] = false, this[me] = false;
      }
      [lr](t) {
        return super.write(t);
      }
      add(t) {
        return this.write(t), this;
      }
      end(t, e, i) {
        return typeof t == "function" && (i = t, t = void 0), typeof e == "function" && (i = e, e = void 0), t && this.add(t), this[me] = true, this[Ft](), i && i(), this;
      }
      write(t) {
        if (this[me]) throw new Error("write after end");
        return typeof t == "string" ? this[ci](t) : this[or](t), this.flowing;
      }
      [or](t) {
        let e = f(ar.resolve(this.cwd, t.path));
        if (!this.filter(t.path, t)) t.resume();
        else {
          let i = new pi(t.path, e);
          i.entry = new oi(t, this[cs](i)), i.entry.on("end", () => this[ls](i)), this[G] += 1, this[W].push(i);
        }
        this[Ft]();
      }
      [ci](t) {
        let e = f(ar.resolve(this.cwd, t));
        this[W].push(new pi(t, e)), this[Ft]();
      }
      [ds](t) {
        t.pending = true, this[G] += 1;
        let e = this.follow ? "stat" : "lstat";
        node_fs_default[e](t.absolute, (i, r) => {
          t.pending = false, this[G] -= 1, i ? this.emit("error", i) : this[li](t, r);
        });
      }
      [li](t, e) {
        if (this.statCache.set(t.absolute, e), t.stat = e, !this.filter(t.path, e)) t.ignore = true;
        else if (e.isFile() && e.nlink > 1 && !this.linkCache.get(`${e.dev}:${e.ino}`) && !this.sync) if (t === this[Et]) this[ai](t);
        else {
          let i = `${e.dev}:${e.ino}`, r = this[pe].get(i);
          r ? r.push(t) : this[pe].set(i, [t]), t.pendingLink = true, t.pending = true;
        }
        this[Ft]();
      }
      [us](t) {
        t.pending = true, this[G] += 1, node_fs_default.readdir(t.absolute, (e, i) => {
          if (t.pending = false, this[G] -= 1, e) return this.emit("error", e);
          this[fi](t, i);
        });
      }
      [fi](t, e) {
        this.readdirCache.set(t.absolute, e), t.readdir = e, this[Ft]();
      }
      [Ft]() {
        if (!this[Ee]) {
          this[Ee] = true;
          for (let t = this[W].head; t && this[G] < this.jobs; t = t.next) if (this[ai](t.value), t.value.ignore) {
            let e = t.next;
            this[W].removeNode(t), t.next = e;
          }
          this[Ee] = false, this[me] && this[W].length === 0 && this[G] === 0 && (this.zip ? this.zip.end(nr) : (super.write(nr), super.end()));
        }
      }
      get [Et]() {
        return this[W] && this[W].head && this[W].head.value;
      }
      [ls](t) {
        this[W].shift(), this[G] -= 1;
        let { stat: e } = t;
        if (e && e.isFile() && e.nlink > 1) {
          let i = `${e.dev}:${e.ino}`, r = this[pe].get(i);
          if (r) {
            this[pe].delete(i);
            for (let n of r) n.pending = false, this[ai](n);
          }
        }
        this[Ft]();
      }
      [ai](t) {
        if (t.pending && t.pendingLink && t === this[Et] && (t.pending = false, t.pendingLink = false), !t.pending) {
          if (t.entry) {
            t === this[Et] && !t.piped && this[di](t);
            return;
          }
          if (!t.stat) {
            let e = this.statCache.get(t.absolute);
            e ? this[li](t, e) : this[ds](t);
          }
          if (t.stat && !t.ignore) {
            if (!this.noDirRecurse && t.stat.isDirectory() && !t.readdir) {
              let e = this.readdirCache.get(t.absolute);
              if (e ? this[fi](t, e) : this[us](t), !t.readdir) return;
            }
            if (t.entry = this[hr](t), !t.entry) {
              t.ignore = true;
              return;
            }
            t === this[Et] && !t.piped && this[di](t);
          }
        }
      }
      [cs](t) {
        return { onwarn: (e, i, r) => this.warn(e, i, r), noPax: this.noPax, cwd: this.cwd, absolute: t.absolute, preservePaths: this.preservePaths, maxReadSize: this.maxReadSize, strict: this.strict, portable: this.portable, linkCache: this.linkCache, statCache: this.statCache, noMtime: this.noMtime, mtime: this.mtime, prefix: this.prefix, onWriteEntry: this.onWriteEntry };
      }
      [hr](t) {
        this[G] += 1;
        try {
          return new this[ui](t.path, this[cs](t)).on("end", () => this[ls](t)).on("error", (i) => this.emit("error", i));
        } catch (e) {
          this.emit("error", e);
        }
      }
      [fs2]() {
        this[Et] && this[Et].entry && this[Et].entry.resume();
      }
      [di](t) {
        t.piped = true, t.readdir && t.readdir.forEach((r) => {
          let n = t.path, o = n === "./" ? "" : n.replace(/\/*$/, "/");
          this[ci](o + r);
        });
        let e = t.entry, i = this.zip;
        if (!e) throw new Error("cannot pipe without source");
        i ? e.on("data", (r) => {
          i.write(r) || e.pause();
        }) : e.on("data", (r) => {
          super.write(r) || e.pause();
        });
      }
      pause() {
        return this.zip && this.zip.pause(), super.pause();
      }
      warn(t, e, i = {}) {
        Dt(this, t, e, i);
      }
    };
    kt = class extends wt {
      sync = true;
      constructor(t) {
        super(t), this[ui] = ni;
      }
      pause() {
      }
      resume() {
      }
      [ds](t) {
        let e = this.follow ? "statSync" : "lstatSync";
        this[li](t, node_fs_default[e](t.absolute));
      }
      [us](t) {
        this[fi](t, node_fs_default.readdirSync(t.absolute));
      }
      [di](t) {
        let e = t.entry, i = this.zip;
        if (t.readdir && t.readdir.forEach((r) => {
          let n = t.path, o = n === "./" ? "" : n.replace(/\/*$/, "/");
          this[ci](o + r);
        }), !e) throw new Error("Cannot pipe without source");
        i ? e.on("data", (r) => {
          i.write(r);
        }) : e.on("data", (r) => {
          super[lr](r);
        });
      }
    };
    Vn = (s3, t) => {
      let e = new kt(s3), i = new Wt(s3.file, { mode: s3.mode || 438 });
      e.pipe(i), fr(e, t);
    };
    $n = (s3, t) => {
      let e = new wt(s3), i = new et(s3.file, { mode: s3.mode || 438 });
      e.pipe(i);
      let r = new Promise((n, o) => {
        i.on("error", o), i.on("close", n), e.on("error", o);
      });
      return dr(e, t).catch((n) => e.emit("error", n)), r;
    };
    fr = (s3, t) => {
      t.forEach((e) => {
        e.charAt(0) === "@" ? Ct({ file: cr.resolve(s3.cwd, e.slice(1)), sync: true, noResume: true, onReadEntry: (i) => s3.add(i) }) : s3.add(e);
      }), s3.end();
    };
    dr = async (s3, t) => {
      for (let e of t) e.charAt(0) === "@" ? await Ct({ file: cr.resolve(String(s3.cwd), e.slice(1)), noResume: true, onReadEntry: (i) => {
        s3.add(i);
      } }) : s3.add(e);
      s3.end();
    };
    Xn = (s3, t) => {
      let e = new kt(s3);
      return fr(e, t), e;
    };
    qn = (s3, t) => {
      let e = new wt(s3);
      return dr(e, t).catch((i) => e.emit("error", i)), e;
    };
    Qn = K(Vn, $n, Xn, qn, (s3, t) => {
      if (!t?.length) throw new TypeError("no paths specified to add to archive");
    });
    Jn = process.env.__FAKE_PLATFORM__ || process.platform;
    Er = Jn === "win32";
    ({ O_CREAT: wr, O_NOFOLLOW: ur, O_TRUNC: Sr, O_WRONLY: yr } = node_fs_default.constants);
    Rr = Number(process.env.__FAKE_FS_O_FILENAME__) || node_fs_default.constants.UV_FS_O_FILEMAP || 0;
    jn = Er && !!Rr;
    to = 512 * 1024;
    eo = Rr | Sr | wr | yr;
    mr = !Er && typeof ur == "number" ? ur | Sr | wr | yr : null;
    ms = mr !== null ? () => mr : jn ? (s3) => s3 < to ? eo : "w" : () => "w";
    ps = (s3, t, e) => {
      try {
        return node_fs_default.lchownSync(s3, t, e);
      } catch (i) {
        if (i?.code !== "ENOENT") throw i;
      }
    };
    Ei = (s3, t, e, i) => {
      node_fs_default.lchown(s3, t, e, (r) => {
        i(r && r?.code !== "ENOENT" ? r : null);
      });
    };
    io = (s3, t, e, i, r) => {
      if (t.isDirectory()) Es(we.resolve(s3, t.name), e, i, (n) => {
        if (n) return r(n);
        let o = we.resolve(s3, t.name);
        Ei(o, e, i, r);
      });
      else {
        let n = we.resolve(s3, t.name);
        Ei(n, e, i, r);
      }
    };
    Es = (s3, t, e, i) => {
      node_fs_default.readdir(s3, { withFileTypes: true }, (r, n) => {
        if (r) {
          if (r.code === "ENOENT") return i();
          if (r.code !== "ENOTDIR" && r.code !== "ENOTSUP") return i(r);
        }
        if (r || !n.length) return Ei(s3, t, e, i);
        let o = n.length, h = null, a = (l) => {
          if (!h) {
            if (l) return i(h = l);
            if (--o === 0) return Ei(s3, t, e, i);
          }
        };
        for (let l of n) io(s3, l, t, e, a);
      });
    };
    so = (s3, t, e, i) => {
      t.isDirectory() && ws(we.resolve(s3, t.name), e, i), ps(we.resolve(s3, t.name), e, i);
    };
    ws = (s3, t, e) => {
      let i;
      try {
        i = node_fs_default.readdirSync(s3, { withFileTypes: true });
      } catch (r) {
        let n = r;
        if (n?.code === "ENOENT") return;
        if (n?.code === "ENOTDIR" || n?.code === "ENOTSUP") return ps(s3, t, e);
        throw n;
      }
      for (let r of i) so(s3, r, t, e);
      return ps(s3, t, e);
    };
    Se = class extends Error {
      path;
      code;
      syscall = "chdir";
      constructor(t, e) {
        super(`${e}: Cannot cd into '${t}'`), this.path = t, this.code = e;
      }
      get name() {
        return "CwdError";
      }
    };
    St = class extends Error {
      path;
      symlink;
      syscall = "symlink";
      code = "TAR_SYMLINK_ERROR";
      constructor(t, e) {
        super("TAR_SYMLINK_ERROR: Cannot extract through symbolic link"), this.symlink = t, this.path = e;
      }
      get name() {
        return "SymlinkError";
      }
    };
    no = (s3, t) => {
      node_fs_default.stat(s3, (e, i) => {
        (e || !i.isDirectory()) && (e = new Se(s3, e?.code || "ENOTDIR")), t(e);
      });
    };
    gr = (s3, t, e) => {
      s3 = f(s3);
      let i = t.umask ?? 18, r = t.mode | 448, n = (r & i) !== 0, o = t.uid, h = t.gid, a = typeof o == "number" && typeof h == "number" && (o !== t.processUid || h !== t.processGid), l = t.preserve, c = t.unlink, d = f(t.cwd), y = (E, x) => {
        E ? e(E) : x && a ? Es(x, o, h, (Le) => y(Le)) : n ? node_fs_default.chmod(s3, r, e) : e();
      };
      if (s3 === d) return no(s3, y);
      if (l) return ro.mkdir(s3, { mode: r, recursive: true }).then((E) => y(null, E ?? void 0), y);
      let D = f(Si.relative(d, s3)).split("/");
      Ss(d, D, r, c, d, void 0, y);
    };
    Ss = (s3, t, e, i, r, n, o) => {
      if (t.length === 0) return o(null, n);
      let h = t.shift(), a = f(Si.resolve(s3 + "/" + h));
      node_fs_default.mkdir(a, e, br(a, t, e, i, r, n, o));
    };
    br = (s3, t, e, i, r, n, o) => (h) => {
      h ? node_fs_default.lstat(s3, (a, l) => {
        if (a) a.path = a.path && f(a.path), o(a);
        else if (l.isDirectory()) Ss(s3, t, e, i, r, n, o);
        else if (i) node_fs_default.unlink(s3, (c) => {
          if (c) return o(c);
          node_fs_default.mkdir(s3, e, br(s3, t, e, i, r, n, o));
        });
        else {
          if (l.isSymbolicLink()) return o(new St(s3, s3 + "/" + t.join("/")));
          o(h);
        }
      }) : (n = n || s3, Ss(s3, t, e, i, r, n, o));
    };
    oo = (s3) => {
      let t = false, e;
      try {
        t = node_fs_default.statSync(s3).isDirectory();
      } catch (i) {
        e = i?.code;
      } finally {
        if (!t) throw new Se(s3, e ?? "ENOTDIR");
      }
    };
    _r = (s3, t) => {
      s3 = f(s3);
      let e = t.umask ?? 18, i = t.mode | 448, r = (i & e) !== 0, n = t.uid, o = t.gid, h = typeof n == "number" && typeof o == "number" && (n !== t.processUid || o !== t.processGid), a = t.preserve, l = t.unlink, c = f(t.cwd), d = (E) => {
        E && h && ws(E, n, o), r && node_fs_default.chmodSync(s3, i);
      };
      if (s3 === c) return oo(c), d();
      if (a) return d(node_fs_default.mkdirSync(s3, { mode: i, recursive: true }) ?? void 0);
      let T = f(Si.relative(c, s3)).split("/"), D;
      for (let E = T.shift(), x = c; E && (x += "/" + E); E = T.shift()) {
        x = f(Si.resolve(x));
        try {
          node_fs_default.mkdirSync(x, i), D = D || x;
        } catch {
          let Le = node_fs_default.lstatSync(x);
          if (Le.isDirectory()) continue;
          if (l) {
            node_fs_default.unlinkSync(x), node_fs_default.mkdirSync(x, i), D = D || x;
            continue;
          } else if (Le.isSymbolicLink()) return new St(x, x + "/" + T.join("/"));
        }
      }
      return d(D);
    };
    ys = /* @__PURE__ */ Object.create(null);
    Or = 1e4;
    Vt = /* @__PURE__ */ new Set();
    Tr = (s3) => {
      Vt.has(s3) ? Vt.delete(s3) : ys[s3] = s3.normalize("NFD").toLocaleLowerCase("en").toLocaleUpperCase("en"), Vt.add(s3);
      let t = ys[s3], e = Vt.size - Or;
      if (e > Or / 10) {
        for (let i of Vt) if (Vt.delete(i), delete ys[i], --e <= 0) break;
      }
      return t;
    };
    ho = process.env.TESTING_TAR_FAKE_PLATFORM || process.platform;
    ao = ho === "win32";
    lo = (s3) => s3.split("/").slice(0, -1).reduce((e, i) => {
      let r = e.at(-1);
      return r !== void 0 && (i = xr(r, i)), e.push(i || "/"), e;
    }, []);
    yi = class {
      #t = /* @__PURE__ */ new Map();
      #i = /* @__PURE__ */ new Map();
      #s = /* @__PURE__ */ new Set();
      reserve(t, e) {
        t = ao ? ["win32 parallelization disabled"] : t.map((r) => mt(xr(Tr(r))));
        let i = new Set(t.map((r) => lo(r)).reduce((r, n) => r.concat(n)));
        this.#i.set(e, { dirs: i, paths: t });
        for (let r of t) {
          let n = this.#t.get(r);
          n ? n.push(e) : this.#t.set(r, [e]);
        }
        for (let r of i) {
          let n = this.#t.get(r);
          if (!n) this.#t.set(r, [/* @__PURE__ */ new Set([e])]);
          else {
            let o = n.at(-1);
            o instanceof Set ? o.add(e) : n.push(/* @__PURE__ */ new Set([e]));
          }
        }
        return this.#r(e);
      }
      #n(t) {
        let e = this.#i.get(t);
        if (!e) throw new Error("function does not have any path reservations");
        return { paths: e.paths.map((i) => this.#t.get(i)), dirs: [...e.dirs].map((i) => this.#t.get(i)) };
      }
      check(t) {
        let { paths: e, dirs: i } = this.#n(t);
        return e.every((r) => r && r[0] === t) && i.every((r) => r && r[0] instanceof Set && r[0].has(t));
      }
      #r(t) {
        return this.#s.has(t) || !this.check(t) ? false : (this.#s.add(t), t(() => this.#e(t)), true);
      }
      #e(t) {
        if (!this.#s.has(t)) return false;
        let e = this.#i.get(t);
        if (!e) throw new Error("invalid reservation");
        let { paths: i, dirs: r } = e, n = /* @__PURE__ */ new Set();
        for (let o of i) {
          let h = this.#t.get(o);
          if (!h || h?.[0] !== t) continue;
          let a = h[1];
          if (!a) {
            this.#t.delete(o);
            continue;
          }
          if (h.shift(), typeof a == "function") n.add(a);
          else for (let l of a) n.add(l);
        }
        for (let o of r) {
          let h = this.#t.get(o), a = h?.[0];
          if (!(!h || !(a instanceof Set))) if (a.size === 1 && h.length === 1) {
            this.#t.delete(o);
            continue;
          } else if (a.size === 1) {
            h.shift();
            let l = h[0];
            typeof l == "function" && n.add(l);
          } else a.delete(t);
        }
        return this.#s.delete(t), n.forEach((o) => this.#r(o)), true;
      }
    };
    Lr = () => process.umask();
    Dr = /* @__PURE__ */ Symbol("onEntry");
    _s = /* @__PURE__ */ Symbol("checkFs");
    Nr = /* @__PURE__ */ Symbol("checkFs2");
    Os = /* @__PURE__ */ Symbol("isReusable");
    P = /* @__PURE__ */ Symbol("makeFs");
    Ts = /* @__PURE__ */ Symbol("file");
    xs = /* @__PURE__ */ Symbol("directory");
    gi = /* @__PURE__ */ Symbol("link");
    Ar = /* @__PURE__ */ Symbol("symlink");
    Ir = /* @__PURE__ */ Symbol("hardlink");
    Re = /* @__PURE__ */ Symbol("ensureNoSymlink");
    Cr = /* @__PURE__ */ Symbol("unsupported");
    Fr = /* @__PURE__ */ Symbol("checkPath");
    Rs = /* @__PURE__ */ Symbol("stripAbsolutePath");
    yt = /* @__PURE__ */ Symbol("mkdir");
    O = /* @__PURE__ */ Symbol("onError");
    Ri = /* @__PURE__ */ Symbol("pending");
    kr = /* @__PURE__ */ Symbol("pend");
    $t = /* @__PURE__ */ Symbol("unpend");
    gs = /* @__PURE__ */ Symbol("ended");
    bs = /* @__PURE__ */ Symbol("maybeClose");
    Ls = /* @__PURE__ */ Symbol("skip");
    ge = /* @__PURE__ */ Symbol("doChown");
    be = /* @__PURE__ */ Symbol("uid");
    _e = /* @__PURE__ */ Symbol("gid");
    Oe = /* @__PURE__ */ Symbol("checkedCwd");
    fo = process.env.TESTING_TAR_FAKE_PLATFORM || process.platform;
    Te = fo === "win32";
    uo = 1024;
    mo = (s3, t) => {
      if (!Te) return node_fs_default.unlink(s3, t);
      let e = s3 + ".DELETE." + Mr(16).toString("hex");
      node_fs_default.rename(s3, e, (i) => {
        if (i) return t(i);
        node_fs_default.unlink(e, t);
      });
    };
    po = (s3) => {
      if (!Te) return node_fs_default.unlinkSync(s3);
      let t = s3 + ".DELETE." + Mr(16).toString("hex");
      node_fs_default.renameSync(s3, t), node_fs_default.unlinkSync(t);
    };
    vr = (s3, t, e) => s3 !== void 0 && s3 === s3 >>> 0 ? s3 : t !== void 0 && t === t >>> 0 ? t : e;
    Xt = class extends rt {
      [gs] = false;
      [Oe] = false;
      [Ri] = 0;
      reservations = new yi();
      transform;
      writable = true;
      readable = false;
      uid;
      gid;
      setOwner;
      preserveOwner;
      processGid;
      processUid;
      maxDepth;
      forceChown;
      win32;
      newer;
      keep;
      noMtime;
      preservePaths;
      unlink;
      cwd;
      strip;
      processUmask;
      umask;
      dmode;
      fmode;
      chmod;
      constructor(t = {}) {
        if (t.ondone = () => {
          this[gs] = true, this[bs]();
        }, super(t), this.transform = t.transform, this.chmod = !!t.chmod, typeof t.uid == "number" || typeof t.gid == "number") {
          if (typeof t.uid != "number" || typeof t.gid != "number") throw new TypeError("cannot set owner without number uid and gid");
          if (t.preserveOwner) throw new TypeError("cannot preserve owner in archive and also set owner explicitly");
          this.uid = t.uid, this.gid = t.gid, this.setOwner = true;
        } else this.uid = void 0, this.gid = void 0, this.setOwner = false;
        this.preserveOwner = t.preserveOwner === void 0 && typeof t.uid != "number" ? process.getuid?.() === 0 : !!t.preserveOwner, this.processUid = (this.preserveOwner || this.setOwner) && process.getuid ? process.getuid() : void 0, this.processGid = (this.preserveOwner || this.setOwner) && process.getgid ? process.getgid() : void 0, this.maxDepth = typeof t.maxDepth == "number" ? t.maxDepth : uo, this.forceChown = t.forceChown === true, this.win32 = !!t.win32 || Te, this.newer = !!t.newer, this.keep = !!t.keep, this.noMtime = !!t.noMtime, this.preservePaths = !!t.preservePaths, this.unlink = !!t.unlink, this.cwd = f(R.resolve(t.cwd || process.cwd())), this.strip = Number(t.strip) || 0, this.processUmask = this.chmod ? typeof t.processUmask == "number" ? t.processUmask : Lr() : 0, this.umask = typeof t.umask == "number" ? t.umask : this.processUmask, this.dmode = t.dmode || 511 & ~this.umask, this.fmode = t.fmode || 438 & ~this.umask, this.on("entry", (e) => this[Dr](e));
      }
      warn(t, e, i = {}) {
        return (t === "TAR_BAD_ARCHIVE" || t === "TAR_ABORT") && (i.recoverable = false), super.warn(t, e, i);
      }
      [bs]() {
        this[gs] && this[Ri] === 0 && (this.emit("prefinish"), this.emit("finish"), this.emit("end"));
      }
      [Rs](t, e) {
        let i = t[e], { type: r } = t;
        if (!i || this.preservePaths) return true;
        let [n, o] = ce(i), h = o.replaceAll(/\\/g, "/").split("/");
        if (h.includes("..") || Te && /^[a-z]:\.\.$/i.test(h[0] ?? "")) {
          if (e === "path" || r === "Link") return this.warn("TAR_ENTRY_ERROR", `${e} contains '..'`, { entry: t, [e]: i }), false;
          let a = R.posix.dirname(t.path), l = R.posix.normalize(R.posix.join(a, h.join("/")));
          if (l.startsWith("../") || l === "..") return this.warn("TAR_ENTRY_ERROR", `${e} escapes extraction directory`, { entry: t, [e]: i }), false;
        }
        return n && (t[e] = String(o), this.warn("TAR_ENTRY_INFO", `stripping ${n} from absolute ${e}`, { entry: t, [e]: i })), true;
      }
      [Fr](t) {
        let e = f(t.path), i = e.split("/");
        if (this.strip) {
          if (i.length < this.strip) return false;
          if (t.type === "Link") {
            let r = f(String(t.linkpath)).split("/");
            if (r.length >= this.strip) t.linkpath = r.slice(this.strip).join("/");
            else return false;
          }
          i.splice(0, this.strip), t.path = i.join("/");
        }
        if (isFinite(this.maxDepth) && i.length > this.maxDepth) return this.warn("TAR_ENTRY_ERROR", "path excessively deep", { entry: t, path: e, depth: i.length, maxDepth: this.maxDepth }), false;
        if (!this[Rs](t, "path") || !this[Rs](t, "linkpath")) return false;
        if (t.absolute = R.isAbsolute(t.path) ? f(R.resolve(t.path)) : f(R.resolve(this.cwd, t.path)), !this.preservePaths && typeof t.absolute == "string" && t.absolute.indexOf(this.cwd + "/") !== 0 && t.absolute !== this.cwd) return this.warn("TAR_ENTRY_ERROR", "path escaped extraction target", { entry: t, path: f(t.path), resolvedPath: t.absolute, cwd: this.cwd }), false;
        if (t.absolute === this.cwd && t.type !== "Directory" && t.type !== "GNUDumpDir") return false;
        if (this.win32) {
          let { root: r } = R.win32.parse(String(t.absolute));
          t.absolute = r + ts(String(t.absolute).slice(r.length));
          let { root: n } = R.win32.parse(t.path);
          t.path = n + ts(t.path.slice(n.length));
        }
        return true;
      }
      [Dr](t) {
        if (!this[Fr](t)) return t.resume();
        switch (co.equal(typeof t.absolute, "string"), t.type) {
          case "Directory":
          case "GNUDumpDir":
            t.mode && (t.mode = t.mode | 448);
          case "File":
          case "OldFile":
          case "ContiguousFile":
          case "Link":
          case "SymbolicLink":
            return this[_s](t);
          default:
            return this[Cr](t);
        }
      }
      [O](t, e) {
        t.name === "CwdError" ? this.emit("error", t) : (this.warn("TAR_ENTRY_ERROR", t, { entry: e }), this[$t](), e.resume());
      }
      [yt](t, e, i) {
        gr(f(t), { uid: this.uid, gid: this.gid, processUid: this.processUid, processGid: this.processGid, umask: this.processUmask, preserve: this.preservePaths, unlink: this.unlink, cwd: this.cwd, mode: e }, i);
      }
      [ge](t) {
        return this.forceChown || this.preserveOwner && (typeof t.uid == "number" && t.uid !== this.processUid || typeof t.gid == "number" && t.gid !== this.processGid) || typeof this.uid == "number" && this.uid !== this.processUid || typeof this.gid == "number" && this.gid !== this.processGid;
      }
      [be](t) {
        return vr(this.uid, t.uid, this.processUid);
      }
      [_e](t) {
        return vr(this.gid, t.gid, this.processGid);
      }
      [Ts](t, e) {
        let i = typeof t.mode == "number" ? t.mode & 4095 : this.fmode, r = new et(String(t.absolute), { flags: ms(t.size), mode: i, autoClose: false });
        r.on("error", (a) => {
          r.fd && node_fs_default.close(r.fd, () => {
          }), r.write = () => true, this[O](a, t), e();
        });
        let n = 1, o = (a) => {
          if (a) {
            r.fd && node_fs_default.close(r.fd, () => {
            }), this[O](a, t), e();
            return;
          }
          --n === 0 && r.fd !== void 0 && node_fs_default.close(r.fd, (l) => {
            l ? this[O](l, t) : this[$t](), e();
          });
        };
        r.on("finish", () => {
          let a = String(t.absolute), l = r.fd;
          if (typeof l == "number" && t.mtime && !this.noMtime) {
            n++;
            let c = t.atime || /* @__PURE__ */ new Date(), d = t.mtime;
            node_fs_default.futimes(l, c, d, (y) => y ? node_fs_default.utimes(a, c, d, (T) => o(T && y)) : o());
          }
          if (typeof l == "number" && this[ge](t)) {
            n++;
            let c = this[be](t), d = this[_e](t);
            typeof c == "number" && typeof d == "number" && node_fs_default.fchown(l, c, d, (y) => y ? node_fs_default.chown(a, c, d, (T) => o(T && y)) : o());
          }
          o();
        });
        let h = this.transform && this.transform(t) || t;
        h !== t && (h.on("error", (a) => {
          this[O](a, t), e();
        }), t.pipe(h)), h.pipe(r);
      }
      [xs](t, e) {
        let i = typeof t.mode == "number" ? t.mode & 4095 : this.dmode;
        this[yt](String(t.absolute), i, (r) => {
          if (r) {
            this[O](r, t), e();
            return;
          }
          let n = 1, o = () => {
            --n === 0 && (e(), this[$t](), t.resume());
          };
          t.mtime && !this.noMtime && (n++, node_fs_default.utimes(String(t.absolute), t.atime || /* @__PURE__ */ new Date(), t.mtime, o)), this[ge](t) && (n++, node_fs_default.chown(String(t.absolute), Number(this[be](t)), Number(this[_e](t)), o)), o();
        });
      }
      [Cr](t) {
        t.unsupported = true, this.warn("TAR_ENTRY_UNSUPPORTED", `unsupported entry type: ${t.type}`, { entry: t }), t.resume();
      }
      [Ar](t, e) {
        let i = f(R.relative(this.cwd, R.resolve(R.dirname(String(t.absolute)), String(t.linkpath)))).split("/");
        this[Re](t, this.cwd, i, () => this[gi](t, String(t.linkpath), "symlink", e), (r) => {
          this[O](r, t), e();
        });
      }
      [Ir](t, e) {
        let i = f(R.resolve(this.cwd, String(t.linkpath))), r = f(String(t.linkpath)).split("/");
        this[Re](t, this.cwd, r, () => this[gi](t, i, "link", e), (n) => {
          this[O](n, t), e();
        });
      }
      [Re](t, e, i, r, n) {
        let o = i.shift();
        if (this.preservePaths || o === void 0) return r();
        let h = R.resolve(e, o);
        node_fs_default.lstat(h, (a, l) => {
          if (a) return r();
          if (l?.isSymbolicLink()) return n(new St(h, R.resolve(h, i.join("/"))));
          this[Re](t, h, i, r, n);
        });
      }
      [kr]() {
        this[Ri]++;
      }
      [$t]() {
        this[Ri]--, this[bs]();
      }
      [Ls](t) {
        this[$t](), t.resume();
      }
      [Os](t, e) {
        return t.type === "File" && !this.unlink && e.isFile() && e.nlink <= 1 && !Te;
      }
      [_s](t) {
        this[kr]();
        let e = [t.path];
        t.linkpath && e.push(t.linkpath), this.reservations.reserve(e, (i) => this[Nr](t, i));
      }
      [Nr](t, e) {
        let i = (h) => {
          e(h);
        }, r = () => {
          this[yt](this.cwd, this.dmode, (h) => {
            if (h) {
              this[O](h, t), i();
              return;
            }
            this[Oe] = true, n();
          });
        }, n = () => {
          if (t.absolute !== this.cwd) {
            let h = f(R.dirname(String(t.absolute)));
            if (h !== this.cwd) return this[yt](h, this.dmode, (a) => {
              if (a) {
                this[O](a, t), i();
                return;
              }
              o();
            });
          }
          o();
        }, o = () => {
          node_fs_default.lstat(String(t.absolute), (h, a) => {
            if (a && (this.keep || this.newer && a.mtime > (t.mtime ?? a.mtime))) {
              this[Ls](t), i();
              return;
            }
            if (h || this[Os](t, a)) return this[P](null, t, i);
            if (a.isDirectory()) {
              if (t.type === "Directory") {
                let l = this.chmod && t.mode && (a.mode & 4095) !== t.mode, c = (d) => this[P](d ?? null, t, i);
                return l ? node_fs_default.chmod(String(t.absolute), Number(t.mode), c) : c();
              }
              if (t.absolute !== this.cwd) return node_fs_default.rmdir(String(t.absolute), (l) => this[P](l ?? null, t, i));
            }
            if (t.absolute === this.cwd) return this[P](null, t, i);
            mo(String(t.absolute), (l) => this[P](l ?? null, t, i));
          });
        };
        this[Oe] ? n() : r();
      }
      [P](t, e, i) {
        if (t) {
          this[O](t, e), i();
          return;
        }
        switch (e.type) {
          case "File":
          case "OldFile":
          case "ContiguousFile":
            return this[Ts](e, i);
          case "Link":
            return this[Ir](e, i);
          case "SymbolicLink":
            return this[Ar](e, i);
          case "Directory":
          case "GNUDumpDir":
            return this[xs](e, i);
        }
      }
      [gi](t, e, i, r) {
        node_fs_default[i](e, String(t.absolute), (n) => {
          n ? this[O](n, t) : (this[$t](), t.resume()), r();
        });
      }
    };
    ye = (s3) => {
      try {
        return [null, s3()];
      } catch (t) {
        return [t, null];
      }
    };
    xe = class extends Xt {
      sync = true;
      [P](t, e) {
        return super[P](t, e, () => {
        });
      }
      [_s](t) {
        if (!this[Oe]) {
          let n = this[yt](this.cwd, this.dmode);
          if (n) return this[O](n, t);
          this[Oe] = true;
        }
        if (t.absolute !== this.cwd) {
          let n = f(R.dirname(String(t.absolute)));
          if (n !== this.cwd) {
            let o = this[yt](n, this.dmode);
            if (o) return this[O](o, t);
          }
        }
        let [e, i] = ye(() => node_fs_default.lstatSync(String(t.absolute)));
        if (i && (this.keep || this.newer && i.mtime > (t.mtime ?? i.mtime))) return this[Ls](t);
        if (e || this[Os](t, i)) return this[P](null, t);
        if (i.isDirectory()) {
          if (t.type === "Directory") {
            let o = this.chmod && t.mode && (i.mode & 4095) !== t.mode, [h] = o ? ye(() => {
              node_fs_default.chmodSync(String(t.absolute), Number(t.mode));
            }) : [];
            return this[P](h, t);
          }
          let [n] = ye(() => node_fs_default.rmdirSync(String(t.absolute)));
          this[P](n, t);
        }
        let [r] = t.absolute === this.cwd ? [] : ye(() => po(String(t.absolute)));
        this[P](r, t);
      }
      [Ts](t, e) {
        let i = typeof t.mode == "number" ? t.mode & 4095 : this.fmode, r = (h) => {
          let a;
          try {
            node_fs_default.closeSync(n);
          } catch (l) {
            a = l;
          }
          (h || a) && this[O](h || a, t), e();
        }, n;
        try {
          n = node_fs_default.openSync(String(t.absolute), ms(t.size), i);
        } catch (h) {
          return r(h);
        }
        let o = this.transform && this.transform(t) || t;
        o !== t && (o.on("error", (h) => this[O](h, t)), t.pipe(o)), o.on("data", (h) => {
          try {
            node_fs_default.writeSync(n, h, 0, h.length);
          } catch (a) {
            r(a);
          }
        }), o.on("end", () => {
          let h = null;
          if (t.mtime && !this.noMtime) {
            let a = t.atime || /* @__PURE__ */ new Date(), l = t.mtime;
            try {
              node_fs_default.futimesSync(n, a, l);
            } catch (c) {
              try {
                node_fs_default.utimesSync(String(t.absolute), a, l);
              } catch {
                h = c;
              }
            }
          }
          if (this[ge](t)) {
            let a = this[be](t), l = this[_e](t);
            try {
              node_fs_default.fchownSync(n, Number(a), Number(l));
            } catch (c) {
              try {
                node_fs_default.chownSync(String(t.absolute), Number(a), Number(l));
              } catch {
                h = h || c;
              }
            }
          }
          r(h);
        });
      }
      [xs](t, e) {
        let i = typeof t.mode == "number" ? t.mode & 4095 : this.dmode, r = this[yt](String(t.absolute), i);
        if (r) {
          this[O](r, t), e();
          return;
        }
        if (t.mtime && !this.noMtime) try {
          node_fs_default.utimesSync(String(t.absolute), t.atime || /* @__PURE__ */ new Date(), t.mtime);
        } catch {
        }
        if (this[ge](t)) try {
          node_fs_default.chownSync(String(t.absolute), Number(this[be](t)), Number(this[_e](t)));
        } catch {
        }
        e(), t.resume();
      }
      [yt](t, e) {
        try {
          return _r(f(t), { uid: this.uid, gid: this.gid, processUid: this.processUid, processGid: this.processGid, umask: this.processUmask, preserve: this.preservePaths, unlink: this.unlink, cwd: this.cwd, mode: e });
        } catch (i) {
          return i;
        }
      }
      [Re](t, e, i, r, n) {
        if (this.preservePaths || i.length === 0) return r();
        let o = e;
        for (let h of i) {
          o = R.resolve(o, h);
          let [a, l] = ye(() => node_fs_default.lstatSync(o));
          if (a) return r();
          if (l.isSymbolicLink()) return n(new St(o, R.resolve(e, i.join("/"))));
        }
        r();
      }
      [gi](t, e, i, r) {
        let n = `${i}Sync`;
        try {
          node_fs_default[n](e, String(t.absolute)), r(), t.resume();
        } catch (o) {
          return this[O](o, t);
        }
      }
    };
    Eo = (s3) => {
      let t = new xe(s3), e = s3.file, i = node_fs_default.statSync(e), r = s3.maxReadSize || 16 * 1024 * 1024;
      new Be(e, { readSize: r, size: i.size }).pipe(t);
    };
    wo = (s3, t) => {
      let e = new Xt(s3), i = s3.maxReadSize || 16 * 1024 * 1024, r = s3.file;
      return new Promise((o, h) => {
        e.on("error", h), e.on("close", o), node_fs_default.stat(r, (a, l) => {
          if (a) h(a);
          else {
            let c = new _t(r, { readSize: i, size: l.size });
            c.on("error", h), c.pipe(e);
          }
        });
      });
    };
    So = K(Eo, wo, (s3) => new xe(s3), (s3) => new Xt(s3), (s3, t) => {
      t?.length && Qi(s3, t);
    });
    yo = (s3, t) => {
      let e = new kt(s3), i = true, r, n;
      try {
        try {
          r = node_fs_default.openSync(s3.file, "r+");
        } catch (a) {
          if (a?.code === "ENOENT") r = node_fs_default.openSync(s3.file, "w+");
          else throw a;
        }
        let o = node_fs_default.fstatSync(r), h = Buffer.alloc(512);
        t: for (n = 0; n < o.size; n += 512) {
          for (let c = 0, d = 0; c < 512; c += d) {
            if (d = node_fs_default.readSync(r, h, c, h.length - c, n + c), n === 0 && h[0] === 31 && h[1] === 139) throw new Error("cannot append to compressed archives");
            if (!d) break t;
          }
          let a = new F(h);
          if (!a.cksumValid) break;
          let l = 512 * Math.ceil((a.size || 0) / 512);
          if (n + l + 512 > o.size) break;
          n += l, s3.mtimeCache && a.mtime && s3.mtimeCache.set(String(a.path), a.mtime);
        }
        i = false, Ro(s3, e, n, r, t);
      } finally {
        if (i) try {
          node_fs_default.closeSync(r);
        } catch {
        }
      }
    };
    Ro = (s3, t, e, i, r) => {
      let n = new Wt(s3.file, { fd: i, start: e });
      t.pipe(n), bo(t, r);
    };
    go = (s3, t) => {
      t = Array.from(t);
      let e = new wt(s3), i = (n, o, h) => {
        let a = (T, D) => {
          T ? node_fs_default.close(n, (E) => h(T)) : h(null, D);
        }, l = 0;
        if (o === 0) return a(null, 0);
        let c = 0, d = Buffer.alloc(512), y = (T, D) => {
          if (T || D === void 0) return a(T);
          if (c += D, c < 512 && D) return node_fs_default.read(n, d, c, d.length - c, l + c, y);
          if (l === 0 && d[0] === 31 && d[1] === 139) return a(new Error("cannot append to compressed archives"));
          if (c < 512) return a(null, l);
          let E = new F(d);
          if (!E.cksumValid) return a(null, l);
          let x = 512 * Math.ceil((E.size ?? 0) / 512);
          if (l + x + 512 > o || (l += x + 512, l >= o)) return a(null, l);
          s3.mtimeCache && E.mtime && s3.mtimeCache.set(String(E.path), E.mtime), c = 0, node_fs_default.read(n, d, 0, 512, l, y);
        };
        node_fs_default.read(n, d, 0, 512, l, y);
      };
      return new Promise((n, o) => {
        e.on("error", o);
        let h = "r+", a = (l, c) => {
          if (l && l.code === "ENOENT" && h === "r+") return h = "w+", node_fs_default.open(s3.file, h, a);
          if (l || !c) return o(l);
          node_fs_default.fstat(c, (d, y) => {
            if (d) return node_fs_default.close(c, () => o(d));
            i(c, y.size, (T, D) => {
              if (T) return o(T);
              let E = new et(s3.file, { fd: c, start: D });
              e.pipe(E), E.on("error", o), E.on("close", n), _o(e, t);
            });
          });
        };
        node_fs_default.open(s3.file, h, a);
      });
    };
    bo = (s3, t) => {
      t.forEach((e) => {
        e.charAt(0) === "@" ? Ct({ file: Pr.resolve(s3.cwd, e.slice(1)), sync: true, noResume: true, onReadEntry: (i) => s3.add(i) }) : s3.add(e);
      }), s3.end();
    };
    _o = async (s3, t) => {
      for (let e of t) e.charAt(0) === "@" ? await Ct({ file: Pr.resolve(String(s3.cwd), e.slice(1)), noResume: true, onReadEntry: (i) => s3.add(i) }) : s3.add(e);
      s3.end();
    };
    vt = K(yo, go, () => {
      throw new TypeError("file is required");
    }, () => {
      throw new TypeError("file is required");
    }, (s3, t) => {
      if (!Bs(s3)) throw new TypeError("file is required");
      if (s3.gzip || s3.brotli || s3.zstd || s3.file.endsWith(".br") || s3.file.endsWith(".tbr")) throw new TypeError("cannot append to compressed archives");
      if (!t?.length) throw new TypeError("no paths specified to add/replace");
    });
    Oo = K(vt.syncFile, vt.asyncFile, vt.syncNoFile, vt.asyncNoFile, (s3, t = []) => {
      vt.validate?.(s3, t), To(s3);
    });
    To = (s3) => {
      let t = s3.filter;
      s3.mtimeCache || (s3.mtimeCache = /* @__PURE__ */ new Map()), s3.filter = t ? (e, i) => t(e, i) && !((s3.mtimeCache?.get(e) ?? i.mtime ?? 0) > (i.mtime ?? 0)) : (e, i) => !((s3.mtimeCache?.get(e) ?? i.mtime ?? 0) > (i.mtime ?? 0));
    };
  }
});

// koffi-util:node_modules/koffi/src/koffi/index.cjs
var require_koffi = __commonJS({
  "koffi-util:node_modules/koffi/src/koffi/index.cjs"(exports, module) {
    module.exports = { deprecate: __require("node:util").deprecate };
  }
});

// koffi-native:@koromix/koffi-linux-arm
var require_koffi_linux_arm = __commonJS({
  "koffi-native:@koromix/koffi-linux-arm"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-linux-arm64
var require_koffi_linux_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-arm64"(exports, module) {
    module.exports = __require(__require("node:path").join(__dirname, "koffi", "linux_arm64", "koffi.node"));
  }
});

// koffi-native:@koromix/koffi-linux-ia32
var require_koffi_linux_ia32 = __commonJS({
  "koffi-native:@koromix/koffi-linux-ia32"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-linux-x64
var require_koffi_linux_x64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-x64"(exports, module) {
    module.exports = __require(__require("node:path").join(__dirname, "koffi", "linux_x64", "koffi.node"));
  }
});

// koffi-native:@koromix/koffi-linux-riscv64
var require_koffi_linux_riscv64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-riscv64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-freebsd-ia32
var require_koffi_freebsd_ia32 = __commonJS({
  "koffi-native:@koromix/koffi-freebsd-ia32"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-freebsd-x64
var require_koffi_freebsd_x64 = __commonJS({
  "koffi-native:@koromix/koffi-freebsd-x64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-freebsd-arm64
var require_koffi_freebsd_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-freebsd-arm64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-openbsd-ia32
var require_koffi_openbsd_ia32 = __commonJS({
  "koffi-native:@koromix/koffi-openbsd-ia32"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-openbsd-x64
var require_koffi_openbsd_x64 = __commonJS({
  "koffi-native:@koromix/koffi-openbsd-x64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-win32-ia32
var require_koffi_win32_ia32 = __commonJS({
  "koffi-native:@koromix/koffi-win32-ia32"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-win32-x64
var require_koffi_win32_x64 = __commonJS({
  "koffi-native:@koromix/koffi-win32-x64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-win32-arm64
var require_koffi_win32_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-win32-arm64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-darwin-x64
var require_koffi_darwin_x64 = __commonJS({
  "koffi-native:@koromix/koffi-darwin-x64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-darwin-arm64
var require_koffi_darwin_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-darwin-arm64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-linux-loong64
var require_koffi_linux_loong64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-loong64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-android-arm64
var require_koffi_android_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-android-arm64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-android-x64
var require_koffi_android_x64 = __commonJS({
  "koffi-native:@koromix/koffi-android-x64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-linux-ppc64
var require_koffi_linux_ppc64 = __commonJS({
  "koffi-native:@koromix/koffi-linux-ppc64"(exports, module) {
    module.exports = null;
  }
});

// koffi-native:@koromix/koffi-openbsd-arm64
var require_koffi_openbsd_arm64 = __commonJS({
  "koffi-native:@koromix/koffi-openbsd-arm64"(exports, module) {
    module.exports = null;
  }
});

// node_modules/koffi/src/koffi/src/static.cjs
var require_static = __commonJS({
  "node_modules/koffi/src/koffi/src/static.cjs"(exports, module) {
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
    module.exports = { loadStatic };
  }
});

// node_modules/koffi/src/koffi/index.cjs
var require_koffi2 = __commonJS({
  "node_modules/koffi/src/koffi/index.cjs"(exports, module) {
    var __create2 = Object.create;
    var __defProp2 = Object.defineProperty;
    var __getOwnPropDesc2 = Object.getOwnPropertyDescriptor;
    var __getOwnPropNames2 = Object.getOwnPropertyNames;
    var __getProtoOf2 = Object.getPrototypeOf;
    var __hasOwnProp2 = Object.prototype.hasOwnProperty;
    var __esm2 = (fn, res, err) => function __init() {
      if (err) throw err[0];
      try {
        return fn && (res = (0, fn[__getOwnPropNames2(fn)[0]])(fn = 0)), res;
      } catch (e) {
        throw err = [e], e;
      }
    };
    var __export2 = (target, all) => {
      for (var name in all)
        __defProp2(target, name, { get: all[name], enumerable: true });
    };
    var __copyProps2 = (to2, from, except, desc) => {
      if (from && typeof from === "object" || typeof from === "function") {
        for (let key of __getOwnPropNames2(from))
          if (!__hasOwnProp2.call(to2, key) && key !== except)
            __defProp2(to2, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc2(from, key)) || desc.enumerable });
      }
      return to2;
    };
    var __toESM2 = (mod, isNodeMode, target) => (target = mod != null ? __create2(__getProtoOf2(mod)) : {}, __copyProps2(
      // If the importer is in node compatibility mode or this is not an ESM
      // file that has been converted to a CommonJS file using a Babel-
      // compatible transform (i.e. "__esModule" has not been set), then set
      // "default" to the CommonJS "module.exports" for node compatibility.
      isNodeMode || !mod || !mod.__esModule ? __defProp2(target, "default", { value: mod, enumerable: true }) : target,
      mod
    ));
    var __toCommonJS2 = (mod) => __copyProps2(__defProp2({}, "__esModule", { value: true }), mod);
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
      let fd = import_node_fs37.default.openSync(filename, flags2);
      return new FileHandle(fd);
    }
    var import_node_fs37;
    var FileHandle;
    var init_abi = __esm2({
      "../cnoke/src/abi.js"() {
        import_node_fs37 = __toESM2((init_node_fs(), __toCommonJS(node_fs_exports)), 1);
        FileHandle = class {
          constructor(fd) {
            this.fd = fd;
          }
          close() {
            import_node_fs37.default.closeSync(this.fd);
          }
          [Symbol.dispose]() {
            import_node_fs37.default.closeSync(this.fd);
          }
          read(offset, len) {
            let buf = Buffer.allocUnsafe(len);
            let read2 = import_node_fs37.default.readSync(this.fd, buf, 0, len, offset);
            return buf.subarray(0, read2);
          }
        };
      }
    });
    var package_default;
    var init_package = __esm2({
      "package.json"() {
        package_default = { name: "koffi", version: "3.3.4", cnoke: { api: "../../vendor/node-api-headers", output: "../../bin/Koffi/{{ toolchain }}", node: 16, napi: 8 } };
      }
    });
    var init_exports = {};
    __export2(init_exports, {
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
    function loadDynamic(dirname4, pkg2, triplets2) {
      let suffix = "/../../build/koffi";
      let root = dirname4 + suffix;
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
    var init_init = __esm2({
      "src/init.js"() {
        import_node_util = __toESM2(require_koffi());
        import_node_fs210 = __toESM2((init_node_fs(), __toCommonJS(node_fs_exports)));
        import_node_module2 = __require("node:module");
        init_abi();
        init_package();
        require2 = (0, import_node_module2.createRequire)(__filename);
      }
    });
    var { detectPlatform: detectPlatform2, loadDynamic: loadDynamic2, wrapNative: wrapNative2 } = (init_init(), __toCommonJS2(init_exports));
    var { loadStatic } = require_static();
    var [version, pkg, triplets] = detectPlatform2();
    var native = loadStatic(pkg) ?? loadDynamic2(__dirname, pkg, triplets);
    wrapNative2(native, version);
    module.exports = {
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
var require_koffi3 = __commonJS({
  "node_modules/koffi/index.cjs"(exports, module) {
    module.exports = require_koffi2();
  }
});

// src/cli/main.ts
init_node_fs();
import { dirname as dirname3, resolve } from "node:path";
import { isatty } from "node:tty";

// src/engine/defaults.ts
import { totalmem } from "node:os";
import path2 from "node:path";

// src/engine/fs.ts
init_node_fs();
import path from "node:path";
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
  constructor(path13, reason, code) {
    super(`${path13}: ${reason}${code ? ` (${code})` : ""}`);
    this.path = path13;
    this.reason = reason;
    this.code = code;
  }
  path;
  reason;
  code;
};
function readRegularFile(path13, maxBytes) {
  let fd;
  try {
    fd = openSync(
      path13,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY
    );
  } catch (e) {
    const code = errCode(e);
    const reason = code === "ENOENT" ? "missing" : code === "ELOOP" ? "symlink" : "unreadable";
    throw new RefusedFileError(path13, reason, code);
  }
  try {
    const st2 = fstatSync(fd);
    if (!st2.isFile()) throw new RefusedFileError(path13, "not-a-file", "");
    if (st2.size > maxBytes) throw new RefusedFileError(path13, "too-large", "");
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
function writeFileAtomic(file, data, mode = 384) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, data, { mode });
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
function isDir(p2) {
  try {
    return statSync(p2).isDirectory();
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
      if (d.isDirectory()) openDirs(path.join(dir, d.name));
    }
  } catch {
  }
}

// src/engine/cgroup/detect.ts
init_node_fs();

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
function unescapeOctal(s3) {
  return s3.replace(/\\([0-7]{3})/g, (_2, o) => String.fromCharCode(Number.parseInt(o, 8)));
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
    const m2 = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!m2) continue;
    const [, id, ctrls, path13] = m2;
    if (id === "0" && ctrls === "") res.v2Path = path13;
    else for (const c of ctrls.split(",")) if (c) res.v1.set(c, path13);
  }
  return res;
}
function cgroupDir(mountPoint, mountRoot, path13) {
  const root = mountRoot === "/" ? "" : mountRoot.replace(/\/+$/, "");
  if (root && path13 !== root && !path13.startsWith(`${root}/`)) return null;
  const rel = path13.slice(root.length).replace(/^\/+/, "");
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
  read: readTextOrNull,
  writable(path13) {
    try {
      accessSync(path13, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
};
var words = (s3) => (s3 ?? "").split(/\s+/).filter(Boolean);
function detectLayout(mountinfo, procCgroup, probe = fsProbe) {
  const mounts = parseCgroupMounts(mountinfo);
  const own = parseProcCgroup(procCgroup);
  let v2 = null;
  const m2 = mounts.find((m3) => m3.fsType === "cgroup2");
  if (m2 && own.v2Path !== null) {
    const ownDir = cgroupDir(m2.mountPoint, m2.root, own.v2Path);
    const controllers = words(probe.read(`${m2.mountPoint}/cgroup.controllers`));
    const ownWritable = ownDir !== null && probe.writable(`${ownDir}/cgroup.procs`) && probe.writable(`${ownDir}/cgroup.subtree_control`);
    const ownControllers = ownDir ? words(probe.read(`${ownDir}/cgroup.controllers`)) : [];
    const ownSubtree = ownDir ? words(probe.read(`${ownDir}/cgroup.subtree_control`)) : [];
    const wanted = V2_CONTROLLERS.filter((c) => controllers.includes(c));
    const ownUsable = ownWritable && (own.v2Path === "/" || wanted.every((c) => ownControllers.includes(c) && ownSubtree.includes(c)));
    v2 = { mountPoint: m2.mountPoint, ownPath: own.v2Path, ownDir, controllers, ownWritable, ownUsable };
  }
  const v1 = [];
  for (const m3 of mounts) {
    if (m3.fsType !== "cgroup") continue;
    const ctrls = V1_CONTROLLERS.filter((c) => m3.superOptions.includes(c));
    if (ctrls.length === 0) continue;
    const path13 = own.v1.get(ctrls[0]);
    if (path13 === void 0) continue;
    const ownDir = cgroupDir(m3.mountPoint, m3.root, path13);
    if (ownDir === null || v1.some((h) => h.mountPoint === m3.mountPoint)) continue;
    v1.push({
      controllers: [...ctrls],
      mountPoint: m3.mountPoint,
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
  const message = err instanceof Error ? err.message : String(err);
  const hint = err instanceof UsageError || err instanceof SetupError ? err.hint : void 0;
  return hint ? `${message}; ${hints[hint]}` : message;
}

// src/engine/cgroup/io.ts
init_node_fs();

// src/engine/proc.ts
init_node_fs();
function childProcess() {
  return process.getBuiltinModule("node:child_process");
}
function isRoot() {
  return process.getuid?.() === 0;
}
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
function sigkill(pid) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
  }
}
function procStatFields(pid) {
  const stat2 = readTextOrNull(`/proc/${pid}/stat`);
  return stat2 === null ? null : stat2.slice(stat2.lastIndexOf(")") + 2).split(" ");
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
  const m2 = /^btime (\d+)$/m.exec(readTextOrNull("/proc/stat") ?? "");
  return m2 ? Number(m2[1]) * 1e3 : 0;
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
  const m2 = /^NSpid:\s*(.*)$/m.exec(readTextOrNull(`/proc/${pid}/status`) ?? "");
  return m2 ? m2[1].trim().split(/\s+/).length : null;
}

// src/engine/sleep.ts
var sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms2) {
  Atomics.wait(sleeper, 0, 0, ms2);
}

// src/engine/cgroup/io.ts
function readNum(path13) {
  const t = readTextOrNull(path13);
  return t === null ? null : parseNumber(t);
}
function writeCg(path13, value) {
  writeFileSync(path13, value);
}
function mkdirCg(path13) {
  mkdirSync(path13, { mode: 493 });
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
function killPids(pids) {
  for (const pid of pids) sigkill(pid);
}
function waitEmpty(dirs, ms2) {
  const end = Date.now() + ms2;
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
function sandboxStats(sampler, read2) {
  sampler?.sample();
  sampler?.stop();
  const r = read2();
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
    pidsLimitHit: (pidsEvents.get("max") ?? 0) > 0
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
   * for (e.g. rootless, no cgroup) is only recorded: the sandbox runs, and the report says so.
   */
  cannot(limit, reason) {
    if (this.defaulted.includes(limit)) {
      this.notEnforced.push(`${limit} default (${reason})`);
      return;
    }
    if (!this.bestEffort) {
      throw new SetupError("cgroup", `cannot enforce ${limit} limit: ${reason}`, "best-effort");
    }
    this.notEnforced.push(`${limit} (${reason})`);
  }
  /** Write one limit file; a failure goes through cannot(). */
  write(limit, path13, value) {
    try {
      writeCg(path13, value);
      return true;
    } catch (e) {
      this.cannot(limit, `${errCode(e)} writing ${path13}`);
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
  constructor(reason) {
    this.reason = reason;
  }
  reason;
  kind = "none";
  createSandbox(_name, limits, bestEffort) {
    const guard = new LimitGuard(bestEffort, limits.defaulted);
    for (const limit of requested(limits)) guard.cannot(limit, this.reason);
    return new NoneSandbox(guard.notEnforced, this.reason);
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
      memoryPeakNote: `no cgroup: ${this.reason}`,
      pidsPeak: null,
      pidsPeakSource: null,
      oomKills: 0,
      pidsLimitHit: false
    };
  }
  remove() {
  }
};

// src/engine/cgroup/v1.ts
init_node_fs();

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
  for (const h of hierarchies) {
    const runDir = `${h.ownDir}/${runName}`;
    try {
      mkdirCg(runDir);
      parts.push({ controllers: h.controllers, runDir });
      for (const c of h.controllers) missing.delete(c);
    } catch (e) {
      for (const c of h.controllers) missing.set(c, `${errCode(e)} creating ${runDir}`);
    }
  }
  if (parts.length === 0)
    return new NoneRun(`no usable cgroup v1 hierarchy (${[...new Set(missing.values())].join("; ")})`);
  return new V1Run(parts, missing);
}
function needsHierarchy(controllers, limits) {
  return controllers.some((c) => c !== "cpu" || limits.cpus !== void 0);
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
  constructor(parts, missing) {
    this.parts = parts;
    this.missing = missing;
  }
  parts;
  missing;
  kind = "v1";
  sandboxes = /* @__PURE__ */ new Set();
  hasFile = fileCheckCache();
  createSandbox(name, limits, bestEffort) {
    assertSandboxName(name);
    const parts = this.parts.filter((p2) => needsHierarchy(p2.controllers, limits));
    const sb = new V1Sandbox(parts, name, this.missing, this.hasFile, () => this.sandboxes.delete(sb));
    withLimits(sb, limits, bestEffort);
    this.sandboxes.add(sb);
    return sb;
  }
  dispose() {
    for (const sb of [...this.sandboxes]) sb.remove();
    let err = null;
    for (const p2 of this.parts) {
      if (rmdirRetry(p2.runDir, 1) === null) continue;
      killLoop([p2.runDir]);
      err = removeCgroupTree(p2.runDir) ?? err;
    }
    if (err) throw new Error(`cannot remove cgroup run dirs: ${err.message}`);
  }
};
var V1Sandbox = class {
  constructor(parts, name, missing, hasFile, onRemove) {
    this.missing = missing;
    this.hasFile = hasFile;
    this.onRemove = onRemove;
    for (const p2 of parts) {
      const dir = `${p2.runDir}/${name}`;
      try {
        mkdirCg(dir);
      } catch (e) {
        for (const d of this.dirs) rmdirRetry(d.dir);
        throw new SetupError("cgroup", `cannot create cgroup ${dir}: ${errCode(e)}`);
      }
      this.dirs.push({ controllers: p2.controllers, dir });
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
    return this.missing.get(controller) ?? `no ${controller} controller`;
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
    const ns2 = d ? readNum(`${d}/cpuacct.usage`) : null;
    return ns2 === null ? null : ns2 / 1e6;
  }
  kill() {
    const all = this.dirs.map((d) => d.dir);
    const fz = this.dirOf("freezer");
    if (fz) {
      this.freeze(fz, true);
      killPids(new Set(all.flatMap(procsOf)));
      this.freeze(fz, false);
    }
    killLoop(all);
  }
  /** FROZEN (waiting until the kernel reports it, up to 1 s) or THAWED; false if it did not happen. */
  freeze(dir, frozen) {
    const want = frozen ? "FROZEN" : "THAWED";
    try {
      writeCg(`${dir}/freezer.state`, want);
    } catch {
      return false;
    }
    for (let i = 0; i < 200; i++) {
      if (readTextOrNull(`${dir}/freezer.state`)?.trim() === want) return true;
      sleepSync(5);
    }
    return false;
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
      const st2 = parseKeyed(readTextOrNull(`${acct}/cpuacct.stat`) ?? "");
      user = (st2.get("user") ?? 0) * MS_PER_TICK2;
      sys = (st2.get("system") ?? 0) * MS_PER_TICK2;
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
init_node_fs();
var words2 = (s3) => (s3 ?? "").split(/\s+/).filter(Boolean);
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
  if (!bases.includes(tree.mountPoint)) bases.push(tree.mountPoint);
  const reasons = [];
  for (const base of bases) {
    let step = `enabling controllers in ${base}/cgroup.subtree_control`;
    try {
      enableControllers(base);
      const dir = `${base}/${runName}`;
      step = `creating ${dir}`;
      mkdirCg(dir);
      try {
        step = `enabling controllers in ${dir}/cgroup.subtree_control`;
        return new V2Run(dir, enableControllers(dir));
      } catch (e) {
        rmdirRetry(dir);
        throw e;
      }
    } catch (e) {
      reasons.push(`${errCode(e)} ${step}`);
    }
  }
  return new NoneRun(`no usable cgroup v2 parent (${reasons.join("; ")})`);
}
var V2Run = class {
  constructor(dir, enabled) {
    this.dir = dir;
    this.enabled = enabled;
  }
  dir;
  enabled;
  kind = "v2";
  sandboxes = /* @__PURE__ */ new Set();
  createSandbox(name, limits, bestEffort) {
    assertSandboxName(name);
    const sb = new V2Sandbox(`${this.dir}/${name}`, this.enabled, () => this.sandboxes.delete(sb));
    withLimits(sb, limits, bestEffort);
    this.sandboxes.add(sb);
    return sb;
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
  constructor(dir, enabled, onRemove) {
    this.dir = dir;
    this.enabled = enabled;
    this.onRemove = onRemove;
    try {
      mkdirCg(dir);
    } catch (e) {
      throw new SetupError("cgroup", `cannot create cgroup ${dir}: ${errCode(e)}`);
    }
  }
  dir;
  enabled;
  onRemove;
  kind = "v2";
  notEnforced = [];
  sampler = null;
  removed = false;
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
      guard.cannot("memory", "no memory controller in the cgroup v2 tree");
    }
    if (limits.pids !== void 0) {
      if (has("pids")) guard.write("pids", `${this.dir}/pids.max`, String(limits.pids));
      else guard.cannot("pids", "no pids controller in the cgroup v2 tree");
    }
    if (limits.cpus !== void 0) {
      if (has("cpu"))
        guard.write("cpus", `${this.dir}/cpu.max`, `${cpuQuotaUs(limits.cpus)} ${CPU_PERIOD_US}`);
      else guard.cannot("cpus", "no cpu controller in the cgroup v2 tree");
    }
  }
  helperSpec() {
    return [["cgroup_v2", this.dir]];
  }
  started() {
    if (this.enabled.includes("pids") && !existsSync(`${this.dir}/pids.peak`)) {
      this.sampler ??= new PidsSampler(`${this.dir}/pids.current`);
      this.sampler.start();
    }
  }
  cpuUsageMs() {
    const t = readTextOrNull(`${this.dir}/cpu.stat`);
    const us2 = t === null ? void 0 : parseKeyed(t).get("usage_usec");
    return us2 === void 0 ? null : us2 / 1e3;
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
        pidsEventsFile: `${this.dir}/pids.events`
      };
    });
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

// src/engine/cgroup/stale.ts
init_node_fs();
import { basename } from "node:path";
function placesFor(layout) {
  const places = /* @__PURE__ */ new Set();
  if (layout.v2) {
    places.add(layout.v2.mountPoint);
    if (layout.v2.ownDir) places.add(layout.v2.ownDir);
  }
  for (const h of layout.v1) places.add(h.ownDir);
  return [...places];
}
var MAX_DEPTH = 12;
function runDirsBeneath(roots, maxDepth) {
  const out = [];
  const walk = (dir, depth2) => {
    for (const path13 of subdirs(dir)) {
      const name = basename(path13);
      if (RUN_DIR_RE.test(name)) out.push({ name, dir: path13, parent: dir });
      else if (depth2 < maxDepth) walk(path13, depth2 + 1);
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
    return pids.length > 0 && !pids.some((p2) => {
      const depth2 = p2 === 0 ? null : pidNamespaceDepth(p2);
      return depth2 !== null && this.ourDepth !== null && depth2 - this.ourDepth <= 1;
    });
  }
  around(parent) {
    let foreign = this.foreignAround.get(parent);
    if (foreign === void 0) {
      foreign = procsAround(parent).some((p2) => {
        const ns2 = p2 === 0 ? "unknown" : pidNamespace(p2);
        return ns2 !== null && ns2 !== this.ours;
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
    const tree = { ...v2, ownDir: opts.root, ownUsable: true, mountPoint: opts.root };
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
var MIB = 1024 ** 2;
var UNLIMITED = 2 ** 60;
function tmpfsInodes(bytes) {
  return Math.max(MIN_TMPFS_INODES, Math.floor(bytes / TMPFS_BYTES_PER_INODE));
}
function memoryAvailable(layout = detectCgroups(), total = totalmem()) {
  let avail = total;
  const walk = (dir, top, file) => {
    for (let d = dir; d?.startsWith(top); d = d === top ? null : path2.dirname(d)) {
      const v = Number((readTextOrNull(`${d}/${file}`) ?? "").trim());
      if (Number.isFinite(v) && v > 0 && v < UNLIMITED) avail = Math.min(avail, v);
    }
  };
  if (layout.v2?.ownDir) walk(layout.v2.ownDir, layout.v2.mountPoint, "memory.max");
  const v1 = layout.v1.find((h) => h.controllers.includes("memory"));
  if (v1) walk(v1.ownDir, v1.mountPoint, "memory.limit_in_bytes");
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

// src/engine/apk/parse.ts
var NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;
function isPackageName(name) {
  return name.length <= 128 && NAME.test(name);
}
function splitPackages(values) {
  return [...new Set(values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean))].sort();
}
function addedPackages(before, after) {
  const had = new Set(before.map((p2) => `${p2.name}=${p2.version}`));
  return after.filter((p2) => !had.has(`${p2.name}=${p2.version}`)).sort((a, b2) => a.name.localeCompare(b2.name));
}
function parseInstallPlan(output) {
  const out = [];
  for (const m2 of output.matchAll(
    /^\(\d+\/\d+\) (?:Installing|Upgrading|Replacing) (\S+) \((?:\S+ -> )?([^)\s]+)\)/gm
  )) {
    if (isPackageName(m2[1])) out.push({ name: m2[1], version: m2[2] });
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
  const missing = [...output.matchAll(/^\s+(\S+) \(no such package\):/gm)].map((m2) => m2[1]);
  if (missing.length > 0) {
    const list = missing.map((n) => `'${n}'`).join(", ");
    return {
      message: `package ${list} ${missing.length === 1 ? "is" : "are"} not in the repositories; check the name or add a repository`,
      untrusted: false
    };
  }
  return null;
}

// src/engine/net/cidr.ts
var OCTET = /^(0|[1-9][0-9]{0,2})$/;
function parseIp4(text) {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p2 of parts) {
    if (!OCTET.test(p2)) return null;
    const v = Number(p2);
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
    const p2 = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]?)$/.test(p2) || Number(p2) > 32) return null;
    prefix = Number(p2);
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
function cidrOverlaps(a, b2) {
  const p2 = Math.min(a.prefix, b2.prefix);
  const m2 = maskOf(p2);
  return (a.base & m2) >>> 0 === (b2.base & m2) >>> 0;
}
var BLOCKED_RANGES = [
  "0.0.0.0/8",
  // "this network"
  "10.0.0.0/8",
  "100.64.0.0/10",
  // CGNAT (also holds the default pool)
  "127.0.0.0/8",
  "169.254.0.0/16",
  // link-local, cloud metadata 169.254.169.254
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/4",
  // multicast
  "240.0.0.0/4"
  // reserved + limited broadcast 255.255.255.255
];

// src/engine/net/policy.ts
var DEFAULT_MAX_CONNECTIONS = 4096;
var MAX_CONNECTIONS_LIMIT = 1e6;
function buildPolicy(runId, pool, allow, dnsServers, hostAddrs4, maxConnections = DEFAULT_MAX_CONNECTIONS) {
  const dns = dnsServers.map((s3) => ({ cidr: `${s3}/32`, port: 53 }));
  const hostSet = new Set(hostAddrs4);
  const named = (r) => r.cidr.endsWith("/32") && hostSet.has(r.cidr.slice(0, -3));
  const blocked = [...BLOCKED_RANGES, pool, ...hostAddrs4.map((a) => `${a}/32`)];
  return {
    runId,
    ifPrefix: `nsb${runId}`,
    pool,
    forwardAllow: [...allow, ...dns],
    hostAllow: [...allow, ...dns].filter(named),
    blocked: normaliseSet(blocked),
    maxConnections
  };
}
function normaliseSet(cidrs) {
  const parsed = cidrs.map((c) => parseCidr4(c, true)).filter((c) => c !== null).map((c) => ({ base: c.base, prefix: c.prefix, end: c.base + 2 ** (32 - c.prefix) - 1 })).sort((a, b2) => a.base - b2.base || a.prefix - b2.prefix);
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
  const m2 = SIZE_RE.exec(value.trim());
  const bytes = m2 ? Number(m2[1]) * (SIZE_UNITS[(m2[2] ?? "").toLowerCase()] ?? Number.NaN) : Number.NaN;
  if (!(bytes >= 1) || !Number.isSafeInteger(Math.floor(bytes)) || !m2?.[2] && !Number.isInteger(bytes)) {
    throw new UsageError(`${name}: '${value}' is not a size; use 512M or 2G`);
  }
  return Math.floor(bytes);
}
function parseCount(name, value) {
  const v = value.trim();
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= 1) || !Number.isSafeInteger(n)) {
    throw new UsageError(`${name}: '${value}' is not a count; use a whole number like 64`);
  }
  return n;
}
var MIN_CPUS = 0.01;
var MAX_CPUS = 4096;
function parseCpus(name, value) {
  const v = value.trim();
  const n = /^(\d+(\.\d+)?|\.\d+)$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= MIN_CPUS && n <= MAX_CPUS)) {
    throw new UsageError(`${name}: '${value}' is not a CPU count; use 0.5 or 2`);
  }
  return n;
}
var DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/gy;
function parseDuration(name, value) {
  const v = value.trim();
  let ms2 = Number.NaN;
  if (/^(\d+(\.\d+)?|\.\d+)$/.test(v)) {
    ms2 = Number(v) * 1e3;
  } else if (v !== "") {
    DURATION_PART.lastIndex = 0;
    let total = 0;
    let end = 0;
    for (let m2 = DURATION_PART.exec(v); m2; m2 = DURATION_PART.exec(v)) {
      total += Number(m2[1]) * DURATION_UNITS[m2[2]];
      end = DURATION_PART.lastIndex;
    }
    if (end === v.length) ms2 = total;
  }
  const rounded = Math.round(ms2);
  if (!(rounded >= 1) || !Number.isSafeInteger(rounded)) {
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
  for (const p2 of packages)
    if (!isPackageName(p2))
      throw new UsageError(`packages: '${p2}' is not an apk package name; use names like nodejs`);
  return packages;
}

// src/engine/outputs/pattern.ts
init_node_fs();
function parseOutputPattern(what, p2) {
  const v = p2.trim();
  if (!v.startsWith("/") || v.split("/").includes("..")) {
    throw new UsageError(
      `${what}: '${p2}' is not an absolute path inside the sandbox without '..'; use /workspace/junit.xml`
    );
  }
  return v;
}
function splitPattern(rel) {
  return rel.map((c) => {
    if (c === "**") return { kind: "any" };
    if (!/[*?]/.test(c)) return { kind: "literal", name: c };
    const re2 = c.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
    return { kind: "glob", re: new RegExp(`^${re2}$`, "s") };
  });
}
function isRealDir(p2) {
  try {
    return lstatSync(p2).isDirectory();
  } catch {
    return false;
  }
}
function children(p2) {
  try {
    return readdirSync(p2, { encoding: "buffer" }).sort(Buffer.compare);
  } catch {
    return [];
  }
}
var join = (a, b2) => Buffer.concat([a, Buffer.from("/"), b2]);
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
      for (const c of children(dir)) if (isRealDir(join(dir, c))) walk(join(dir, c), [...rel, c], i);
      return;
    }
    const last = i === segs.length - 1;
    if (seg.kind === "literal") {
      const c = Buffer.from(seg.name);
      const p2 = join(dir, c);
      try {
        lstatSync(p2);
      } catch {
        return;
      }
      if (last || isRealDir(p2)) walk(p2, [...rel, c], i + 1);
      return;
    }
    for (const c of children(dir)) {
      if (!seg.re.test(c.toString())) continue;
      const p2 = join(dir, c);
      if (last || isRealDir(p2)) walk(p2, [...rel, c], i + 1);
    }
  };
  if (isRealDir(Buffer.from(base))) walk(Buffer.from(base), [], 0);
  return out;
}

// src/engine/rootfs/index.ts
init_node_fs();
import path8 from "node:path";

// src/engine/clock.ts
function monotonicMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

// src/engine/manifest.ts
init_node_fs();
import path3 from "node:path";
var MANIFEST_FORMAT = 1;
function kindOf(st2) {
  return st2.isSymbolicLink() ? "l" : st2.isDirectory() ? "d" : st2.isFile() ? "f" : "o";
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
  const visit = (rel) => {
    const abs = rel === "" ? dir : path3.join(dir, rel);
    const st2 = lstatSync(abs);
    const kind = kindOf(st2);
    let digest = "";
    if (kind === "f") {
      digest = sha256File(abs);
      bytes += st2.size;
    } else if (kind === "l") digest = readlinkSync(abs);
    const entry = [
      rel,
      kind,
      st2.mode & 4095,
      st2.uid,
      st2.gid,
      kind === "f" ? st2.size : 0,
      digest
    ];
    if (kind === "d") {
      utimesSync(abs, DIR_MTIME_S, DIR_MTIME_S);
      entry.push(DIR_MTIME_S * 1e3);
    }
    entries.push(entry);
    if (kind === "d") for (const name of readdirSync(abs).sort()) visit(rel === "" ? name : `${rel}/${name}`);
  };
  visit("");
  return { format: MANIFEST_FORMAT, meta, bytes, entries };
}
function writeManifest(file, m2) {
  writeFileAtomic(file, JSON.stringify(m2), 420);
}
function readManifest(file) {
  const m2 = readJsonOrNull(file);
  if (!m2 || m2.format !== MANIFEST_FORMAT || !Array.isArray(m2.entries) || typeof m2.meta !== "object")
    return null;
  if (m2.entries.length === 0 || m2.entries[0]?.[0] !== "") return null;
  return m2;
}
function checkTree(dir, m2) {
  const unchangedDirs = /* @__PURE__ */ new Set();
  for (const e of m2.entries) {
    if (e[1] === "l" && unchangedDirs.has(parentOf(e[0]))) continue;
    const st2 = lstatEntry(dir, e[0]);
    if (typeof st2 === "string") return st2;
    const damage = entryDamage(e, st2);
    if (damage) return damage;
    if (e[1] === "d" && e[7] !== void 0 && st2.mtimeMs === e[7]) unchangedDirs.add(e[0]);
  }
  return null;
}
var parentOf = (rel) => rel.slice(0, Math.max(0, rel.lastIndexOf("/")));
function lstatEntry(dir, rel) {
  const name = rel === "" ? "the tree's root" : rel;
  try {
    return lstatSync(rel === "" ? dir : `${dir}/${rel}`, { throwIfNoEntry: false }) ?? `${name} is missing`;
  } catch (e) {
    const code = e.code;
    return code === "ENOTDIR" ? `${name} is missing` : `${name} cannot be read (${code})`;
  }
}
function entryDamage([rel, kind, mode, uid, gid, size, digest], st2) {
  const name = rel === "" ? "the tree's root" : rel;
  const now = kindOf(st2);
  if (now !== kind) return `${name} is ${KIND_NAME[now]}, expected ${KIND_NAME[kind]}`;
  if (kind === "f" && st2.size !== size) return `${name} has ${st2.size} bytes, expected ${size}`;
  if (kind === "l" && !digest.includes("\uFFFD") && st2.size !== Buffer.byteLength(digest))
    return `${name} points elsewhere`;
  if (kind !== "l" && (st2.mode & 4095) !== mode) {
    return `${name} has mode ${octal(st2.mode & 4095)}, expected ${octal(mode)}`;
  }
  if (st2.uid !== uid || st2.gid !== gid)
    return `${name} is owned by ${st2.uid}:${st2.gid}, expected ${uid}:${gid}`;
  return null;
}
var octal = (n) => `0${n.toString(8)}`;
function verifyTree(dir, m2) {
  const damage = [];
  const recorded = /* @__PURE__ */ new Set();
  for (const e of m2.entries) {
    recorded.add(e[0]);
    const st2 = lstatEntry(dir, e[0]);
    const d = typeof st2 === "string" ? st2 : entryDamage(e, st2);
    if (d) {
      damage.push(d);
      continue;
    }
    const [rel, kind, , , , , digest] = e;
    const abs = rel === "" ? dir : path3.join(dir, rel);
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
      names = readdirSync(rel === "" ? dir : path3.join(dir, rel));
    } catch {
      return;
    }
    for (const n of names) {
      const child = rel === "" ? n : `${rel}/${n}`;
      if (!recorded.has(child)) damage.push(`${child} was added`);
    }
  };
  for (const [rel, kind] of m2.entries) if (kind === "d") extras(rel);
  return damage;
}

// src/engine/rootfs/cache.ts
init_node_fs();
import os from "node:os";
import path4 from "node:path";
var ALIAS_TTL_MS = 24 * 3600 * 1e3;
var TEMP_MAX_AGE_MS = 3600 * 1e3;
function defaultCacheDir() {
  const env = process.env.NSBOX_CACHE_DIR;
  if (env) return path4.resolve(env);
  if (isRoot()) return "/var/cache/nsbox";
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path4.isAbsolute(xdg)) return path4.join(xdg, "nsbox");
  return path4.join(os.homedir(), ".cache", "nsbox");
}
function rootfsPath(cacheDir, sha256, idShift) {
  return path4.join(cacheDir, "rootfs", `${sha256}-${idShift ?? "self"}`);
}
function manifestPath(treeDir) {
  return `${treeDir}.manifest.json`;
}
var TREE_NAME_RE = /^([0-9a-f]{64})-(\d+|self)$/;
function readIndex(cacheDir) {
  const v = readJsonOrNull(path4.join(cacheDir, "index.json"));
  return v && typeof v === "object" && !Array.isArray(v) ? v : {};
}
function isFresh(e, exact, now = Date.now()) {
  return exact || now - e.at >= 0 && now - e.at < ALIAS_TTL_MS;
}
function writeIndexEntry(cacheDir, key, entry) {
  const index = readIndex(cacheDir);
  index[key] = entry;
  try {
    writeFileAtomic(path4.join(cacheDir, "index.json"), `${JSON.stringify(index, null, 1)}
`, 420);
  } catch {
  }
}
function ensureCacheDirs(cacheDir) {
  const dir = path4.join(cacheDir, "rootfs");
  mkdirSync(dir, { recursive: true, mode: 493 });
  if ((statSync(dir).mode & 493) !== 493) chmodSync(dir, 493);
}
function tempName(cacheDir) {
  return path4.join(cacheDir, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
}
function makeTempDir(cacheDir) {
  const dir = tempName(cacheDir);
  mkdirSync(dir, { mode: 493 });
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
  rmSync(manifestPath(treeDir), { force: true });
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
function cleanupStaleRootfsTemps(cacheDir, now = Date.now()) {
  let names;
  try {
    names = readdirSync(cacheDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m2 = /^\.tmp-(\d+)-[0-9a-f]+$/.exec(name);
    if (!m2) continue;
    const dir = path4.join(cacheDir, name);
    let age;
    try {
      age = now - lstatSync(dir).mtimeMs;
    } catch {
      continue;
    }
    if (pidAlive(Number(m2[1])) && age < TEMP_MAX_AGE_MS) continue;
    try {
      removeHostTree(dir);
      removed++;
    } catch {
    }
  }
  return removed;
}

// src/engine/rootfs/download.ts
var NotFoundError = class extends Error {
  constructor(url) {
    super(`${url}: not found (HTTP 404)`);
    this.url = url;
  }
  url;
};
var Permanent = class extends Error {
};
var DEFAULT_BACKOFF = [200, 800];
async function fetchBytes(url, opts = {}) {
  const attempts = opts.attempts ?? 3;
  let reason = "";
  let tried = 0;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(opts.backoffMs?.[i - 1] ?? DEFAULT_BACKOFF[i - 1] ?? 800, opts.signal);
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
  try {
    const res = await (opts.fetchImpl ?? fetch)(url, { signal: ac.signal, redirect: "follow" });
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      throw new NotFoundError(url);
    }
    if (!res.ok) {
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
    if (res.body) {
      for await (const chunk of res.body) {
        kick();
        received += chunk.byteLength;
        if (received > max) throw new Permanent(`the file is larger than ${max} bytes`);
        chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        opts.onBytes?.(received, total);
      }
    }
    if (total !== null && received !== total) {
      throw new Error(`connection closed after ${received} of ${total} bytes`);
    }
    return Buffer.concat(chunks, received);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onCallerAbort);
  }
}
function describe(e, timeoutMs) {
  if (e instanceof Error && e.name === "AbortError") return `no data for ${timeoutMs / 1e3} s`;
  const cause = e?.cause;
  if (cause instanceof Error) {
    const code = cause.code;
    if (cause.message) return cause.message;
    if (code) return code;
  }
  return e instanceof Error ? e.message : String(e);
}
function sleep(ms2, signal) {
  return new Promise((resolve2) => {
    if (signal?.aborted) return resolve2();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve2();
    };
    const timer = setTimeout(done, ms2);
    signal?.addEventListener("abort", done, { once: true });
  });
}

// src/engine/rootfs/extract.ts
init_node_fs();
import path5 from "node:path";

// src/engine/rootfs/paths.ts
function normalizeEntryPath(p2) {
  if (p2.startsWith("/") || p2.includes("\0")) return null;
  const parts = [];
  for (const part of p2.split("/")) {
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
var MAX_TAR_BYTES = 2 * 1024 ** 3;
var zlib = () => process.getBuiltinModule("node:zlib");
async function extractTarball(gz, dest, opts) {
  const { UnpackSync } = await Promise.resolve().then(() => (init_index_min(), index_min_exports));
  const fail2 = (why) => new SetupError("rootfs", `cannot extract ${opts.label}: ${why}`);
  let tar;
  try {
    tar = isGzip(gz) ? zlib().gunzipSync(gz, { maxOutputLength: MAX_TAR_BYTES }) : gz;
  } catch (e) {
    throw fail2(`gzip: ${errText(e)}`);
  }
  if (!isUstar(tar)) throw fail2(isGzip(gz) ? "the gzip data is not a tar archive" : "not a .tar.gz file");
  const guard = new EntryGuard();
  const metas = /* @__PURE__ */ new Map();
  let escaped = null;
  const unpack = new UnpackSync({
    cwd: dest,
    preservePaths: true,
    // keeps absolute symlink targets (/bin/sh -> /bin/busybox); paths checked below
    preserveOwner: false,
    // owners are set by fixTree, which also covers symlinks
    strict: true,
    // any entry error or damaged archive fails the whole extraction
    maxDepth: 256,
    filter: (p2, entry) => {
      if (escaped !== null) return false;
      if (!("type" in entry)) return false;
      const type = entryType(entry.type);
      const rel = guard.check(type, p2, entry.linkpath);
      if (rel === null) {
        escaped = p2;
        return false;
      }
      metas.set(rel, { type, mode: (entry.mode ?? 0) & 4095, uid: entry.uid ?? 0, gid: entry.gid ?? 0 });
      return true;
    }
  });
  try {
    unpack.end(tar);
  } catch (e) {
    if (escaped === null) throw fail2(errText(e));
  }
  if (escaped !== null) {
    throw new SetupError("rootfs", `tarball entry escapes the destination: ${escaped}`);
  }
  const count = metas.size;
  if (count === 0) throw fail2("the archive holds no entries");
  fixTree(dest, metas, opts.idShift);
  return count;
}
function fixTree(dest, metas, idShift) {
  const dirs = [];
  const implicit = /* @__PURE__ */ new Set();
  for (const [rel, m2] of metas) {
    for (const a of ancestors(rel)) if (!metas.has(a)) implicit.add(a);
    if (m2.type === "Directory") dirs.push(rel);
    else if (m2.type !== "Link") apply(dest, rel, m2, idShift);
  }
  for (const rel of implicit) {
    metas.set(rel, { type: "Directory", mode: 493, uid: 0, gid: 0 });
    dirs.push(rel);
  }
  if (!metas.has("")) apply(dest, "", { type: "Directory", mode: 493, uid: 0, gid: 0 }, idShift);
  dirs.sort((a, b2) => depth(b2) - depth(a));
  for (const rel of dirs) apply(dest, rel, metas.get(rel), idShift);
}
function apply(dest, rel, m2, idShift) {
  const abs = rel === "" ? dest : path5.join(dest, rel);
  try {
    if (idShift !== null) lchownSync(abs, m2.uid + idShift, m2.gid + idShift);
    if (m2.type !== "SymbolicLink") chmodSync(abs, m2.mode);
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
var depth = (rel) => rel === "" ? 0 : rel.split("/").length;
var isGzip = (b2) => b2.length >= 2 && b2[0] === 31 && b2[1] === 139;
var isUstar = (b2) => b2.length >= 512 && b2.toString("latin1", 257, 262) === "ustar";
function errText(e) {
  if (e instanceof Error) return e.message.replace(/^TAR_[A-Z_]+: /, "");
  return String(e);
}

// src/engine/rootfs/version.ts
var NUM = "(0|[1-9][0-9]{0,3})";
var BRANCH_RE = new RegExp(`^${NUM}\\.${NUM}$`);
var EXACT_RE = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}$`);
function parseAlpineRequest(text) {
  const t = text ?? "latest-stable";
  if (t === "latest-stable") return { kind: "alias", text: t, dir: "latest-stable" };
  let m2 = BRANCH_RE.exec(t);
  if (m2) return { kind: "branch", text: t, dir: `v${m2[1]}.${m2[2]}` };
  m2 = EXACT_RE.exec(t);
  if (m2) return { kind: "exact", text: t, dir: `v${m2[1]}.${m2[2]}`, version: t };
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
    const open2 = lastKey !== null && isOpenQuote(cur[lastKey]);
    const kv = open2 ? null : /^\s*([A-Za-z0-9_-]+):(?:\s+(.*))?$/.exec(body);
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
  const q2 = v[0];
  return (q2 === '"' || q2 === "'") && (v.length === 1 || v.at(-1) !== q2);
}
function unquote(v) {
  const s3 = v.trim();
  if (s3.length >= 2 && (s3[0] === '"' || s3[0] === "'") && s3.at(-1) === s3[0]) return s3.slice(1, -1);
  return s3;
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
  const m2 = /alpine-minirootfs-(\d+\.\d+\.\d+)(?:[-_.]|$)/.exec(name);
  return m2 ? m2[1] : null;
}
function isSha256(s3) {
  return SHA_RE.test(s3);
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
    `Alpine ${req.text} is not available for ${arch} at ${mirror} (${url2} was not found)`
  );
  let yaml;
  try {
    yaml = await fetchText(yamlUrl, fetchOpts);
  } catch (e) {
    throw e instanceof NotFoundError ? unknown(yamlUrl) : e;
  }
  const rel = pickMinirootfs(parseReleasesYaml(yaml), arch);
  if (!rel) {
    throw new SetupError("download", `${yamlUrl} lists no alpine-minirootfs release for ${arch}`);
  }
  if (req.kind !== "exact" || rel.version === req.version) {
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
  if (!sha256) throw new SetupError("download", `${url}.sha256 does not hold a sha256 checksum`);
  return { version: req.version, file, url, sha256 };
}

// src/engine/rootfs/maintain.ts
init_node_fs();
import path7 from "node:path";

// src/engine/apk/cache.ts
init_node_fs();
import path6 from "node:path";
var LAYER_MANIFEST = "manifest.json";
var KEY_RE = /^[0-9a-f]{64}$/;
function packagesBase(cacheDir) {
  return path6.join(cacheDir, "packages");
}
function layerDirs(cacheDir) {
  const base = packagesBase(cacheDir);
  try {
    return readdirSync(base).filter((n) => KEY_RE.test(n)).sort().map((n) => path6.join(base, n));
  } catch {
    return [];
  }
}
var INDEX_TTL_MS = 10 * 60 * 1e3;
var indexShasFile = (cacheDir) => path6.join(packagesBase(cacheDir), "indexes.json");
var indexKey = (repo, arch) => `${repo}|${arch}`;
function freshIndexShas(cacheDir, repos, arch, isUrl2, now = Date.now()) {
  const known = readJsonOrNull(indexShasFile(cacheDir)) ?? {};
  const shas = [];
  for (const r of repos) {
    const e = isUrl2(r) ? known[indexKey(r, arch)] : void 0;
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
  const m2 = readJsonOrNull(path6.join(dir, "meta.json"));
  if (typeof m2?.at !== "number" || !Array.isArray(m2.installed) || !Array.isArray(m2.packages)) return null;
  return m2;
}
function readLayerManifest(dir) {
  return readManifest(path6.join(dir, LAYER_MANIFEST));
}
function checkedLayer(cacheDir, dir, say) {
  if (!isDir(path6.join(dir, "layer"))) return null;
  const meta = readLayerMeta(dir);
  if (!meta) return null;
  const manifest = readLayerManifest(dir);
  const damage = manifest ? checkTree(path6.join(dir, "layer"), manifest) : "it has no manifest";
  if (damage === null) return meta;
  say(`the cached package layer ${path6.basename(dir).slice(0, 12)} is damaged (${damage}); removing it`);
  discardLayer(cacheDir, dir);
  return null;
}
function touchLayer(dir) {
  try {
    const now = /* @__PURE__ */ new Date();
    utimesSync(path6.join(dir, LAYER_MANIFEST), now, now);
  } catch {
  }
}
function discardLayer(cacheDir, dir) {
  discardTree(cacheDir, dir);
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
    names = readdirSync(path7.join(root, "rootfs"));
  } catch {
    return [];
  }
  return names.filter((n) => TREE_NAME_RE.test(n)).sort().map((name) => {
    const dir = path7.join(root, "rootfs", name);
    const m2 = readManifest(manifestPath(dir));
    return {
      kind: "rootfs",
      name,
      dir,
      version: m2?.meta.version ?? null,
      arch: m2?.meta.arch ?? null,
      source: m2?.meta.source ?? null,
      packages: null,
      bytes: m2?.bytes ?? null,
      lastUse: mtimeIso(manifestPath(dir))
    };
  });
}
function listLayers(root) {
  return layerDirs(root).map((dir) => {
    const meta = readLayerMeta(dir);
    const m2 = meta ? readLayerManifest(dir) : null;
    return {
      kind: "packages",
      name: path7.basename(dir),
      dir,
      version: m2 ? meta?.alpine ?? null : null,
      arch: m2 ? meta?.arch ?? null : null,
      source: m2 ? meta?.repositories.join(" ") ?? null : null,
      packages: m2 ? meta?.packages ?? null : null,
      bytes: m2?.bytes ?? null,
      lastUse: m2 ? mtimeIso(path7.join(dir, LAYER_MANIFEST)) : null
    };
  });
}
function listCache(cacheDir) {
  const root = path7.resolve(cacheDir);
  return [...listTrees(root), ...listLayers(root)];
}
function verifyCache(cacheDir) {
  const root = path7.resolve(cacheDir);
  return listCache(root).map((entry) => {
    const tree = entry.kind === "rootfs";
    const m2 = tree ? readManifest(manifestPath(entry.dir)) : readLayerManifest(entry.dir);
    const damage = m2 ? verifyTree(tree ? entry.dir : path7.join(entry.dir, "layer"), m2) : ["it has no manifest (written by an older nsbox, or damaged)"];
    if (damage.length > 0) (tree ? discardTree : discardLayer)(root, entry.dir);
    return { entry, damage };
  });
}
function pruneCache(cacheDir, opts = {}) {
  const dir = path7.resolve(cacheDir);
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
      if (!recent(drop)) removed.push(drop);
    }
  }
  for (const e of removed) (e.kind === "rootfs" ? discardTree : discardLayer)(dir, e.dir);
  const root = path7.join(dir, "rootfs");
  try {
    for (const n of readdirSync(root)) {
      const m2 = /^(.*)\.manifest\.json$/.exec(n);
      if (!m2 || !TREE_NAME_RE.test(m2[1]) || entries.some((e) => e.name === m2[1])) continue;
      const file = path7.join(root, n);
      if (opts.all || now - lstatSync(file).mtimeMs >= TEMP_MAX_AGE_MS) rmSync(file, { force: true });
    }
  } catch {
  }
  if (opts.all) rmSync(path7.join(dir, "index.json"), { force: true });
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
async function prepareRootfs(req) {
  checkIdShift(req.idShift);
  const cacheDir = path8.resolve(req.cacheDir);
  if (req.tarball !== void 0) return fromTarball(req, cacheDir);
  const want = parseAlpineRequest(req.alpine);
  const arch = alpineArch(req.arch ?? process.arch);
  const mirror = normalizeMirror(req.mirror ?? DEFAULT_MIRROR);
  const key = `${mirror}|${want.text}|${arch}`;
  const say = req.onProgress ?? (() => {
  });
  const hit = readIndex(cacheDir)[key];
  let damage = null;
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift, say, (d) => damage = d) : null;
  if (hit && cached && isFresh(hit, want.kind === "exact")) return cached;
  throwIfCancelled(req.signal);
  const t0 = monotonicMs();
  const fetchOpts = {
    fetchImpl: req.fetchImpl,
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
  if (!treeUsable(cacheDir, dir, say, (d) => damage = d)) {
    let gz;
    try {
      gz = await fetchBytes(rel.url, {
        ...fetchOpts,
        maxBytes: 512 * 1024 ** 2,
        onBytes: progress(rel.file, say)
      });
    } catch (e) {
      throw unrepaired(e);
    }
    verify(gz, rel.sha256, rel.file);
    const meta = { kind: "alpine-minirootfs", version: rel.version, arch, source: rel.url };
    await install(cacheDir, gz, rel.file, req.idShift, dir, say, meta, req.signal);
    say(`Alpine ${rel.version} ready in ${Math.round(monotonicMs() - t0)} ms`);
  }
  writeIndexEntry(cacheDir, key, { version: rel.version, sha256: rel.sha256, at: Date.now() });
  return { dir, version: rel.version, sha256: rel.sha256 };
}
async function fromTarball(req, cacheDir) {
  const file = path8.resolve(req.tarball);
  let st2;
  try {
    st2 = statSync(file);
  } catch (e) {
    throw new UsageError(`rootfs: cannot read '${req.tarball}' (${e.code})`);
  }
  if (!st2.isFile()) throw new UsageError(`rootfs: '${req.tarball}' is not a file`);
  const key = `tarball|${file}|${st2.size}|${st2.mtimeMs}|${st2.ino}`;
  const say = req.onProgress ?? (() => {
  });
  const hit = readIndex(cacheDir)[key];
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift, say) : null;
  if (cached) return cached;
  throwIfCancelled(req.signal);
  const gz = readFileSync(file);
  const sha256 = sha256Hex(gz);
  const dir = rootfsPath(cacheDir, sha256, req.idShift);
  const name = path8.basename(file);
  if (!treeUsable(cacheDir, dir, say)) {
    const meta = {
      kind: "alpine-minirootfs",
      version: versionFromFileName(name) ?? "",
      arch: alpineArch(req.arch ?? process.arch),
      source: file
    };
    await install(cacheDir, gz, name, req.idShift, dir, say, meta, req.signal);
  }
  const version = versionFromFileName(name) ?? releaseFile(dir) ?? "unknown";
  writeIndexEntry(cacheDir, key, { version, sha256, at: Date.now() });
  return { dir, version, sha256 };
}
async function install(cacheDir, gz, label, idShift, dir, say, meta, signal) {
  try {
    ensureCacheDirs(cacheDir);
  } catch (e) {
    throw new SetupError("rootfs", `cannot create the cache ${cacheDir}: ${e.message}`);
  }
  cleanupStaleRootfsTemps(cacheDir);
  const tmp = makeTempDir(cacheDir);
  try {
    say(`extracting ${label}`);
    await extractTarball(gz, tmp, { label, idShift });
    throwIfCancelled(signal);
    if (!meta.version) meta.version = releaseFile(tmp) ?? "unknown";
    try {
      writeManifest(manifestPath(dir), recordTree(tmp, meta));
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
    if (!isDir(dir)) rmSync(manifestPath(dir), { force: true });
    throw e;
  }
  if (!committed) say(`another process prepared ${path8.basename(dir)} at the same time; using it`);
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
    const file = path8.join(dir, "etc", "alpine-release");
    if (!lstatSync(path8.dirname(file)).isDirectory() || !lstatSync(file).isFile()) return null;
    const v = readFileSync(file, "utf8").trim();
    return /^\d+\.\d+\.\d+/.test(v) ? v : null;
  } catch {
    return null;
  }
}
function cachedTree(cacheDir, e, idShift, say, onDamage) {
  if (typeof e.version !== "string" || typeof e.at !== "number" || !isSha256(String(e.sha256))) return null;
  const dir = rootfsPath(cacheDir, e.sha256, idShift);
  return treeUsable(cacheDir, dir, say, onDamage) ? { dir, version: e.version, sha256: e.sha256 } : null;
}
function treeUsable(cacheDir, dir, say, onDamage) {
  if (!isDir(dir)) return false;
  const file = manifestPath(dir);
  const m2 = readManifest(file);
  const damage = m2 ? checkTree(dir, m2) : "it has no manifest (written by an older nsbox)";
  if (damage === null) {
    try {
      const now = /* @__PURE__ */ new Date();
      utimesSync(file, now, now);
    } catch {
    }
    return true;
  }
  say(`the cached rootfs ${path8.basename(dir)} is damaged (${damage}); removing it to extract it again`);
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
  return false;
}
function checkIdShift(s3) {
  if (s3 !== null && (!Number.isInteger(s3) || s3 < 0 || s3 > 4294967295 - 65536)) {
    throw new UsageError(`idShift: ${s3} is not a valid host id base`);
  }
}

// src/engine/session.ts
init_node_fs();
import { join as join6 } from "node:path";

// src/engine/apk/layer.ts
init_node_fs();
import path10 from "node:path";

// src/engine/apk/index.ts
var MAX_INDEX_TEXT = 256 * 1024 * 1024;
var zlib2 = () => process.getBuiltinModule("node:zlib");
function readIndexEntries(gz) {
  let tar;
  try {
    tar = zlib2().gunzipSync(gz, { maxOutputLength: MAX_INDEX_TEXT });
  } catch {
    return [];
  }
  const text = tarMember(tar, "APKINDEX");
  return text === null ? [] : parseIndexText(text.toString("utf8"));
}
function tarMember(tar, wanted) {
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b2) => b2 === 0)) return null;
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
  for (const block of text.split(/\n\n+/)) {
    const f2 = {};
    for (const line of block.split("\n"))
      if (line[1] === ":" && !(line[0] in f2)) f2[line[0]] = line.slice(2).trim();
    const name = f2.P;
    const version = f2.V;
    if (!name || !version || !isPackageName(name)) continue;
    const list = (v) => (v ?? "").split(/\s+/).filter(Boolean);
    out.push({ name, version, depends: list(f2.D), provides: list(f2.p), priority: Number(f2.k ?? 0) || 0 });
  }
  return out;
}
function depName(token) {
  return token.replace(/[<>=~].*$/, "");
}
function guessFetches(requested2, entries, installed) {
  const has = /* @__PURE__ */ new Set();
  for (const e of installed) {
    has.add(e.name);
    for (const p2 of e.provides) has.add(depName(p2));
  }
  const byName = /* @__PURE__ */ new Map();
  const byProvide = /* @__PURE__ */ new Map();
  const add = (m2, k, e) => {
    const list = m2.get(k);
    if (list) list.push(e);
    else m2.set(k, [e]);
  };
  for (const e of entries) {
    add(byName, e.name, e);
    for (const p2 of e.provides) add(byProvide, depName(p2), e);
  }
  const picked = /* @__PURE__ */ new Map();
  const queue = [...requested2];
  while (queue.length > 0) {
    const want = depName(queue.shift());
    if (!want || want.startsWith("!") || has.has(want)) continue;
    const named = byName.get(want);
    const candidates = named ?? [...byProvide.get(want) ?? []].sort((a, b2) => b2.priority - a.priority);
    const chosen = named ?? candidates.slice(0, 1);
    has.add(want);
    for (const e of chosen) {
      const id = `${e.name}-${e.version}`;
      if (picked.has(id)) continue;
      picked.set(id, e);
      has.add(e.name);
      for (const p2 of e.provides) has.add(depName(p2));
      queue.push(...e.depends);
    }
  }
  return [...picked.keys()];
}

// src/engine/apk/repos.ts
init_node_fs();
import path9 from "node:path";
var MAX_INDEX_BYTES = 64 * 1024 ** 2;
var MAX_PACKAGE_BYTES = 1024 ** 3;
var isUrl = (r) => /^https?:\/\//.test(r);
async function stagePackage(staged, file) {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]*\.apk$/.test(file)) return;
  for (const s3 of staged) {
    try {
      const data = await fetchBytes(`${s3.url}/${path9.basename(s3.dir)}/${file}`, {
        maxBytes: MAX_PACKAGE_BYTES
      });
      writeFileSync(path9.join(s3.dir, file), data, { mode: 420 });
      return;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
}
async function readIndex2(repo, arch) {
  try {
    if (!isUrl(repo)) return readFileSync(path9.join(path9.resolve(repo), arch, "APKINDEX.tar.gz"));
    return await fetchBytes(`${repo}/${arch}/APKINDEX.tar.gz`, { maxBytes: MAX_INDEX_BYTES, attempts: 2 });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

// src/engine/apk/layer.ts
function identity(req) {
  return {
    alpine: req.alpine,
    arch: req.arch,
    rootfs: path10.basename(req.rootfsDir),
    packages: req.packages,
    repositories: req.repositories
  };
}
function packageLayerKey(req, indexShas) {
  const id = identity(req);
  return sha256Hex(
    JSON.stringify({
      ...id,
      repositories: id.repositories.map((r, i) => [r, indexShas[i] ?? ""]),
      keys: req.keys.map((k) => [path10.basename(k), sha256File(k)]),
      allowUntrusted: req.allowUntrusted
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
    if (!path10.isAbsolute(r) && !r.startsWith(".")) {
      throw new UsageError(
        `repository: '${r}' is neither an http(s) URL nor a directory path; use https://\u2026 or ./repo`
      );
    }
    if (!isDir(path10.resolve(r)))
      throw new UsageError(
        `repository: '${r}' is not a directory on the host; give an existing apk repository`
      );
  }
  for (const k of req.keys) {
    let ok = false;
    try {
      ok = lstatSync(k).isFile() && /^[A-Za-z0-9._+-]+$/.test(path10.basename(k));
    } catch {
    }
    if (!ok) throw new UsageError(`repository-key: '${k}' is not a readable key file; give a .rsa.pub file`);
  }
}
async function preparePackageLayer(req, sandboxes) {
  const say = req.onProgress ?? (() => {
  });
  const base = packagesBase(req.cacheDir);
  mkdirSync(base, { recursive: true, mode: 493 });
  const fresh = freshIndexShas(req.cacheDir, req.repositories, req.arch, isUrl);
  if (fresh) {
    const final = path10.join(base, packageLayerKey(req, fresh));
    const hit = checkedLayer(req.cacheDir, final, say);
    if (hit) {
      touchLayer(final);
      return { dir: path10.join(final, "layer"), installed: hit.installed, cached: true };
    }
  }
  const tmp = makeTempDir(req.cacheDir);
  const work = makeTempDir(req.cacheDir);
  let early = null;
  let gaveUp = null;
  const giveUp = () => gaveUp ??= (early?.discard() ?? Promise.resolve()).then(() => {
    removeHostTree(tmp);
    removeHostTree(work);
  });
  try {
    const install2 = new ApkInstall(req, work);
    const first = install2.sandbox(path10.join(work, "scratch"));
    const prepared = sandboxes.prepare(first.opts, first.internal);
    early = prepared;
    const indexes = await Promise.all(req.repositories.map((r) => readIndex2(r, req.arch)));
    const missing = indexes.findIndex((x) => x instanceof Error);
    if (missing >= 0) {
      await giveUp();
      const fallback = newestMatching(req, say);
      const why = indexes[missing].message;
      if (!fallback)
        throw new SetupError("packages", `cannot read the index of ${req.repositories[missing]}: ${why}`);
      say(`${why}; using the cached package layer of ${new Date(fallback.meta.at).toISOString()}`);
      touchLayer(fallback.dir);
      return { dir: path10.join(fallback.dir, "layer"), installed: fallback.meta.installed, cached: true };
    }
    const shas = indexes.map((x) => sha256Hex(x));
    const urls = req.repositories.flatMap((r, i) => isUrl(r) ? [[r, shas[i]]] : []);
    recordIndexShas(
      req.cacheDir,
      urls.map(([r]) => r),
      req.arch,
      urls.map(([, s3]) => s3)
    );
    const final = path10.join(base, packageLayerKey(req, shas));
    const hit = checkedLayer(req.cacheDir, final, say);
    if (hit) {
      await giveUp();
      touchLayer(final);
      return { dir: path10.join(final, "layer"), installed: hit.installed, cached: true };
    }
    const t0 = monotonicMs();
    say(`installing ${req.packages.join(" ")} into the package layer`);
    const rootfsPackages = parseIndexText(readDb(req.rootfsDir));
    await install2.stageGuess(indexes, rootfsPackages);
    let kept;
    try {
      kept = await first.finish(prepared.start());
    } catch (e) {
      if (!(e instanceof ApkFailure) || e.explained || !install2.stages) throw e;
      await install2.stageFromDryRun(sandboxes.run);
      const again = install2.sandbox(path10.join(work, "scratch-2"));
      kept = await again.finish(sandboxes.run(again.opts, again.internal));
    }
    renameSync(kept.upper, path10.join(tmp, "layer"));
    sandboxes.removeLater(work);
    const installed = addedPackages(
      nameAndVersion(rootfsPackages),
      nameAndVersion(parseIndexText(readDb(path10.join(tmp, "layer"))))
    );
    const meta = {
      ...identity(req),
      installed,
      at: Date.now()
    };
    writeFileSync(path10.join(tmp, "meta.json"), `${JSON.stringify(meta)}
`, { mode: 420 });
    writeManifest(
      path10.join(tmp, LAYER_MANIFEST),
      recordTree(path10.join(tmp, "layer"), { packages: req.packages.join(" ") })
    );
    const committed = commitDir(tmp, final);
    if (!committed) say("another process prepared the same package layer at the same time; using it");
    say(`package layer ready in ${Math.round(monotonicMs() - t0)} ms`);
    return {
      dir: path10.join(final, "layer"),
      // Ours was recorded just above; the other process's, committed whole by its rename, says its own.
      installed: committed ? installed : readLayerMeta(final)?.installed ?? installed,
      cached: false
    };
  } catch (e) {
    await giveUp();
    throw e;
  }
}
var ApkInstall = class {
  // each file at most once, the retry's included
  constructor(req, work) {
    this.req = req;
    req.repositories.forEach((r, i) => {
      const target = `${REPO_MOUNT}/${i}`;
      if (!isUrl(r)) {
        this.mounts.push({ source: path10.resolve(r), target, mode: "ro" });
        return;
      }
      const dir = path10.join(work, "repos", String(i));
      mkdirSync(path10.join(dir, req.arch), { recursive: true, mode: 493 });
      this.staged.push({ url: r, dir: path10.join(dir, req.arch), repo: i });
      this.mounts.push({ source: dir, target, mode: "ro" });
    });
    this.files = req.keys.map((k) => [`/etc/apk/keys/${path10.basename(k)}`, readFileSync(k, "utf8")]);
    this.argv = [
      "apk",
      "add",
      "--no-cache",
      "--no-progress",
      "--repositories-file",
      "/dev/null",
      ...req.repositories.flatMap((_2, i) => ["-X", `${REPO_MOUNT}/${i}`]),
      ...req.allowUntrusted ? ["--allow-untrusted"] : []
    ];
  }
  req;
  mounts = [];
  staged = [];
  files;
  argv;
  fetched = /* @__PURE__ */ new Set();
  /** Whether any repository is staged (http(s)): only then can a missed guess be made good. */
  get stages() {
    return this.staged.length > 0;
  }
  /** An install sandbox keeping its writable layer in `layerDir`. */
  sandbox(layerDir) {
    let layer = null;
    const sb = this.apkSandbox([...this.argv, ...this.req.packages], {
      layerDir,
      keepLayer: (k) => {
        layer = k;
      }
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
        if (!layer) throw new SetupError("packages", "the package installation left no layer");
        return layer;
      }
    };
  }
  /** The index files, and the .apk files of the dependency closure read from the indexes on the host. */
  async stageGuess(indexes, installed) {
    if (!this.stages) return;
    for (const { dir, repo } of this.staged)
      writeFileSync(path10.join(dir, "APKINDEX.tar.gz"), indexes[repo], { mode: 420 });
    const entries = indexes.flatMap((x) => readIndexEntries(x));
    await this.stage(guessFetches(this.req.packages, entries, installed));
  }
  /** What apk's own dry run says it needs, beyond what was staged. */
  async stageFromDryRun(run3) {
    const dry = this.apkSandbox([...this.argv, "--simulate", ...this.req.packages], {});
    const plan = await dry.outcome(run3(dry.opts, dry.internal));
    await this.stage(parseInstallPlan(plan).map((p2) => `${p2.name}-${p2.version}`));
  }
  stage(ids) {
    return Promise.all(
      ids.filter((id) => !this.fetched.has(id) && this.fetched.add(id)).map((id) => stagePackage(this.staged, `${id}.apk`))
    );
  }
  /** apk in a sandbox without network; `outcome` is its output, or the error apk's output explains. */
  apkSandbox(argv, internal) {
    const chunks = [];
    let size = 0;
    const opts = {
      argv,
      mounts: this.mounts,
      hostname: "nsbox-apk",
      stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
      onOutput: (_s2, chunk) => {
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
  const last = output.trim().split("\n").filter((l) => l.startsWith("ERROR")).at(-1);
  throw new ApkFailure(
    known?.message ?? `apk add failed (exit ${result.exitCode})${last ? `: ${last.slice(0, 300)}` : ""}`,
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
function readDb(tree) {
  const file = path10.join(tree, "lib", "apk", "db", "installed");
  try {
    if (!lstatSync(file).isFile()) return "";
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
function sameIdentity(a, b2) {
  const of = (x) => JSON.stringify([x.alpine, x.arch, x.rootfs, x.packages, x.repositories]);
  return of(a) === of(b2);
}
function newestMatching(req, say) {
  const want = identity(req);
  let best = null;
  for (const dir of layerDirs(req.cacheDir)) {
    const meta = checkedLayer(req.cacheDir, dir, say);
    if (!meta || !sameIdentity(meta, want)) continue;
    if (!best || meta.at > best.meta.at) best = { dir, meta };
  }
  return best;
}

// src/engine/helper.ts
init_node_fs();
import { Socket as Socket2 } from "node:net";
import { dirname, join as join2 } from "node:path";
import { fileURLToPath } from "node:url";

// src/engine/spawn.ts
init_node_fs();
import { Socket } from "node:net";

// src/engine/libc.ts
import { createRequire } from "node:module";
var koffi = null;
var handle = null;
async function loadLibc() {
  if (handle) return;
  const mod = await Promise.resolve().then(() => __toESM(require_koffi3(), 1));
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
  if (!handle) bindLibc(createRequire(import.meta.url)("koffi"));
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
    const calls3 = {};
    for (const [name, proto] of Object.entries(prototypes)) calls3[name] = lib.func(proto);
    bound = calls3;
    return bound;
  };
}
function lastErrno() {
  return koffi?.errno() ?? 0;
}

// src/engine/spawn.ts
var O_RDWR = 2;
var AF_UNIX = 1;
var SOCK_SEQPACKET = 5;
var SOCK_CLOEXEC = 524288;
var SOL_SOCKET = 1;
var SCM_RIGHTS = 1;
var MSG_DONTWAIT = 64;
var MSG_NOSIGNAL = 16384;
var O_CLOEXEC = 524288;
var WNOHANG = 1;
var POSIX_SPAWN_SETSIGMASK = 8;
var POSIX_SPAWN_SETSIGDEF = 4;
var OPAQUE = 1024;
var calls = null;
function bind() {
  if (calls) return calls;
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
  calls = {
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
  return calls;
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
        const s3 = status[0];
        const sig = s3 & 127;
        resolve2(sig === 0 ? { code: s3 >> 8 & 255, signal: null } : { code: null, signal: sig });
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
function launch(c, path13, argv, fa, attr, pid) {
  const sigs = Buffer.alloc(OPAQUE);
  c.sigfillset(sigs);
  c.attrSetSigDefault(attr, sigs);
  c.sigemptyset(sigs);
  for (const sig of SERVER_BLOCKED) c.sigaddset(sigs, sig);
  c.attrSetSigMask(attr, sigs);
  c.attrSetFlags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  return c.spawn(pid, path13, fa, attr, [path13, ...argv, null], [null]);
}
function spawnServer(path13) {
  const c = bind();
  const fa = Buffer.alloc(OPAQUE);
  const attr = Buffer.alloc(OPAQUE);
  const sv = new Int32Array(2);
  if (c.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) !== 0)
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
    const err = launch(c, path13, ["--serve"], fa, attr, pid);
    if (err !== 0) {
      closeSync(mine);
      closeSync(eventsIn);
      throw new SetupError("helper", `cannot start the sandbox helper ${path13}: errno ${err}`);
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
  control.writeInt32LE(SOL_SOCKET, 8);
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
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join2(here, "native", helperName), join2(here, "..", "..", "dist", "native", helperName)];
  const found = candidates.find((p2) => existsSync(p2));
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
      const w2 = this.waiting;
      this.waiting = null;
      w2({ value: ev, done: false });
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
  launch = (records, stdio) => this.run(records, stdio);
  start() {
    const proc = spawnServer(helperPath());
    onLines(proc.events, (line) => this.dispatch(line));
    proc.events.once("close", () => {
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
    stdio.forEach((s3, target) => {
      if (s3 === "inherit") theirs.push(target);
      else if (s3 === "ignore") theirs.push(this.nullFd());
      else if (s3 === "pipe") {
        const [r, w2] = makePipe();
        const [ours, child] = target === 0 ? [w2, r] : [r, w2];
        mine[target] = ours;
        theirs.push(child);
        toClose.push(child);
      } else theirs.push(s3);
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
    const control = new Socket2({ fd: controlOut, readable: false, writable: true });
    control.on("error", () => {
    });
    control.write(spec);
    if (mine[0] !== null) closeSync(mine[0]);
    const readable = (fd) => fd === null ? null : new Socket2({ fd, readable: true, writable: false });
    const stdout = readable(mine[1] ?? null);
    const stderr = readable(mine[2] ?? null);
    const drained = [stdout, stderr].map(
      (s3) => s3 ? new Promise((resolve2) => s3.once("close", () => resolve2())) : Promise.resolve()
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
init_node_fs();
import path11 from "node:path";
var PREFIX = "keep-";
var libc = libcCalls({
  mount: "int mount(const char *, const char *, const char *, unsigned long, const char *)",
  umount2: "int umount2(const char *, int)"
});
var MS_NOSUID = 2;
var MS_NODEV = 4;
var MNT_DETACH = 2;
var UMOUNT_NOFOLLOW = 8;
function keptBase(cacheDir) {
  return path11.join(cacheDir, "layers");
}
function createKeptScratch(cacheDir, kind, bytes, inodes, root) {
  const base = keptBase(cacheDir);
  mkdirSync(base, { recursive: true, mode: 493 });
  const dir = path11.join(base, `${PREFIX}${process.pid}-${randomBytes(6).toString("hex")}`);
  mkdirSync(dir, { mode: 493 });
  let mounted = false;
  const image = `${dir}.img`;
  try {
    if (root && kind === "memory") {
      if (libc().mount(
        "tmpfs",
        dir,
        "tmpfs",
        MS_NOSUID | MS_NODEV,
        `size=${bytes},nr_inodes=${inodes},mode=0755`
      ) !== 0)
        throw new SetupError("scratch", `cannot mount a tmpfs on ${dir} (errno ${lastErrno()})`);
      mounted = true;
    } else if (root && kind === "disk") {
      makeExt4(image, bytes);
      try {
        childProcess().execFileSync("mount", ["-o", "loop,nosuid,nodev", image, dir], {
          stdio: ["ignore", "ignore", "pipe"]
        });
      } catch (e) {
        throw new SetupError("scratch", `cannot loop-mount the disk scratch ${image}: ${stderrOf(e)}`);
      }
      mounted = true;
      rmSync(image, { force: true });
      rmdirSync(path11.join(dir, "lost+found"));
    }
  } catch (e) {
    rmSync(image, { force: true });
    if (mounted) libc().umount2(dir, MNT_DETACH);
    removeHostTree(dir);
    throw e;
  }
  let disposed = false;
  return {
    dir,
    kind: root ? kind : "plain",
    upper: path11.join(dir, "upper"),
    mountUpper: (i) => path11.join(dir, `m${i}`, "u"),
    dispose() {
      if (disposed) return;
      disposed = true;
      if (mounted) libc().umount2(dir, MNT_DETACH);
      removeHostTree(dir);
    }
  };
}
function makeExt4(image, bytes) {
  const fd = openSync(image, "wx", 384);
  try {
    ftruncateSync(fd, bytes);
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
    throw new SetupError("scratch", `cannot create the disk scratch (mkfs.ext4): ${stderrOf(e)}`);
  }
}
function stderrOf(e) {
  const err = e;
  return (err.stderr?.toString().trim() || err.message || String(e)).split("\n")[0];
}
function createPlainScratch(dir) {
  mkdirSync(dir, { mode: 493 });
  let disposed = false;
  return {
    dir,
    kind: "plain",
    upper: path11.join(dir, "upper"),
    mountUpper: (i) => path11.join(dir, `m${i}`, "u"),
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
    const m2 = /^keep-(\d+)-[0-9a-f]+(\.img)?$/.exec(name);
    if (!m2) continue;
    const dir = path11.join(base, name);
    try {
      if (pidOwnerAlive(Number(m2[1]), lstatSync(dir).mtimeMs, bootMs)) continue;
      libc().umount2(dir, MNT_DETACH | UMOUNT_NOFOLLOW);
      removeHostTree(dir);
      removed++;
    } catch {
    }
  }
  return removed;
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
    const p2 = text.slice(colon + 1);
    if (!/^[1-9][0-9]{0,4}$/.test(p2) || Number(p2) > 65535) throw bad("has no valid port (1-65535)");
    port = Number(p2);
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
  return spec.trim();
}

// src/engine/net/nat.ts
init_node_fs();
import { join as join4 } from "node:path";

// src/engine/net/iptables.ts
var chainPrefix = (runId) => `NSBOX-${runId.toUpperCase()}`;
function parseFilterView(save) {
  const chains = /* @__PURE__ */ new Set();
  let forwardPolicy = null;
  let inFilter = false;
  for (const line of save.split("\n")) {
    if (line.startsWith("*")) inFilter = line === "*filter";
    else if (inFilter && line.startsWith(":")) {
      const [name, policy] = line.slice(1).split(" ");
      chains.add(name);
      if (name === "FORWARD") forwardPolicy = policy;
    }
  }
  return { forwardPolicy, chains };
}
var forwardHook = (v) => v.chains.has("DOCKER-USER") ? "DOCKER-USER" : "FORWARD";
function forwardHoles(p2, v) {
  if (v.forwardPolicy === null || v.forwardPolicy === "ACCEPT" && !v.chains.has("DOCKER-USER")) return null;
  const hook = forwardHook(v);
  const rules = [
    `${hook} -i ${p2.ifPrefix}+ -j ACCEPT`,
    `${hook} -o ${p2.ifPrefix}+ -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`
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
function iptablesPlan(p2, v) {
  const c = chainPrefix(p2.runId);
  const [fwd, inp, nat] = [`${c}-FWD`, `${c}-IN`, `${c}-NAT`];
  const ifs = `${p2.ifPrefix}+`;
  const hook = forwardHook(v);
  const over = `-m conntrack --ctstate NEW -m connlimit --connlimit-above ${p2.maxConnections} --connlimit-mask 32 --connlimit-saddr`;
  const caps = (chain) => [
    `-A ${chain} -i ${ifs} -p tcp ${over} -j REJECT --reject-with tcp-reset`,
    `-A ${chain} -i ${ifs} ${over} -j REJECT`
  ];
  const filter = [
    "*filter",
    `:${fwd} - [0:0]`,
    `:${inp} - [0:0]`,
    `-A ${inp} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    // replies to the host's own connections
    ...caps(inp),
    ...p2.hostAllow.flatMap((r) => accepts(inp, r, `-i ${ifs}`)),
    `-A ${inp} -j DROP`,
    `-A ${fwd} -i ${ifs} ! -s ${p2.pool} -j DROP`,
    // spoofed sources would leave unmasqueraded
    ...caps(fwd),
    ...p2.forwardAllow.flatMap((r) => accepts(fwd, r, `-i ${ifs}`)),
    ...p2.blocked.map((b2) => `-A ${fwd} -i ${ifs} -d ${b2} -j DROP`),
    `-A ${fwd} -i ${ifs} -j ACCEPT`,
    // ACCEPT (not RETURN): Docker's policy DROP must not see it
    `-A ${fwd} -o ${ifs} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-A ${fwd} -o ${ifs} -j DROP`,
    `-I INPUT 1 -i ${ifs} -j ${inp}`,
    `-I ${hook} 1 -j ${fwd}`,
    "COMMIT",
    "*nat",
    `:${nat} - [0:0]`,
    `-A ${nat} -s ${p2.pool} ! -d ${p2.pool} -j MASQUERADE`,
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
function ip6Plan(p2) {
  const rules = [
    `INPUT -i ${p2.ifPrefix}+ -j DROP`,
    `FORWARD -i ${p2.ifPrefix}+ -j DROP`,
    `FORWARD -o ${p2.ifPrefix}+ -j DROP`
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
function nftRuleset(p2) {
  const ifs = `"${p2.ifPrefix}*"`;
  const cap = `ct state new add @conns { iifname ct count over ${p2.maxConnections} } jump over_cap`;
  const lines = [
    `table inet ${tableName(p2.runId)} {`,
    `  set blocked4 { type ipv4_addr; flags interval; elements = { ${p2.blocked.join(", ")} } }`,
    "  set conns { type ifname; size 65535; flags dynamic; }",
    "  chain input {",
    "    type filter hook input priority -5; policy accept;",
    `    iifname ${ifs} jump to_host`,
    "  }",
    // The gateway address, the runner's public/private addresses and anything listening on them.
    "  chain to_host {",
    "    ct state established,related accept",
    // replies to connections the host opened
    `    ${cap}`,
    ...p2.hostAllow.map((r) => `    ${accept(r)}`),
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
    `    ip saddr != ${p2.pool} drop`,
    // root inside may spoof; it would leave unmasqueraded
    `    ${cap}`,
    ...p2.forwardAllow.map((r) => `    ${accept(r)}`),
    "    ip daddr @blocked4 drop",
    "  }",
    // A TCP reset fails connect() at once (ICMP errors are rate-limited: most attempts would hang).
    "  chain over_cap {",
    "    meta l4proto tcp reject with tcp reset",
    "    reject",
    "  }",
    "  chain postrouting {",
    "    type nat hook postrouting priority 100; policy accept;",
    `    ip saddr ${p2.pool} ip daddr != ${p2.pool} masquerade`,
    "  }",
    "}"
  ];
  return `${lines.join("\n")}
`;
}

// src/engine/net/state.ts
init_node_fs();
import { join as join3 } from "node:path";

// src/engine/net/libc.ts
var calls2 = libcCalls({
  socket: "int socket(int, int, int)",
  setsockopt: "int setsockopt(int, int, int, const void *, uint32_t)",
  sendto: "ssize_t sendto(int, const void *, size_t, int, const void *, uint32_t)",
  recv: "ssize_t recv(int, void *, size_t, int)",
  close: "int close(int)",
  flock: "int flock(int, int)"
});
var withErrno = null;
function libc2() {
  withErrno ??= { ...calls2(), errno: lastErrno };
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
  return [...randomBytes(6)].map((b2) => alphabet[b2 % 36]).join("");
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
    this.leases = join3(base, "leases");
    this.runs = join3(base, "runs");
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
      fd = openSync(join3(this.base, "lock"), "a", 384);
    } catch (e) {
      throw new SetupError("network", this.unusable(e));
    }
    try {
      const c = libc2();
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
    writeFileAtomic(join3(this.runs, `${r.runId}.json`), JSON.stringify(r));
  }
  removeRun(runId) {
    unlinkQuiet(join3(this.runs, `${runId}.json`));
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
    return join3(this.base, "ip_forward.orig");
  }
};
function listJson(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(".json")).map((n) => readJsonOrNull(join3(dir, n))).filter((x) => x !== null);
}

// src/engine/net/nat.ts
var IP_FORWARD = "/proc/sys/net/ipv4/ip_forward";
function findTool(name) {
  const dirs = [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/sbin", "/usr/local/sbin"];
  for (const d of dirs) {
    if (!d) continue;
    const p2 = join4(d, name);
    try {
      accessSync(p2, constants.X_OK);
      return p2;
    } catch {
    }
  }
  return null;
}
function run(tool, args, input) {
  const path13 = findTool(tool);
  if (!path13) return { ok: false, out: "", err: `${tool}: not found` };
  const r = childProcess().spawnSync(path13, args, { input, encoding: "utf8", timeout: 3e4 });
  const err = (r.stderr || r.error?.message || "").trim();
  return { ok: r.status === 0, out: r.stdout ?? "", err };
}
function restore(tool, text) {
  return run(`${tool}-restore`, ["-w", "--noflush"], text);
}
function filterView(tool) {
  const r = run(`${tool}-save`, ["-t", "filter"]);
  return parseFilterView(r.ok ? r.out : "");
}
function setupFirewall(p2, rec, state, prefer = "auto") {
  let nftErr = "nft: not used (iptables asked for)";
  if (prefer !== "iptables") nftErr = findTool("nft") ? tryNft(p2, rec, state) ?? "" : "nft: not found";
  if (nftErr && prefer === "nft")
    throw new SetupError("network", `cannot install the sandbox firewall: ${nftErr}`);
  if (!nftErr) {
    if (findTool("iptables-restore") && findTool("iptables-save")) {
      const holes = forwardHoles(p2, filterView("iptables"));
      if (holes) {
        rec.iptablesUndo = holes.undo;
        state.writeRun(rec);
        const r2 = restore("iptables", holes.apply);
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
  const plan = iptablesPlan(p2, filterView("iptables"));
  rec.backend = "iptables";
  rec.iptablesUndo = plan.undo;
  state.writeRun(rec);
  const r = restore("iptables", plan.apply);
  if (!r.ok)
    throw new SetupError("network", `cannot install the sandbox firewall: ${nftErr}; iptables: ${r.err}`);
  if (findTool("ip6tables-restore")) {
    const v6 = ip6Plan(p2);
    rec.ip6tablesUndo = v6.undo;
    state.writeRun(rec);
    const r6 = restore("ip6tables", v6.apply);
    if (!r6.ok) throw new SetupError("network", `ip6tables: cannot drop sandbox IPv6: ${r6.err}`);
  }
}
function tryNft(p2, rec, state) {
  rec.backend = "nft";
  rec.table = tableName(p2.runId);
  state.writeRun(rec);
  const r = run("nft", ["-f", "-"], nftRuleset(p2));
  if (r.ok) return null;
  run("nft", ["delete", "table", "inet", rec.table]);
  rec.backend = "none";
  delete rec.table;
  state.writeRun(rec);
  return `nft: ${r.err.split("\n")[0]}`;
}
function undoIptables(tool, undo) {
  if (!undo?.length) return;
  if (restore(tool, `${undo.join("\n")}
`).ok) return;
  for (const args of undoCommands(undo)) run(tool, ["-w", ...args]);
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
  return [...r.out.matchAll(/^table inet (nsbox_[a-z0-9]+)$/gm)].map((m2) => m2[1]);
}
function listNsboxChains() {
  const ids = /* @__PURE__ */ new Set();
  for (const table of ["filter", "nat"]) {
    const r = run("iptables-save", ["-t", table]);
    for (const m2 of r.out.matchAll(/^:NSBOX-([A-Z0-9]+)-[A-Z]+ /gm)) ids.add(m2[1].toLowerCase());
  }
  return ids;
}

// src/engine/net/pool.ts
init_node_fs();
import { join as join5 } from "node:path";
var DEFAULT_POOL = "100.96.0.0/16";
var MAX_SLOTS = 99999;
function parsePool(text) {
  const cidr = parseCidr4(text.trim());
  if (!cidr || cidr.prefix < 8 || cidr.prefix > 30) {
    throw new UsageError(
      `pool: '${text}' is not an IPv4 network between /8 and /30; use e.g. ${DEFAULT_POOL}`
    );
  }
  return { cidr, text: formatCidr4(cidr), slots: Math.min(cidrSize(cidr) / 4, MAX_SLOTS) };
}
function checkPoolClash(pool, routes) {
  for (const r of routes) {
    if (r.prefix === 0 || r.dev.startsWith("nsb") || r.dev === "") continue;
    const c = parseCidr4(`${r.dst}/${r.prefix}`, true);
    if (c && cidrOverlaps(c, pool.cidr)) {
      throw new UsageError(
        `network pool ${pool.text} overlaps the host route ${formatCidr4(c)} on ${r.dev || "?"}`,
        "pool"
      );
    }
  }
}
var linkName = (runId, index) => `nsb${runId}${index}`;
function leaseOf(pool, runId, index) {
  const net = pool.cidr.base + index * 4;
  return { index, link: linkName(runId, index), address: net + 2, gateway: net + 1, prefix: 30 };
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
    return join5(this.state.leases, String(l.index));
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
      throw new UsageError(`network pool ${this.pool.text} is exhausted (${this.pool.slots} sandboxes)`);
    });
  }
  tryTake(i) {
    const path13 = join5(this.state.leases, String(i));
    const body = {
      ...selfOwner(),
      run: this.runId,
      link: linkName(this.runId, i),
      pool: this.pool.text
    };
    for (let attempt2 = 0; attempt2 < 2; attempt2++) {
      try {
        const fd = openSync(path13, "wx", 384);
        try {
          writeSync(fd, JSON.stringify(body));
        } finally {
          closeSync(fd);
        }
        return true;
      } catch (e) {
        if (e.code !== "EEXIST") throw e;
      }
      if (attempt2 === 0 && !reclaimLease(this.state, i, this.nl())) return false;
    }
    return false;
  }
  /** The sandbox is over: its netns (and so the veth pair) dies with it, no costly delete here. */
  release(lease) {
    if (!this.held.delete(lease.index)) return;
    this.state.locked(() => {
      const path13 = join5(this.state.leases, String(lease.index));
      if (this.nl().linkIndex(lease.link) === null) unlinkQuiet(path13);
      else {
        const f2 = readJsonOrNull(path13);
        if (f2) writeFileAtomic(path13, JSON.stringify({ ...f2, released: true }));
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
        unlinkQuiet(join5(this.state.leases, String(l.index)));
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
function reclaimLease(state, i, nl) {
  const path13 = join5(state.leases, String(i));
  const f2 = readJsonOrNull(path13);
  if (f2 && typeof f2.link === "string") {
    const alive = recordOwnerAlive(f2);
    if (alive && !f2.released) return false;
    if (nl.linkIndex(f2.link) !== null) {
      if (alive) return false;
      nl.deleteLink(f2.link);
    }
  }
  unlinkQuiet(path13);
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
    if (/^\d+$/.test(name) && reclaimLease(state, Number(name), nl)) n++;
    else if (name.endsWith(".tmp")) unlinkQuiet(join5(state.leases, name));
  }
  return n;
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
  for (const rec of state.listRuns()) {
    if (recordOwnerAlive(rec)) {
      live.add(rec.runId);
      continue;
    }
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
  removed += reclaimAllLeases(state, nl);
  for (const link of nl.listLinks()) {
    const m2 = RUN_LINK.exec(link.name);
    if (m2 && !live.has(m2[1]) && nl.deleteLink(link.name)) removed++;
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
  if (override?.length) return { nameservers: override.map(parseDnsServer), search: [], options: [] };
  const main2 = parseResolvConf(readTextOrNull(paths.resolvConf) ?? "");
  if (main2.loopback || !main2.nameservers.length) {
    const up = readTextOrNull(paths.resolvedUpstream);
    if (up !== null) {
      const u = parseResolvConf(up);
      if (u.nameservers.length) {
        return {
          nameservers: u.nameservers,
          search: u.search.length ? u.search : main2.search,
          options: u.options
        };
      }
    }
  }
  return { nameservers: main2.nameservers, search: main2.search, options: main2.options };
}
function resolvConfText(r) {
  const lines = ["# written by nsbox"];
  if (!r.nameservers.length) lines.push("# no non-loopback DNS server found on the host");
  for (const s3 of r.nameservers.slice(0, 3)) lines.push(`nameserver ${s3}`);
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
  const b2 = Buffer.alloc(4);
  b2.writeUInt32LE(v >>> 0, 0);
  return b2;
};
var cstr = (s3) => Buffer.concat([Buffer.from(s3, "utf8"), Buffer.alloc(1)]);
var ip4 = (n) => {
  const b2 = Buffer.alloc(4);
  b2.writeUInt32BE(n >>> 0, 0);
  return b2;
};
function ifinfomsg(index = 0, flags2 = 0, change = 0, family = AF_UNSPEC) {
  const b2 = Buffer.alloc(16);
  b2.writeUInt8(family, 0);
  b2.writeInt32LE(index, 4);
  b2.writeUInt32LE(flags2 >>> 0, 8);
  b2.writeUInt32LE(change >>> 0, 12);
  return b2;
}
function ifaddrmsg(family, prefixlen, index) {
  const b2 = Buffer.alloc(8);
  b2.writeUInt8(family, 0);
  b2.writeUInt8(prefixlen, 1);
  b2.writeUInt32LE(index, 4);
  return b2;
}
function rtmsg(family) {
  const b2 = Buffer.alloc(12);
  b2.writeUInt8(family, 0);
  return b2;
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
  const m2 = /* @__PURE__ */ new Map();
  let off = 0;
  while (off + 4 <= buf.length) {
    const len = buf.readUInt16LE(off);
    if (len < 4 || off + len > buf.length) break;
    m2.set(buf.readUInt16LE(off + 2) & 16383, buf.subarray(off + 4, off + len));
    off += align4(len);
  }
  return m2;
}
function parseError(msg) {
  const errno = -msg.body.readInt32LE(0) || 0;
  if (!(msg.flags & NLM_F_ACK_TLVS)) return { errno };
  const echoedLen = msg.flags & 256 ? NLMSG_HDRLEN : msg.body.readUInt32LE(4);
  const tlv = parseAttrs(msg.body.subarray(4 + align4(echoedLen)));
  const text = tlv.get(NLMSGERR_ATTR_MSG);
  return text ? { errno, message: text.toString("utf8").replace(/\0.*$/s, "") } : { errno };
}
var attrString = (b2) => b2 === void 0 ? void 0 : b2.toString("utf8").replace(/\0.*$/s, "");
var attrU32 = (b2) => b2 === void 0 || b2.length < 4 ? void 0 : b2.readUInt32LE(0);
function formatAddr(b2) {
  if (b2.length === 4) return [...b2].join(".");
  const groups = [];
  for (let i = 0; i + 1 < b2.length; i += 2) groups.push(b2.readUInt16BE(i).toString(16));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < groups.length; ) {
    let j2 = i;
    while (j2 < groups.length && groups[j2] === "0") j2++;
    if (j2 - i > bestLen) [best, bestLen] = [i, j2 - i];
    i = j2 === i ? i + 1 : j2;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

// src/engine/net/netlink.ts
var AF_NETLINK = 16;
var SOCK_RAW = 3;
var SOCK_CLOEXEC2 = 524288;
var NETLINK_ROUTE = 0;
var SOL_SOCKET2 = 1;
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
    const c = libc2();
    this.fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC2, NETLINK_ROUTE);
    if (this.fd < 0) throw new ErrnoError(c.errno(), "netlink socket");
    this.kernel.writeUInt16LE(AF_NETLINK, 0);
    const tv = Buffer.alloc(16);
    tv.writeBigInt64LE(5n, 0);
    c.setsockopt(this.fd, SOL_SOCKET2, SO_RCVTIMEO, tv, 16);
    c.setsockopt(this.fd, SOL_NETLINK, NETLINK_EXT_ACK, u32(1), 4);
  }
  close() {
    if (this.fd >= 0) libc2().close(this.fd);
    this.fd = -1;
  }
  /** Send one request; return the messages of the reply (dump rows, or [] for a plain ack). */
  request(type, flags2, body, what) {
    if (this.fd < 0) throw new Error("netlink socket is closed");
    const c = libc2();
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
      for (const m2 of splitMessages(Buffer.from(this.rx.subarray(0, n)))) {
        if (m2.seq !== seq) continue;
        if (m2.type === NLMSG_ERROR) {
          const { errno, message } = parseError(m2);
          if (errno !== 0) throw new ErrnoError(errno, what, message);
          if (!dump) return rows;
        } else if (m2.type === NLMSG_DONE) {
          return rows;
        } else {
          rows.push(m2);
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
    return this.request(RTM_GETLINK, NLM_F_DUMP, ifinfomsg(), "list links").map((m2) => {
      const a = parseAttrs(m2.body.subarray(16));
      return {
        index: m2.body.readInt32LE(4),
        name: attrString(a.get(IFLA_IFNAME)) ?? "",
        mtu: attrU32(a.get(IFLA_MTU)) ?? 0,
        up: (m2.body.readUInt32LE(8) & IFF_UP) !== 0
      };
    });
  }
  listAddresses() {
    const rows = this.request(RTM_GETADDR, NLM_F_DUMP, ifaddrmsg(AF_UNSPEC, 0, 0), "list addresses");
    const out = [];
    for (const m2 of rows) {
      const family = m2.body.readUInt8(0);
      if (family !== AF_INET && family !== AF_INET6) continue;
      const a = parseAttrs(m2.body.subarray(8));
      const raw = a.get(IFA_LOCAL) ?? a.get(IFA_ADDRESS);
      if (!raw) continue;
      out.push({
        family: family === AF_INET ? 4 : 6,
        index: m2.body.readUInt32LE(4),
        address: formatAddr(raw),
        prefix: m2.body.readUInt8(1)
      });
    }
    return out;
  }
  /** Routes of every table (main, local, policy-routing tables such as a VPN's). */
  listRoutes(family) {
    const af = family === 4 ? AF_INET : AF_INET6;
    const rows = this.request(RTM_GETROUTE, NLM_F_DUMP, rtmsg(af), "list routes");
    const out = [];
    for (const m2 of rows) {
      if (m2.body.readUInt8(0) !== af) continue;
      const a = parseAttrs(m2.body.subarray(12));
      const dst = a.get(RTA_DST);
      const gw = a.get(RTA_GATEWAY);
      out.push({
        family,
        dst: dst ? formatAddr(dst) : family === 4 ? "0.0.0.0" : "::",
        prefix: m2.body.readUInt8(1),
        table: attrU32(a.get(RTA_TABLE)) ?? m2.body.readUInt8(4),
        type: m2.body.readUInt8(7),
        oif: attrU32(a.get(RTA_OIF)),
        gateway: gw ? formatAddr(gw) : void 0,
        priority: attrU32(a.get(RTA_PRIORITY)) ?? 0
      });
    }
    return out;
  }
  /** MTU of the link carrying the main table's IPv4 default route (lowest metric); null without one. */
  uplinkMtu() {
    const defaults = this.listRoutes(4).filter((r) => r.prefix === 0 && r.table === 254 && r.type === 1 && r.oif !== void 0).sort((x, y) => x.priority - y.priority);
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

// src/engine/net/rootless.ts
init_node_fs();
import { networkInterfaces } from "node:os";
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
function checkTun(path13 = "/dev/net/tun") {
  try {
    accessSync(path13, constants.R_OK | constants.W_OK);
  } catch {
    throw new SetupError(
      "network",
      `network nat without root needs read-write access to ${path13} for slirp4netns (it is mode 0666 on most systems), or root`
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
function rootlessRuleset(allow, dnsServers, hostAddrs4 = []) {
  const dns = [.../* @__PURE__ */ new Set([SLIRP_DNS, ...dnsServers])].map((s3) => ({ cidr: `${s3}/32`, port: 53 }));
  const lines = [
    "table inet nsbox {",
    "  chain output {",
    "    type filter hook output priority 0; policy accept;",
    '    oifname "lo" accept',
    // the sandbox's own loopback (127/8 and its own address)
    "    ct state established,related accept",
    "    meta nfproto != ipv4 drop",
    // IPv6 is off inside; never let it out unfiltered
    ...[...dns, ...allow].map((r) => `    ${accept2(r)}`),
    // 10.0.0.0/8 covers slirp's gateway 10.0.2.2, i.e. the host and its loopback. slirp4netns connects
    // from the engine's netns, so the host's own addresses (public ones too) would reach its services.
    `    ip daddr { ${normaliseSet([...BLOCKED_RANGES, ...hostAddrs4.map((a) => `${a}/32`)]).join(", ")} } drop`,
    "  }",
    "}"
  ];
  return `${lines.join("\n")}
`;
}
function openRootlessNetRun(opts) {
  const tools = rootlessTools();
  if (!tools) throw rootlessError();
  checkTun();
  const allow = (opts.allow ?? []).map(parseAllow);
  const dns = opts.dns?.length ? resolveDns(opts.dns).nameservers : void 0;
  const notEnforced = opts.maxConnections === void 0 ? [] : ["max-connections (rootless nat: slirp4netns connects as the caller, no conntrack to cap)"];
  return openRootlessNet(tools, { allow, dns, notEnforced });
}
function openRootlessNet(tools, opts) {
  const nameservers = opts.dns?.length ? opts.dns : [SLIRP_DNS];
  const hostAddrs4 = Object.values(networkInterfaces()).flatMap((l) => l ?? []).filter((a) => a.family === "IPv4").map((a) => a.address);
  const ruleset = rootlessRuleset(opts.allow, opts.dns ?? [], hostAddrs4);
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
function startSlirp(path13, pid) {
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
  return childProcess().spawn(path13, args, { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
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
init_node_fs();
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
    notEnforced: [],
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
function readHost(nl) {
  const rawRoutes = nl.listRoutes(4).filter((r) => r.type === 1 || r.type === 2);
  const devName = new Map(nl.listLinks().map((l) => [l.index, l.name]));
  const routes = rawRoutes.map((r) => ({
    dst: r.dst,
    prefix: r.prefix,
    dev: devName.get(r.oif ?? -1) ?? ""
  }));
  const ownLink = (i) => (devName.get(i) ?? "").startsWith("nsb");
  const addrs4 = nl.listAddresses().filter((a) => a.family === 4 && !ownLink(a.index)).map((a) => a.address);
  return { routes, addrs4, mtu: nl.uplinkMtu() ?? 1500 };
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
import { constants as constants2 } from "node:os";
var signalNames = new Map(Object.entries(constants2.signals).map(([name, n]) => [n, name]));
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
  if (o.timedOut) return { ...base, status: "timeout", reason: o.timedOut };
  if (o.cancelled && signal !== null) {
    return { ...base, status: "cancelled", reason: "the run was cancelled" };
  }
  const failed = exitCode !== 0;
  if (failed && o.oomKills > 0) {
    const limit = o.memoryLimit ? ` (memory limit ${o.memoryLimit})` : "";
    return { ...base, status: "oom", reason: `out of memory${limit}: ${o.oomKills} process(es) killed` };
  }
  if (failed && o.pidsLimitHit) {
    const limit = o.pidsLimit !== null ? ` ${o.pidsLimit}` : "";
    return { ...base, status: "pids-limit", reason: `the process limit${limit} was reached` };
  }
  if (signal !== null) return { ...base, status: "signaled", reason: `killed by ${base.signal}` };
  return { ...base, status: failed ? "failed" : "ok", reason: null };
}
function applyEvent(o, ev) {
  switch (ev.event) {
    case "setup-error":
      o.setupError ??= { step: ev.step, message: ev.message };
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

// src/engine/outputs/copy.ts
init_node_fs();
import path12 from "node:path";
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
  for (const ch of name) clean += ch < " " || ch === "\x7F" || '":<>|*?\\\uFFFD'.includes(ch) ? "_" : ch;
  return clean === "." || clean === ".." || clean === "" ? "_" : clean;
}
function layerFor(view, sandboxPath) {
  const parts = sandboxPath.split("/").filter((c) => c && c !== ".");
  let best = { base: view.upper, prefix: [], rel: parts };
  for (const m2 of view.mounts) {
    const mp = m2.target.split("/").filter(Boolean);
    if (mp.length > parts.length || mp.some((c, i) => parts[i] !== c)) continue;
    if (mp.length >= best.prefix.length) best = { base: m2.upper, prefix: mp, rel: parts.slice(mp.length) };
  }
  return best;
}
function copyOutputs(name, req, view) {
  const owner = callerOwner();
  const destRoot = path12.join(path12.resolve(req.dir), sanitizeName(name));
  const result = { dir: destRoot, files: [], bytes: 0, skipped: [], skippedCount: 0 };
  const skip = (p2, reason) => {
    result.skippedCount++;
    if (result.skipped.length < MAX_SKIPPED_LISTED) result.skipped.push({ path: p2, reason });
  };
  const seen = /* @__PURE__ */ new Set();
  const claimed = /* @__PURE__ */ new Map();
  const claim = (dest, inside, dir) => {
    const had = claimed.get(dest);
    if (had && !(dir && had.dir)) throw new Error(`${dest} is already the copy of ${had.inside}`);
    claimed.set(dest, had ?? { inside, dir });
  };
  const copyEntry = (src, inside, destDir) => {
    if (seen.has(inside)) return;
    seen.add(inside);
    let st2;
    try {
      st2 = lstatSync(src);
    } catch {
      return;
    }
    const dest = inside === "/" ? destDir : path12.join(destDir, sanitizeName(path12.posix.basename(inside)));
    if (st2.isDirectory()) {
      let children2;
      try {
        claim(dest, inside, true);
        mkdirChecked(dest, owner, false);
        children2 = readdirSync(src, { encoding: "buffer" }).sort(Buffer.compare);
      } catch (e) {
        return skip(inside, e.message);
      }
      for (const child of children2)
        copyEntry(Buffer.concat([src, Buffer.from("/"), child]), `${inside}/${child.toString()}`, dest);
      return;
    }
    if (!st2.isFile()) {
      skip(inside, st2.isSymbolicLink() ? "symlink (not followed)" : "not a regular file");
      return;
    }
    if (result.files.length >= req.limitFiles)
      return skip(inside, `file count limit ${req.limitFiles} reached`);
    if (result.bytes + st2.size > req.limitBytes)
      return skip(inside, `size limit ${req.limitBytes} bytes reached`);
    try {
      claim(dest, inside, false);
    } catch (e) {
      return skip(inside, e.message);
    }
    const copied = copyFile(src, dest, owner, req.limitBytes - result.bytes);
    if (copied === null) return skip(inside, "changed or unreadable while copying");
    result.files.push(inside);
    result.bytes += copied;
  };
  for (const pattern of req.patterns) {
    if (pattern.split("/").includes("..")) {
      skip(pattern, "'..' is not allowed in output paths");
      continue;
    }
    const { base, prefix, rel } = layerFor(view, pattern);
    for (const relPath of matchPattern(base, splitPattern(rel))) {
      const parts = [...prefix, ...relPath.map((b2) => b2.toString())];
      const inside = `/${parts.join("/")}`;
      let destDir;
      try {
        destDir = ensureDir(destRoot, parts.slice(0, -1), claim, owner);
      } catch (e) {
        skip(inside, e.message);
        continue;
      }
      copyEntry(
        Buffer.concat([Buffer.from(base), ...relPath.flatMap((b2) => [Buffer.from("/"), b2])]),
        inside,
        destDir
      );
    }
  }
  return result;
}
function ensureDir(destRoot, components, claim, owner) {
  let dir = destRoot;
  mkdirChecked(path12.dirname(destRoot), owner, true);
  mkdirChecked(destRoot, owner, false);
  for (const [i, c] of components.entries()) {
    dir = path12.join(dir, sanitizeName(c));
    claim(dir, `/${components.slice(0, i + 1).join("/")}`, true);
    mkdirChecked(dir, owner, false);
  }
  return dir;
}
function mkdirChecked(dir, owner, recursive) {
  try {
    let created;
    if (recursive) created = mkdirSync(dir, { recursive, mode: 493 });
    else {
      mkdirSync(dir, { mode: 493 });
      created = dir;
    }
    if (owner && created !== void 0)
      for (let d = dir; ; d = path12.dirname(d)) {
        chownDir(d, owner);
        if (d === created || d === path12.dirname(d)) break;
      }
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
  }
  if (!lstatSync(dir).isDirectory()) throw new Error(`output directory ${dir} is not a directory`);
}
function chownDir(dir, owner) {
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    fchownSync(fd, owner.uid, owner.gid);
  } finally {
    closeSync(fd);
  }
}
function copyFile(src, dest, owner, budget) {
  let inFd = -1;
  let outFd = -1;
  try {
    inFd = openSync(src, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st2 = fstatSync(inFd);
    if (!st2.isFile() || st2.size > budget) return null;
    const mode = st2.mode & 73 ? 493 : 420;
    outFd = openSync(
      dest,
      constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
      mode
    );
    const buf = Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (; ; ) {
      const n = readSync(inFd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > budget) return null;
      writeSync(outFd, buf, 0, n);
    }
    if (owner) fchownSync(outFd, owner.uid, owner.gid);
    return total;
  } catch {
    return null;
  } finally {
    if (inFd >= 0) closeSync(inFd);
    if (outFd >= 0) closeSync(outFd);
  }
}
function mountsView(upper, mounts, mountUpper) {
  return {
    upper,
    mounts: mounts.flatMap(
      (m2, i) => m2.mode === "overlay" ? [{ target: m2.target, upper: mountUpper(i) }] : []
    )
  };
}

// src/engine/sandbox-spec.ts
init_node_fs();
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
function specRecords(ctx, opts, applied, hostname, cg, net, kept, internal, spare = false) {
  const records = [
    ["rootfs", ctx.rootfsDir],
    ...ctx.layers.map((l) => ["layer", l]),
    ["scratch", kept ? kept.dir : ctx.scratchDir],
    ...kept ? [["scratch_keep", "1"]] : [],
    ["tmpfs_size", String(applied.tmpfsBytes)],
    ["tmpfs_inodes", String(applied.tmpfsInodes)],
    ["hostname", hostname],
    ["uid_base", String(ctx.idMap.uidBase)],
    ["gid_base", String(ctx.idMap.gidBase)],
    ["id_count", String(ctx.idMap.count)]
  ];
  if (!spare) records.push(...commandRecords(opts, hostname));
  if (opts.tty) records.push(["tty", "1"]);
  for (const m2 of opts.mounts ?? []) {
    records.push(["mount_src", m2.source], ["mount_dst", m2.target]);
    if (ctx.idMap.count > 1 && wantsIdmap(m2)) records.push(["mount_idmap", "1"]);
    if (m2.mode === "overlay") for (const l of ctx.mountLayers(m2)) records.push(["mount_layer", l]);
    records.push(["mount_mode", m2.mode]);
  }
  for (const [path13, data] of internal.files ?? []) records.push(["file_path", path13], ["file_data", data]);
  records.push(...cg.helperSpec());
  if (net) {
    records.push(...net.helperSpec());
    for (const [path13, data] of ctx.net?.files(hostname) ?? [])
      records.push(["file_path", path13], ["file_data", data]);
  } else {
    records.push(["net", "none"]);
    records.push(["file_path", "/etc/hosts"], ["file_data", hostsText(hostname, { ipv6: true })]);
  }
  return records;
}
function wantsIdmap(m2) {
  if (m2.mode === "overlay") return true;
  try {
    const st2 = statSync(m2.source);
    return (m2.mode === "rw" || st2.isDirectory()) && st2.uid !== 0;
  } catch {
    return false;
  }
}
function stdioFor(opts) {
  const s3 = opts.stdio ?? {};
  return [s3.stdin ?? "ignore", s3.stdout ?? "inherit", s3.stderr ?? "inherit"];
}
function stdinFd(opts) {
  const stdin = opts.stdio?.stdin ?? "ignore";
  return stdin === "inherit" ? 0 : typeof stdin === "number" ? stdin : null;
}

// src/engine/sandbox-watch.ts
var CPU_POLL_MS = 25;
var MAX_TIMER_MS = 2 ** 31 - 1;
function longTimeout(ms2, fn) {
  let timer;
  const arm = (left) => {
    timer = setTimeout(
      () => left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : fn(),
      Math.min(left, MAX_TIMER_MS)
    );
  };
  arm(ms2);
  return { cancel: () => clearTimeout(timer) };
}
function describeLimit(ms2) {
  return ms2 % 1e3 === 0 ? `${ms2 / 1e3}s` : `${ms2}ms`;
}
function pickCpu(cg, rusage) {
  const ru = { userMs: (rusage?.utime_us ?? 0) / 1e3, systemMs: (rusage?.stime_us ?? 0) / 1e3 };
  if (!cg) return { ...ru, source: "rusage" };
  const cgTotal = cg.cpuUserMs + cg.cpuSystemMs;
  const ruTotal = ru.userMs + ru.systemMs;
  if (rusage && ruTotal > 5 && cgTotal < ruTotal * 0.9) return { ...ru, source: "rusage" };
  return { userMs: cg.cpuUserMs, systemMs: cg.cpuSystemMs, source: "cgroup" };
}
function round(ms2) {
  return Math.round(ms2 * 100) / 100;
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
  cfmakeraw: "void cfmakeraw(void *t)"
});
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
import { isAbsolute, posix } from "node:path";
var MIN_MEMORY_BYTES = 4 * 1024 * 1024;
var RESERVED_TARGETS = ["/proc", "/sys", "/dev"];
function checkLimits(limits) {
  if (typeof limits.memoryBytes === "number" && limits.memoryBytes < MIN_MEMORY_BYTES) {
    throw new UsageError(
      `memory: ${formatBytes(limits.memoryBytes)} is below the ${formatBytes(MIN_MEMORY_BYTES)} the sandbox's own set-up needs; use at least 4M`
    );
  }
  if (typeof limits.pids === "number") {
    const max = kernelPidMax();
    if (max !== null && limits.pids >= max) {
      throw new UsageError(
        `pids: ${limits.pids} is more than this kernel allows (kernel.pid_max ${max}); use at most ${max - 1}`
      );
    }
  }
}
function kernelPidMax() {
  const n = Number((readTextOrNull("/proc/sys/kernel/pid_max") ?? "").trim());
  return Number.isSafeInteger(n) && n > 1 ? n : null;
}
function checkMounts(mounts) {
  for (const m2 of mounts) {
    if (!isAbsolute(m2.source)) {
      throw new UsageError(`mount: '${m2.source}' is not an absolute host path; give it as /path`);
    }
    const target = posix.normalize(m2.target).replace(/(.)\/+$/, "$1");
    if (!target.startsWith("/")) {
      throw new UsageError(`mount: '${m2.target}' is not an absolute path inside the sandbox; use /src`);
    }
    if (target === "/" || RESERVED_TARGETS.some((r) => target === r || target.startsWith(`${r}/`))) {
      throw new UsageError(
        `mount: '${m2.target}' is provided by the sandbox itself; mount somewhere outside /, /proc, /sys and /dev`
      );
    }
    if (m2.mode === "overlay" && /[,:\\]/.test(m2.source)) {
      throw new UsageError(
        `mount: overlay cannot use '${m2.source}' (overlayfs cannot take ',', ':' or '\\' in a layer path); use ro or rw, or a path without them`
      );
    }
  }
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
  constructor(ctx, opts, internal, waitForStart, spare, hostname, limits, applied, kept, cg) {
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
  handedOver = false;
  removal = Promise.resolve();
  done;
  /** Everything made for it is gone, whatever happened. */
  settled;
  /** Checks the options, then the sandbox's own cgroup and writable layer; starts the helper. */
  static create(ctx, opts, internal, waitForStart, spare = false) {
    if (!spare && opts.argv.length === 0) throw new SetupError("spec", "no command given");
    checkLimits(opts.limits ?? {});
    checkMounts(opts.mounts ?? []);
    throwIfCancelled(opts.signal);
    const limits = resolveLimits(opts.limits ?? {}, ctx.defaults);
    const applied = appliedLimits(limits);
    const cgLimits = limits.pids !== void 0 ? { ...limits, pids: limits.pids + 1 } : limits;
    const keep = opts.outputs !== void 0 || internal.keepLayer !== void 0 || ctx.scratch === "disk";
    const kept = internal.layerDir ? createPlainScratch(internal.layerDir) : keep ? createKeptScratch(ctx.cacheDir, ctx.scratch, applied.tmpfsBytes, applied.tmpfsInodes, ctx.root) : null;
    let cg;
    try {
      cg = ctx.cgroups.createSandbox(ctx.nextName(), cgLimits, opts.bestEffort ?? false);
    } catch (e) {
      kept?.dispose();
      throw e;
    }
    const hostname = opts.hostname ?? "nsbox";
    return new _SandboxRun(ctx, opts, internal, waitForStart, spare, hostname, limits, applied, kept, cg);
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
      this.collect();
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
    if (this.discarded) return Promise.resolve();
    this.releasing ??= this.letGo();
    return this.releasing;
  }
  async letGo() {
    const { opts, net, observed } = this;
    const control = this.helper.control;
    this.startedAt = monotonicMs();
    if (!net && !this.waitForStart) {
      this.released = true;
      control.end();
    } else if (opts.signal?.aborted) {
      control.end();
      this.stop(null);
    } else if (!net) {
      this.released = true;
      control.end(this.spareGo ?? "g");
    } else {
      try {
        await net.attach(this.initPid);
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
  collect() {
    const { kept, opts, internal } = this;
    this.stats = this.cg.stats();
    if (kept && opts.outputs) {
      const o = opts.outputs;
      this.outputs = copyOutputs(
        o.name,
        {
          patterns: o.patterns,
          dir: o.dir,
          limitBytes: o.limitBytes ?? DEFAULT_OUTPUT_LIMIT_BYTES,
          limitFiles: o.limitFiles ?? DEFAULT_OUTPUT_LIMIT_FILES
        },
        mountsView(kept.upper, opts.mounts ?? [], kept.mountUpper)
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
    const { observed, cg, net, ctx, rusage, outputs } = this;
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
      notEnforced: [...cg.notEnforced, ...net ? ctx.net?.notEnforced ?? [] : []],
      limits: this.applied,
      network: net ? "nat" : "none",
      address: net?.address ?? null,
      alpine: ctx.alpine,
      ...ctx.packages ? { packages: ctx.packages } : {},
      ...outputs ? { outputs } : {}
    };
  }
};

// src/engine/session.ts
var ROOT_ID_BASE = 2e9;
var ID_COUNT = 65536;
var openSessions = /* @__PURE__ */ new Set();
var staleCleanupDone = false;
async function cleanupStale(cacheDir = defaultCacheDir(), opts = {}) {
  const deep = opts.deep ?? true;
  await loadLibc();
  let removed = cleanupStaleRootfsTemps(cacheDir);
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
var mountKey = (m2) => `${m2.source}\0${m2.target}`;
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
    const libc3 = loadLibc();
    mkdirSync(cacheDir, { recursive: true, mode: 493 });
    const root = isRoot();
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    const idMap = root ? { uidBase: ROOT_ID_BASE, gidBase: ROOT_ID_BASE, count: ID_COUNT } : { uidBase: uid, gidBase: gid, count: 1 };
    const cgroupLayout = detectCgroups();
    const rootfs = await prepareRootfs({
      alpine: opts.alpine,
      mirror: opts.mirror,
      tarball: opts.rootfsTarball,
      cacheDir,
      idShift: root ? ROOT_ID_BASE : null,
      onProgress: opts.onProgress,
      signal
    });
    await libc3;
    const sweep = staleCleanupDone ? null : new StaleSweep(cacheDir, cgroupLayout);
    staleCleanupDone = true;
    throwIfCancelled(signal);
    const scratchDir = join6(cacheDir, "scratch");
    mkdirSync(scratchDir, { recursive: true, mode: 493 });
    chmodSync(cacheDir, 493);
    let net = null;
    const cgroups = openCgroupRun({ layout: cgroupLayout });
    try {
      throwIfCancelled(signal);
      if (network === "nat" || setupNetwork === "nat")
        net = openNetRun({
          pool: opts.pool,
          allow: opts.allow,
          dns: opts.dns,
          maxConnections: opts.maxConnections
        });
      throwIfCancelled(signal);
    } catch (err) {
      try {
        net?.dispose();
      } finally {
        cgroups.dispose();
      }
      throw err;
    }
    let session;
    const helper = new HelperServer();
    const ctx = {
      rootfsDir: rootfs.dir,
      alpine: rootfs.version,
      scratchDir,
      idMap,
      cgroups,
      net,
      defaults: sessionDefaults(opts.parallel, cgroupLayout),
      commandNet: network === "nat",
      nextName: () => `sb-${++session.counter}`,
      cacheDir,
      root,
      scratch,
      layers: [],
      mountLayers: (m2) => {
        const l = session.setupMountLayers.get(mountKey(m2));
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
    if (packages.length > 0) {
      try {
        const arch = alpineArch(process.arch);
        const mirror = normalizeMirror(opts.mirror ?? DEFAULT_MIRROR);
        const layer = await session.packageLayer({
          packages: [...packages].sort(),
          repositories: opts.repositories?.length ? opts.repositories : defaultRepositories(mirror, rootfs.version),
          keys: opts.repositoryKeys ?? [],
          allowUntrusted: opts.allowUntrusted ?? false,
          alpine: rootfs.version,
          arch,
          cacheDir,
          rootfsDir: rootfs.dir,
          onProgress: opts.onProgress
        });
        ctx.layers.push(layer.dir);
        ctx.packages = layer.installed;
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
   * Runs the setup script once by `/bin/sh -e` with the given sandbox options (network: the session's
   * setup network). On success its changes to / and to each `overlay` mount become read-only layers
   * under every later sandbox of the session. The result has phase "setup".
   */
  async setup(script, opts) {
    if (this.closed) throw new Error("session is closed");
    if (this.setupDone) throw new Error("setup already ran in this session");
    this.setupDone = true;
    this.discardSpares();
    let kept = null;
    const result = await this.track(
      opts.signal,
      (signal) => runInSandbox(
        this.ctx,
        { ...opts, argv: ["/bin/sh", "-ec", script], signal },
        { network: this.setupNetwork === "nat" ? "nat" : "none", keepLayer: (k) => kept = k }
      )
    );
    const layer = kept;
    if (layer && result.status === "ok") {
      this.setupLayer = layer;
      this.ctx.layers.push(layer.upper);
      (opts.mounts ?? []).forEach((m2, i) => {
        if (m2.mode === "overlay") this.setupMountLayers.set(mountKey(m2), layer.mountUpper(i));
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
    if (!this.sparesWanted || opts.tty || this.ctx.net && this.ctx.commandNet || stdio.some((s3) => typeof s3 !== "string"))
      return null;
    const { mounts, hostname, limits, bestEffort, outputs } = opts;
    const layers = (mounts ?? []).map((m2) => this.ctx.mountLayers(m2));
    return JSON.stringify([this.ctx.layers, mounts, layers, hostname, limits, bestEffort, stdio, !!outputs]);
  }
  /**
   * A spare for these options that is set up and alive; ended ones leave the list (nothing of theirs is
   * left to remove), unready ones stay. `failed`: a spare of these options ended without being taken.
   */
  takeSpare(key) {
    const failed = this.spares.some((s3) => s3.key === key && s3.sandbox.ended);
    this.spares.splice(0, this.spares.length, ...this.spares.filter((s3) => !s3.sandbox.ended));
    const i = this.spares.findIndex((s3) => s3.key === key && s3.sandbox.ready());
    return { spare: i < 0 ? null : this.spares.splice(i, 1)[0]?.sandbox ?? null, failed };
  }
  /** Spares for these options up to MAX_SPARES (older ones for other options make room). */
  topUpSpares(key, opts) {
    while (this.spares.filter((s3) => s3.key === key).length < MAX_SPARES) {
      if (this.spares.length >= MAX_SPARES) {
        const i = this.spares.findIndex((s3) => s3.key !== key);
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
    const { abort, unlink: unlink2 } = this.linkAbort(callerSignal);
    let made;
    try {
      made = make(abort.signal);
    } catch (err) {
      unlink2();
      throw err;
    }
    this.running.set(
      abort,
      made.settled.finally(() => {
        this.running.delete(abort);
        unlink2();
      })
    );
    return made;
  }
  async track(callerSignal, start) {
    const { abort, unlink: unlink2 } = this.linkAbort(callerSignal);
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
      unlink2();
    }
  }
  /** A sandbox's own abort (abortAll reaches it) that also follows the caller's signal until unlink(). */
  linkAbort(callerSignal) {
    const abort = new AbortController();
    const onCallerAbort = () => abort.abort();
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    if (callerSignal?.aborted) abort.abort();
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
      await this.helper.close();
    }
    await removed;
  }
};
async function closeAllSessions() {
  await Promise.all([...openSessions].map((s3) => s3.close()));
}
async function runSandbox(opts) {
  const session = await Session.open(opts);
  try {
    if (opts.setup !== void 0) {
      const { outputs: _outputs, ...sandbox } = opts;
      opts.onProgress?.(`setup: running (network ${session.setupNetwork})`);
      const setup = await session.setup(opts.setup, sandbox);
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
function setupName(s3) {
  return s3.shard.total > 1 ? `setup (shard ${s3.shard.index}/${s3.shard.total})` : "setup";
}
function serialize(file) {
  return `${JSON.stringify(file, null, 2)}
`;
}

// src/results/junit.ts
var NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
function xmlText(s3) {
  return s3.replace(NOT_XML_CHAR, "\uFFFD").replace(/[&<>\r]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" })[c]);
}
function xmlAttr(s3) {
  return xmlText(s3).replace(/["\t\n]/g, (c) => ({ '"': "&quot;", "	": "&#9;", "\n": "&#10;" })[c]);
}
var seconds = (ms2) => (ms2 / 1e3).toFixed(3);
function verdict(r) {
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
        message: `the sandbox failed to start: ${r.error?.message ?? "unknown"}`
      };
    default:
      return { tag: "error", type: r.status, message: r.reason ?? `${r.status}, exit code ${r.exitCode}` };
  }
}
function testcase(name, ms2, v, out) {
  const head = `    <testcase name="${xmlAttr(name)}" classname="nsbox" time="${seconds(ms2)}"`;
  const body = [];
  if (v) body.push(`      <${v.tag} message="${xmlAttr(v.message)}" type="${xmlAttr(v.type)}"/>`);
  if (out) body.push(`      <system-out>${xmlText(out)}</system-out>`);
  return body.length ? `${head}>
${body.join("\n")}
    </testcase>` : `${head}/>`;
}
function toJUnit(input) {
  const cases = [];
  for (const s3 of input.setups) {
    const failed = verdict(s3);
    if (!failed) continue;
    const v = {
      tag: "error",
      type: "setup-failed",
      message: `the setup failed (${failed.message}): its commands did not run`
    };
    const xml = testcase(setupName(s3), s3.wallMs, v, s3.outputTail);
    cases.push({ position: 0, xml, tag: "error", ms: s3.wallMs });
  }
  for (const r of input.results) {
    const v = verdict(r);
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
  cases.sort((a, b2) => a.position - b2.position);
  for (const m2 of input.missingShards ?? []) {
    const v = {
      tag: "error",
      type: "missing-shard",
      message: `shard ${m2.index}/${m2.total} sent no results: its job failed before writing them, or its artifact was not downloaded`
    };
    cases.push({
      position: Number.POSITIVE_INFINITY,
      xml: testcase(`shard ${m2.index}/${m2.total}`, 0, v, void 0),
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
  for (const f2 of files) {
    const { shard, commands } = f2.file;
    if (shard.total !== total || commands !== first.file.commands) {
      throw new UsageError(
        `'${f2.path}' is shard ${shard.index}/${shard.total} of ${commands} commands but '${first.path}' is ${first.file.shard.index}/${total} of ${first.file.commands}: ${DIFFERENT_RUNS}`
      );
    }
    const twin = byShard.get(shard.index);
    if (twin) {
      throw new UsageError(
        `shard ${shard.index}/${total} is in both '${twin.path}' and '${f2.path}': ${DIFFERENT_RUNS}`
      );
    }
    byShard.set(shard.index, f2);
    for (const position of [...f2.file.results, ...f2.file.notRun].map((r) => r.position)) {
      const other = owner.get(position);
      if (other) {
        throw new UsageError(
          `command ${position} is in both '${other.path}' and '${f2.path}': ${DIFFERENT_RUNS}`
        );
      }
      owner.set(position, f2);
    }
  }
  const missing = Array.from({ length: total }, (_2, i) => i + 1).filter((i) => !byShard.has(i));
  const ordered = [...byShard.keys()].sort((a, b2) => a - b2).map((i) => byShard.get(i));
  return {
    format: RESULTS_FORMAT,
    merged: { shards: total, missing },
    commands: first.file.commands,
    setups: ordered.flatMap((f2) => f2.file.setup ? [f2.file.setup] : []),
    results: ordered.flatMap((f2) => f2.file.results).sort((a, b2) => a.position - b2.position),
    notRun: ordered.flatMap((f2) => f2.file.notRun).sort((a, b2) => a.position - b2.position)
  };
}
function unaccounted(merged) {
  return merged.commands - merged.results.length - merged.notRun.length;
}

// src/results/read.ts
init_node_fs();
import { join as join7 } from "node:path";
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
function readBounded(path13, what) {
  try {
    return readRegularFile(path13, MAX_RESULTS_FILE_BYTES).toString("utf8");
  } catch (err) {
    if (!(err instanceof RefusedFileError)) throw err;
    const why = {
      missing: "does not exist",
      symlink: "is a symbolic link",
      unreadable: `cannot be read (${err.code})`,
      "not-a-file": "is not a file",
      "too-large": "is larger than 256 MiB"
    }[err.reason];
    throw new UsageError(`${what}: '${path13}' ${why}; ${HINT[what] ?? "give a results file"}`);
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
  if (!isObject(v) || !isCount(v.index) || !isCount(v.total) || v.index < 1 || v.index > v.total)
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
  for (const f2 of ["wallMs", "cpuUserMs", "cpuSystemMs"]) if (!isTime(v[f2])) throw bad(f2);
  if (!isNullable(v.memoryPeakBytes, isTime)) throw bad("memoryPeakBytes");
  if (!isNullable(v.pidsPeak, isCount)) throw bad("pidsPeak");
  if (!isNullable(v.reason, isString)) throw bad("reason");
  if (!isNullable(v.error, (e) => isObject(e) && isString(e.message) && isString(e.step))) throw bad("error");
  if (!Array.isArray(v.notEnforced) || !v.notEnforced.every(isString)) throw bad("notEnforced");
  for (const f2 of ["alpine", "cgroup", "outputTail"]) if (!isString(v[f2])) throw bad(f2);
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
function readResultsFile(path13, what) {
  const parsed = tryJson(readBounded(path13, what));
  if ("error" in parsed) return { kind: "other", notJson: parsed.error };
  try {
    return classify(parsed.value);
  } catch (err) {
    if (err instanceof Malformed)
      throw new UsageError(
        `${what}: '${path13}' is not a valid nsbox results file (${err.message}); ${HINT[what]}`
      );
    throw err;
  }
}
function findResultsFiles(paths, what) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path13 = join7(dir, entry.name);
      if (entry.isDirectory()) walk(path13);
      else if (entry.isFile() && entry.name.endsWith(".json")) found.push(path13);
    }
  };
  for (const p2 of paths) {
    let st2;
    try {
      st2 = lstatSync(p2);
    } catch {
      throw new UsageError(`${what}: '${p2}' does not exist; ${HINT[what]}`);
    }
    if (st2.isDirectory()) walk(p2);
    else found.push(p2);
  }
  return [...new Set(found)].sort();
}

// src/results/report.ts
function loadRun(paths, what, emptyHint) {
  const shards = [];
  const ignored = [];
  const notJson = [];
  for (const path13 of findResultsFiles(paths, what)) {
    const read2 = readResultsFile(path13, what);
    if (read2.kind === "shard") shards.push({ path: path13, file: read2.file });
    else if (read2.kind === "merged") ignored.push(path13);
    else if (read2.notJson !== void 0) notJson.push({ path: path13, why: read2.notJson });
  }
  if (shards.length === 0) {
    throw new UsageError(`${what}: no nsbox results file in '${paths.join("', '")}'; ${emptyHint}`);
  }
  const merged = mergeShards(shards);
  const failed = merged.results.filter((r) => r.status !== "ok").length;
  return {
    merged,
    files: shards.map((s3) => s3.path),
    ignored,
    notJson,
    passed: merged.results.length - failed,
    failed,
    failedSetups: merged.setups.filter((s3) => s3.status !== "ok"),
    notRun: merged.notRun.length,
    withoutResult: unaccounted(merged)
  };
}
function missingShardsText(merged) {
  const names = merged.merged.missing.map((i) => `${i}/${merged.merged.shards}`);
  if (names.length <= 1) return `shard ${names.join("")}`;
  return `shards ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
function countsLine(run3) {
  const parts = [`${run3.passed} passed`, `${run3.failed} failed`];
  if (run3.notRun) parts.push(`${run3.notRun} not run`);
  if (run3.withoutResult) parts.push(`${run3.withoutResult} without a result`);
  return `${parts.join(", ")} of ${run3.merged.commands} command(s) in ${run3.merged.merged.shards} shard(s)`;
}
function setupFailureText(s3) {
  return `${setupName(s3)} failed (${s3.status}, exit ${s3.exitCode}): its commands did not run`;
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
init_node_fs();
import { dirname as dirname2 } from "node:path";
var HINT2 = "give a path to a new or regular file";
function writeReportFile(path13, text, what, noLinks = false) {
  if (noLinks) {
    let existing = dirname2(path13);
    while (!existsSync(existing) && dirname2(existing) !== existing) existing = dirname2(existing);
    if (realpathSync(existing) !== existing) {
      throw new UsageError(
        `${what}: '${path13}' is under a symbolic link ('${existing}'); ${HINT2} without one`
      );
    }
  }
  let fd;
  try {
    mkdirSync(dirname2(path13), { recursive: true });
    fd = openSync(path13, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 420);
  } catch (err) {
    const code = err.code;
    const why = code === "ELOOP" ? "is a symbolic link" : `cannot be written (${code})`;
    throw new UsageError(`${what}: '${path13}' ${why}; ${HINT2}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

// src/cli/options.ts
function parseOptions(args, spec) {
  const values = /* @__PURE__ */ new Map();
  const flags2 = /* @__PURE__ */ new Set();
  const rest = [];
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
    if (value.startsWith("--"))
      throw new UsageError(`${needs}, and '${value}' is an option; give ${name} one`);
    values.set(name, [...values.get(name) ?? [], value]);
  }
  rest.push(...args.slice(i));
  if (spec.positional === "none" && rest.length > 0) throw unknown(rest[0]);
  return {
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
  const { values, flags: seen, one } = o;
  const command = o.rest;
  if (command.length === 0)
    throw new UsageError("no command given; use nsbox run [options] -- CMD [ARGS...]");
  const given = one("--network");
  const network = given === void 0 ? void 0 : parseNetworkMode("network", given);
  if (network !== "nat" && values.get("--setup-network")?.[0] !== "nat")
    refuseAlone(o, ["--allow", "--dns", "--pool", "--max-connections"], "--network nat");
  if (!values.has("--output")) refuseAlone(o, ["--output-dir", "--output-limit"], "--output");
  const tty2 = seen.has("-t") || seen.has("--tty");
  const noTty = seen.has("-T") || seen.has("--no-tty");
  if (tty2 && noTty) throw new UsageError("-t/--tty and -T/--no-tty were both given; give one of them");
  const options = {
    argv: command,
    alpine: one("--alpine"),
    mirror: one("--mirror"),
    rootfsTarball: one("--rootfs"),
    cacheDir: one("--cache-dir"),
    mounts: (values.get("--mount") ?? []).map(parseMount),
    workdir: parseWorkdir(one("--workdir")),
    env: parseEnvPairs(values.get("--env") ?? []),
    hostname: optionalHostname(one("--hostname")),
    limits: parseLimits(one),
    bestEffort: seen.has("--best-effort"),
    network,
    allow: values.get("--allow"),
    dns: values.get("--dns"),
    pool: one("--pool"),
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
function parseLayers(o) {
  const { values, one, flags: seen } = o;
  const out = {};
  const packages = parsePackages(values.get("--packages") ?? []);
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
      patterns: patterns.map((p2) => parseOutputPattern("output", p2)),
      dir: one("--output-dir") ?? "./nsbox-output",
      ...limit !== void 0 ? { limitBytes: parseSize("output-limit", limit) } : {}
    };
  }
  return out;
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
                                           tree is removed), removal of all but the newest per branch
  nsbox report [--junit FILE] [--out FILE] [--json] FILE|DIR...
                                           merge the results files of an Action's shards
  nsbox version | help

Rootfs:   --alpine VERSION (3.20, 3.20.3, latest-stable)  --mirror URL  --rootfs TARBALL  --cache-dir DIR
Sandbox:  --mount HOST:DEST[:ro|rw|overlay]... (a ':' in a path is written '\\:')  --workdir DIR
          --env K=V...  --hostname NAME
Terminal: -t/--tty (a pty of the sandbox's own; the default when stdin is a terminal)  -T/--no-tty
Limits:   --memory SIZE|none  --pids N|none  --cpus N  --timeout DURATION  --cpu-time DURATION  --tmpfs-size SIZE
          --best-effort (run even when a limit cannot be enforced; the report lists it)
Network:  --network none|nat  --allow CIDR[:PORT]...  --dns IP...  --pool CIDR
          --max-connections N (per sandbox, default 4096)  (--allow, --dns, --pool, --max-connections: nat only)
Layers:   --packages LIST... (apk packages, space/comma separated)  --repository URL|DIR...
          --repository-key FILE...  --allow-untrusted  --setup SCRIPT  --setup-network none|nat
          --scratch memory|disk (writable layer in RAM, or on disk under the cache dir, capped by --tmpfs-size)
Results:  --output PATH|GLOB... (inside the sandbox)  --output-dir DIR (./nsbox-output)  --output-limit SIZE
Output:   --json (one result object on stdout; the command's output goes to stderr)
          --junit FILE (the result as JUnit XML)

          defaults: --pids 1024, --memory host memory/2, --tmpfs-size 512M (inodes capped with the size)
Signals:  SIGINT, SIGTERM, SIGHUP stop the run at any stage (set-up included) and exit 128+N.

Exit status: the command's own (128+N after signal N), 125 if the sandbox could not be set up, 2 on usage errors;
nsbox report: 0 when every command passed, 1 when one failed or a shard is missing.`;
function parseArgs(argv) {
  const [verb, ...rest] = argv;
  if (verb === void 0 || verb === "help" || verb === "--help" || verb === "-h") return { kind: "help" };
  if (verb === "version" || verb === "--version") return { kind: "version" };
  if (verb === "cleanup") return parseCleanup(rest);
  if (verb === "cache") return parseCache(rest);
  if (verb === "report") return parseReport(rest);
  if (verb !== "run")
    throw new UsageError(`'${verb}' is not an nsbox command; use nsbox run -- CMD or nsbox help`);
  return parseRun(rest);
}
function parseCleanup(args) {
  const o = parseOptions(args, {
    verb: "nsbox cleanup",
    unknownFix: "use --cache-dir DIR or --json",
    valued: /* @__PURE__ */ new Set(["--cache-dir"]),
    flags: /* @__PURE__ */ new Set(["--json"]),
    positional: "none"
  });
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
  if (action !== "list" && action !== "verify" && action !== "prune") {
    throw new UsageError(
      `cache: '${action ?? ""}' is not a cache command; use nsbox cache list, verify or prune`
    );
  }
  const o = parseOptions(rest, {
    verb: `nsbox cache ${action}`,
    unknownFix: "see nsbox help",
    valued: /* @__PURE__ */ new Set(["--cache-dir"]),
    flags: new Set(action === "prune" ? ["--json", "--all"] : ["--json"]),
    positional: "none"
  });
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
  mirror: "check --mirror or use --rootfs with a local tarball",
  pool: "choose another with --pool",
  "env-pair": "use --env NAME=value",
  hostname: "use --hostname with letters, digits and '-' like test-1"
};
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
      return run2(command.options, command.json, command.tty ?? isatty(0), command.junit);
    case "report":
      return report(command.paths, command.json, command.junit, command.out);
  }
}
function report(paths, json, junit, out) {
  try {
    const run3 = loadRun(paths, "report", "give the directory the shards' artifacts were downloaded to");
    const { merged } = run3;
    if (out) writeReportFile(resolve(out), serialize(merged), "out");
    if (junit) {
      const missingShards = merged.merged.missing.map((index) => ({ index, total: merged.merged.shards }));
      const { setups, results, notRun } = merged;
      const xml = toJUnit({ suite: "nsbox", setups, results, notRun, missingShards });
      writeReportFile(resolve(junit), xml, "junit");
    }
    if (json) process.stdout.write(serialize(merged));
    else {
      const failedSetups = run3.failedSetups.map((s3) => ({ ...s3, name: setupName(s3) }));
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
function printable(s3) {
  return s3.replace(/[\x00-\x1f\x7f-\x9f]/g, "\uFFFD");
}
function checkJunitPath(path13) {
  const file = resolve(path13);
  let st2;
  try {
    st2 = lstatSync(file);
  } catch {
    return file;
  }
  if (!st2.isFile()) throw new UsageError(`junit: '${file}' is not a regular file; give a new file name`);
  return file;
}
function usableCacheDir(given) {
  const dir = resolve(given ?? defaultCacheDir());
  const what = given !== void 0 ? "cache-dir" : "the default cache dir";
  const hint = "use --cache-dir with a writable directory";
  let existing = dir;
  while (!existsSync(existing) && dirname3(existing) !== existing) existing = dirname3(existing);
  if (!statSync(existing).isDirectory()) {
    const where = existing === dir ? "is not a directory" : `cannot be created: '${existing}' is not a directory`;
    throw new UsageError(`${what}: '${dir}' ${where}; ${hint}`);
  }
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (err) {
    const why = err.code === "EROFS" ? "is on a read-only file system" : "is not writable";
    const where = existing === dir ? why : `cannot be created: '${existing}' ${why}`;
    throw new UsageError(`${what}: '${dir}' ${where}; ${hint}`);
  }
  return dir;
}
function cache(c) {
  const dir = c.cacheDir ?? defaultCacheDir();
  const out = (line) => process.stdout.write(`${line}
`);
  const describe2 = (e) => `${e.version ?? "?"} ${e.arch ?? "?"} ${e.bytes === null ? "?" : formatBytes(e.bytes)} ${e.kind === "packages" ? `packages ${(e.packages ?? ["?"]).join(" ")} ` : ""}${e.name}`;
  if (c.action === "list") {
    const entries = listCache(dir);
    if (c.json) out(JSON.stringify(entries));
    else if (entries.length === 0) out(`the cache ${dir} holds no rootfs and no package layer`);
    else for (const e of entries) out(`${describe2(e)}, last used ${e.lastUse ?? "never"}`);
    return 0;
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
  const removed = pruneCache(dir, { all: c.all });
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
    junit = junitPath === void 0 ? void 0 : checkJunitPath(junitPath);
    const mounts = (given.mounts ?? []).map((m2) => ({ ...m2, source: resolve(m2.source) }));
    for (const m2 of mounts) {
      if (!existsSync(m2.source)) {
        throw new UsageError(`mount: '${m2.source}' does not exist on the host; give an existing path`);
      }
    }
    checkMounts(mounts);
    checkLimits(given.limits ?? {});
    options = { ...given, mounts, cacheDir: usableCacheDir(given.cacheDir), tty: tty2 };
  } catch (err) {
    return fail(err);
  }
  const abort = new AbortController();
  const stopOnSignal = (signal) => {
    if (!abort.signal.aborted) abort.abort(signal);
  };
  for (const s3 of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s3, stopOnSignal);
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
      writeReportFile(junit, toJUnit({ suite: "nsbox", ...report2 }), "junit");
    } catch (err) {
      return fail(err, json);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}
`);
  else if (result.phase === "setup") {
  } else if (result.status === "setup-error") process.stderr.write(`nsbox: ${result.error?.message}
`);
  else if (result.reason) process.stderr.write(`nsbox: ${result.reason}
`);
  if (!json && result.outputs) {
    const o = result.outputs;
    process.stderr.write(`nsbox: copied ${o.files.length} file(s), ${o.bytes} bytes, to ${o.dir}
`);
    for (const s3 of o.skipped) process.stderr.write(`nsbox: left out ${s3.path}: ${s3.reason}
`);
    if (o.skippedCount > o.skipped.length)
      process.stderr.write(`nsbox: ... and ${o.skippedCount - o.skipped.length} more left out
`);
  }
  if (abort.signal.aborted) return bySignal().exitCode;
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
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = fail(err);
  }
);
