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
import I from "fs";
import { EventEmitter as Di } from "node:events";
import Cs from "node:stream";
import { StringDecoder as Hr } from "node:string_decoder";
import cr from "node:path";
import Kt from "node:fs";
import { dirname as Fn, parse as kn } from "path";
import { EventEmitter as Dn } from "events";
import zi from "assert";
import { Buffer as Ot } from "buffer";
import * as Ps from "zlib";
import en from "zlib";
import { posix as Zt } from "node:path";
import { basename as _n } from "node:path";
import mi from "fs";
import X from "fs";
import js from "path";
import { win32 as Pn } from "node:path";
import ar from "path";
import Br from "node:fs";
import co from "node:assert";
import { randomBytes as Mr } from "node:crypto";
import u from "node:fs";
import R from "node:path";
import pr from "fs";
import wi from "node:fs";
import we from "node:path";
import k from "node:fs";
import ro from "node:fs/promises";
import Si from "node:path";
import { join as xr } from "node:path";
import v from "node:fs";
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
var zr, Ur, Ds, Wr, Gr, Zr, Q, J, nt, De, qt, Ne, Ns, Ae, As, z, Mt, g, Qt, Bt, b, N, _, bi, Ie, L, S, _i, Oi, Is, Ti, Z, xi, Ce, Jt, Rt, C, jt, Yr, Kr, Vr, $r, Fe, Li, Xr, qr, A, Jr, ht, H, te, m, Ni, tt, Ai, ki, vi, ie, ke, Ut, Ht, Ii, Pt, at, U, ot, Y, zt, Ci, j, ee, Fi, ve, gt, Me, bt, _t, Be, et, Wt, jr, Fs, ks, vs, Ms, Bs, tn, se, K, sn, M, rn, zs, nn, Bi, Tt, Gt, Pi, re, Pe, ze, Ue, He, We, Ge, Ze, Ye, Ke, Us, hn, an, Hs, ln, cn, Ws, Gs, Hi, ne, dn, Ui, oe, Ve, un, F, mn, xt, Wi, pn, lt, En, wn, Sn, ct, yn, Rn, gn, Gi, bn, Lt, ft, On, Tn, xn, Ln, f, $e, Dt, Nn, Xi, qi, An, B, Nt, it, Zi, Zs, V, he, dt, Ys, p, st, ut, Yi, At, w, Xe, qe, Ki, Ks, Vs, ae, Vi, Qe, Yt, $, Je, It, je, ti, $s, In, le, $i, Xs, Cn, rt, mt, vn, Qi, Mn, Bn, Ct, Ji, zn, qs, ce, ei, ji, Un, Hn, ts, Qs, rr, Wn, tr, er, ir, is, sr, fe, ii, ss, si, rs, ns, os6, hs, pt, ri, as, es, q, de, ni, oi, Gn, hi, ue, pi, nr, li, me, W, pe, Et, Ft, Ee, ai, G, ls, ci, or, ds, us, fi, di, hr, cs, ui, lr, fs3, wt, kt, Vn, $n, fr, dr, Xn, qn, Qn, Jn, Er, wr, ur, Sr, yr, Rr, jn, to, eo, mr, ms, ps, Ei, io, Es, so, ws, Se, St, no, gr, Ss, br, oo, _r, ys, Or, Vt, Tr, ho, ao, lo, yi, Lr, Dr, _s, Nr, Os, P, Ts, xs, gi, Ar, Ir, Re, Cr, Fr, Rs, yt, O, Ri, kr, $t, gs, bs, Ls, ge, be, _e, Oe, fo, Te, uo, mo, po, vr, Xt, ye, xe, Eo, wo, So, yo, Ro, go, bo, _o, vt, Oo, To;
var init_index_min = __esm({
  "node_modules/tar/dist/esm/index.min.js"() {
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
    Jr = I.writev;
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
        I.open(this[U], "r", (t, e) => this[Ht](t, e));
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
          I.read(this[m], t, 0, t.length, null, (e, i, r) => this[Ii](e, i, r));
        }
      }
      [Ii](t, e, i) {
        this[j] = false, t ? this[Ut](t) : this[ki](e, i) && this[zt]();
      }
      [H]() {
        if (this[ht] && typeof this[m] == "number") {
          let t = this[m];
          this[m] = void 0, I.close(t, (e) => e ? this.emit("error", e) : this.emit("close"));
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
          this[Ht](null, I.openSync(this[U], "r")), t = false;
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
              let e = this[vi](), i = e.length === 0 ? 0 : I.readSync(this[m], e, 0, e.length, null);
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
          this[m] = void 0, I.closeSync(t), this.emit("close");
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
        I.open(this[U], this[tt], this[ie], (t, e) => this[Ht](t, e));
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
        I.write(this[m], t, 0, t.length, this[ot], (e, i) => this[Pt](e, i));
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
          this[m] = void 0, I.close(t, (e) => e ? this.emit("error", e) : this.emit("close"));
        }
      }
    };
    Wt = class extends et {
      [at]() {
        let t;
        if (this[Me] && this[tt] === "r+") try {
          t = I.openSync(this[U], this[tt], this[ie]);
        } catch (e) {
          if (e?.code === "ENOENT") return this[tt] = "w", this[at]();
          throw e;
        }
        else t = I.openSync(this[U], this[tt], this[ie]);
        this[Ht](null, t);
      }
      [H]() {
        if (this[ht] && typeof this[m] == "number") {
          let t = this[m];
          this[m] = void 0, I.closeSync(t), this.emit("close");
        }
      }
      [ve](t) {
        let e = true;
        try {
          this[Pt](null, I.writeSync(this[m], t, 0, t.length, this[ot])), e = false;
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
        i = Kt.openSync(e, "r");
        let r = Kt.fstatSync(i), n = s3.maxReadSize || 16 * 1024 * 1024;
        if (r.size < n) {
          let o = Buffer.allocUnsafe(r.size), h = Kt.readSync(i, o, 0, r.size, 0);
          t.end(h === o.byteLength ? o : o.subarray(0, h));
        } else {
          let o = 0, h = Buffer.allocUnsafe(n);
          for (; o < r.size; ) {
            let a = Kt.readSync(i, h, 0, n, o);
            if (a === 0) break;
            o += a, t.write(h.subarray(0, a));
          }
          t.end();
        }
      } finally {
        if (typeof i == "number") try {
          Kt.closeSync(i);
        } catch {
        }
      }
    };
    Bn = (s3, t) => {
      let e = new rt(s3), i = s3.maxReadSize || 16 * 1024 * 1024, r = s3.file;
      return new Promise((o, h) => {
        e.on("error", h), e.on("end", o), Kt.stat(r, (a, l) => {
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
    os6 = /* @__PURE__ */ Symbol("openfile");
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
        X.lstat(this.absolute, (t, e) => {
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
        X.readlink(this.absolute, (t, e) => {
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
        this[os6]();
      }
      [os6]() {
        X.open(this.absolute, "r", (t, e) => {
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
        X.read(t, e, i, r, n, (o, h) => {
          if (o) return this[pt](() => this.emit("error", o));
          this[rs](h);
        });
      }
      [pt](t = () => {
      }) {
        this.fd !== void 0 && X.close(this.fd, t);
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
        this[si](X.lstatSync(this.absolute));
      }
      [is]() {
        this[ns](X.readlinkSync(this.absolute));
      }
      [os6]() {
        this[hs](X.openSync(this.absolute, "r"));
      }
      [ii]() {
        let t = true;
        try {
          let { fd: e, buf: i, offset: r, length: n, pos: o } = this;
          if (e === void 0 || i === void 0) throw new Error("fd and buf must be set in READ method");
          let h = X.readSync(e, i, r, n, o);
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
        this.fd !== void 0 && X.closeSync(this.fd), t();
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
    fs3 = /* @__PURE__ */ Symbol("ondrain");
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
          e.on("data", (i) => super.write(i)), e.on("end", () => super.end()), e.on("drain", () => this[fs3]()), this.on("resume", () => e.resume());
        } else this.on("drain", this[fs3]);
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
        mi[e](t.absolute, (i, r) => {
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
        t.pending = true, this[G] += 1, mi.readdir(t.absolute, (e, i) => {
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
      [fs3]() {
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
        this[li](t, mi[e](t.absolute));
      }
      [us](t) {
        this[fi](t, mi.readdirSync(t.absolute));
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
    ({ O_CREAT: wr, O_NOFOLLOW: ur, O_TRUNC: Sr, O_WRONLY: yr } = pr.constants);
    Rr = Number(process.env.__FAKE_FS_O_FILENAME__) || pr.constants.UV_FS_O_FILEMAP || 0;
    jn = Er && !!Rr;
    to = 512 * 1024;
    eo = Rr | Sr | wr | yr;
    mr = !Er && typeof ur == "number" ? ur | Sr | wr | yr : null;
    ms = mr !== null ? () => mr : jn ? (s3) => s3 < to ? eo : "w" : () => "w";
    ps = (s3, t, e) => {
      try {
        return wi.lchownSync(s3, t, e);
      } catch (i) {
        if (i?.code !== "ENOENT") throw i;
      }
    };
    Ei = (s3, t, e, i) => {
      wi.lchown(s3, t, e, (r) => {
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
      wi.readdir(s3, { withFileTypes: true }, (r, n) => {
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
        i = wi.readdirSync(s3, { withFileTypes: true });
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
      k.stat(s3, (e, i) => {
        (e || !i.isDirectory()) && (e = new Se(s3, e?.code || "ENOTDIR")), t(e);
      });
    };
    gr = (s3, t, e) => {
      s3 = f(s3);
      let i = t.umask ?? 18, r = t.mode | 448, n = (r & i) !== 0, o = t.uid, h = t.gid, a = typeof o == "number" && typeof h == "number" && (o !== t.processUid || h !== t.processGid), l = t.preserve, c = t.unlink, d = f(t.cwd), y = (E, x) => {
        E ? e(E) : x && a ? Es(x, o, h, (Le) => y(Le)) : n ? k.chmod(s3, r, e) : e();
      };
      if (s3 === d) return no(s3, y);
      if (l) return ro.mkdir(s3, { mode: r, recursive: true }).then((E) => y(null, E ?? void 0), y);
      let D = f(Si.relative(d, s3)).split("/");
      Ss(d, D, r, c, d, void 0, y);
    };
    Ss = (s3, t, e, i, r, n, o) => {
      if (t.length === 0) return o(null, n);
      let h = t.shift(), a = f(Si.resolve(s3 + "/" + h));
      k.mkdir(a, e, br(a, t, e, i, r, n, o));
    };
    br = (s3, t, e, i, r, n, o) => (h) => {
      h ? k.lstat(s3, (a, l) => {
        if (a) a.path = a.path && f(a.path), o(a);
        else if (l.isDirectory()) Ss(s3, t, e, i, r, n, o);
        else if (i) k.unlink(s3, (c) => {
          if (c) return o(c);
          k.mkdir(s3, e, br(s3, t, e, i, r, n, o));
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
        t = k.statSync(s3).isDirectory();
      } catch (i) {
        e = i?.code;
      } finally {
        if (!t) throw new Se(s3, e ?? "ENOTDIR");
      }
    };
    _r = (s3, t) => {
      s3 = f(s3);
      let e = t.umask ?? 18, i = t.mode | 448, r = (i & e) !== 0, n = t.uid, o = t.gid, h = typeof n == "number" && typeof o == "number" && (n !== t.processUid || o !== t.processGid), a = t.preserve, l = t.unlink, c = f(t.cwd), d = (E) => {
        E && h && ws(E, n, o), r && k.chmodSync(s3, i);
      };
      if (s3 === c) return oo(c), d();
      if (a) return d(k.mkdirSync(s3, { mode: i, recursive: true }) ?? void 0);
      let T = f(Si.relative(c, s3)).split("/"), D;
      for (let E = T.shift(), x = c; E && (x += "/" + E); E = T.shift()) {
        x = f(Si.resolve(x));
        try {
          k.mkdirSync(x, i), D = D || x;
        } catch {
          let Le = k.lstatSync(x);
          if (Le.isDirectory()) continue;
          if (l) {
            k.unlinkSync(x), k.mkdirSync(x, i), D = D || x;
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
      if (!Te) return u.unlink(s3, t);
      let e = s3 + ".DELETE." + Mr(16).toString("hex");
      u.rename(s3, e, (i) => {
        if (i) return t(i);
        u.unlink(e, t);
      });
    };
    po = (s3) => {
      if (!Te) return u.unlinkSync(s3);
      let t = s3 + ".DELETE." + Mr(16).toString("hex");
      u.renameSync(s3, t), u.unlinkSync(t);
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
          r.fd && u.close(r.fd, () => {
          }), r.write = () => true, this[O](a, t), e();
        });
        let n = 1, o = (a) => {
          if (a) {
            r.fd && u.close(r.fd, () => {
            }), this[O](a, t), e();
            return;
          }
          --n === 0 && r.fd !== void 0 && u.close(r.fd, (l) => {
            l ? this[O](l, t) : this[$t](), e();
          });
        };
        r.on("finish", () => {
          let a = String(t.absolute), l = r.fd;
          if (typeof l == "number" && t.mtime && !this.noMtime) {
            n++;
            let c = t.atime || /* @__PURE__ */ new Date(), d = t.mtime;
            u.futimes(l, c, d, (y) => y ? u.utimes(a, c, d, (T) => o(T && y)) : o());
          }
          if (typeof l == "number" && this[ge](t)) {
            n++;
            let c = this[be](t), d = this[_e](t);
            typeof c == "number" && typeof d == "number" && u.fchown(l, c, d, (y) => y ? u.chown(a, c, d, (T) => o(T && y)) : o());
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
          t.mtime && !this.noMtime && (n++, u.utimes(String(t.absolute), t.atime || /* @__PURE__ */ new Date(), t.mtime, o)), this[ge](t) && (n++, u.chown(String(t.absolute), Number(this[be](t)), Number(this[_e](t)), o)), o();
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
        u.lstat(h, (a, l) => {
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
          u.lstat(String(t.absolute), (h, a) => {
            if (a && (this.keep || this.newer && a.mtime > (t.mtime ?? a.mtime))) {
              this[Ls](t), i();
              return;
            }
            if (h || this[Os](t, a)) return this[P](null, t, i);
            if (a.isDirectory()) {
              if (t.type === "Directory") {
                let l = this.chmod && t.mode && (a.mode & 4095) !== t.mode, c = (d) => this[P](d ?? null, t, i);
                return l ? u.chmod(String(t.absolute), Number(t.mode), c) : c();
              }
              if (t.absolute !== this.cwd) return u.rmdir(String(t.absolute), (l) => this[P](l ?? null, t, i));
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
        u[i](e, String(t.absolute), (n) => {
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
        let [e, i] = ye(() => u.lstatSync(String(t.absolute)));
        if (i && (this.keep || this.newer && i.mtime > (t.mtime ?? i.mtime))) return this[Ls](t);
        if (e || this[Os](t, i)) return this[P](null, t);
        if (i.isDirectory()) {
          if (t.type === "Directory") {
            let o = this.chmod && t.mode && (i.mode & 4095) !== t.mode, [h] = o ? ye(() => {
              u.chmodSync(String(t.absolute), Number(t.mode));
            }) : [];
            return this[P](h, t);
          }
          let [n] = ye(() => u.rmdirSync(String(t.absolute)));
          this[P](n, t);
        }
        let [r] = t.absolute === this.cwd ? [] : ye(() => po(String(t.absolute)));
        this[P](r, t);
      }
      [Ts](t, e) {
        let i = typeof t.mode == "number" ? t.mode & 4095 : this.fmode, r = (h) => {
          let a;
          try {
            u.closeSync(n);
          } catch (l) {
            a = l;
          }
          (h || a) && this[O](h || a, t), e();
        }, n;
        try {
          n = u.openSync(String(t.absolute), ms(t.size), i);
        } catch (h) {
          return r(h);
        }
        let o = this.transform && this.transform(t) || t;
        o !== t && (o.on("error", (h) => this[O](h, t)), t.pipe(o)), o.on("data", (h) => {
          try {
            u.writeSync(n, h, 0, h.length);
          } catch (a) {
            r(a);
          }
        }), o.on("end", () => {
          let h = null;
          if (t.mtime && !this.noMtime) {
            let a = t.atime || /* @__PURE__ */ new Date(), l = t.mtime;
            try {
              u.futimesSync(n, a, l);
            } catch (c) {
              try {
                u.utimesSync(String(t.absolute), a, l);
              } catch {
                h = c;
              }
            }
          }
          if (this[ge](t)) {
            let a = this[be](t), l = this[_e](t);
            try {
              u.fchownSync(n, Number(a), Number(l));
            } catch (c) {
              try {
                u.chownSync(String(t.absolute), Number(a), Number(l));
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
          u.utimesSync(String(t.absolute), t.atime || /* @__PURE__ */ new Date(), t.mtime);
        } catch {
        }
        if (this[ge](t)) try {
          u.chownSync(String(t.absolute), Number(this[be](t)), Number(this[_e](t)));
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
          let [a, l] = ye(() => u.lstatSync(o));
          if (a) return r();
          if (l.isSymbolicLink()) return n(new St(o, R.resolve(e, i.join("/"))));
        }
        r();
      }
      [gi](t, e, i, r) {
        let n = `${i}Sync`;
        try {
          u[n](e, String(t.absolute)), r(), t.resume();
        } catch (o) {
          return this[O](o, t);
        }
      }
    };
    Eo = (s3) => {
      let t = new xe(s3), e = s3.file, i = Br.statSync(e), r = s3.maxReadSize || 16 * 1024 * 1024;
      new Be(e, { readSize: r, size: i.size }).pipe(t);
    };
    wo = (s3, t) => {
      let e = new Xt(s3), i = s3.maxReadSize || 16 * 1024 * 1024, r = s3.file;
      return new Promise((o, h) => {
        e.on("error", h), e.on("close", o), Br.stat(r, (a, l) => {
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
          r = v.openSync(s3.file, "r+");
        } catch (a) {
          if (a?.code === "ENOENT") r = v.openSync(s3.file, "w+");
          else throw a;
        }
        let o = v.fstatSync(r), h = Buffer.alloc(512);
        t: for (n = 0; n < o.size; n += 512) {
          for (let c = 0, d = 0; c < 512; c += d) {
            if (d = v.readSync(r, h, c, h.length - c, n + c), n === 0 && h[0] === 31 && h[1] === 139) throw new Error("cannot append to compressed archives");
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
          v.closeSync(r);
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
          T ? v.close(n, (E) => h(T)) : h(null, D);
        }, l = 0;
        if (o === 0) return a(null, 0);
        let c = 0, d = Buffer.alloc(512), y = (T, D) => {
          if (T || D === void 0) return a(T);
          if (c += D, c < 512 && D) return v.read(n, d, c, d.length - c, l + c, y);
          if (l === 0 && d[0] === 31 && d[1] === 139) return a(new Error("cannot append to compressed archives"));
          if (c < 512) return a(null, l);
          let E = new F(d);
          if (!E.cksumValid) return a(null, l);
          let x = 512 * Math.ceil((E.size ?? 0) / 512);
          if (l + x + 512 > o || (l += x + 512, l >= o)) return a(null, l);
          s3.mtimeCache && E.mtime && s3.mtimeCache.set(String(E.path), E.mtime), c = 0, v.read(n, d, 0, 512, l, y);
        };
        v.read(n, d, 0, 512, l, y);
      };
      return new Promise((n, o) => {
        e.on("error", o);
        let h = "r+", a = (l, c) => {
          if (l && l.code === "ENOENT" && h === "r+") return h = "w+", v.open(s3.file, h, a);
          if (l || !c) return o(l);
          v.fstat(c, (d, y) => {
            if (d) return v.close(c, () => o(d));
            i(c, y.size, (T, D) => {
              if (T) return o(T);
              let E = new et(s3.file, { fd: c, start: D });
              e.pipe(E), E.on("error", o), E.on("close", n), _o(e, t);
            });
          });
        };
        v.open(s3.file, h, a);
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
var require_koffi = __commonJS({
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
      let fd = import_node_fs37.default.openSync(filename, flags);
      return new FileHandle(fd);
    }
    var import_node_fs37;
    var FileHandle;
    var init_abi = __esm2({
      "../cnoke/src/abi.js"() {
        import_node_fs37 = __toESM2(__require("node:fs"), 1);
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
            let read = import_node_fs37.default.readSync(this.fd, buf, 0, len, offset);
            return buf.subarray(0, read);
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
    function loadDynamic(dirname3, pkg2, triplets2) {
      let suffix = "/../../build/koffi";
      let root = dirname3 + suffix;
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
        import_node_util = __toESM2(__require("node:util"));
        import_node_fs210 = __toESM2(__require("node:fs"));
        import_node_module2 = __require("node:module");
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
var require_koffi2 = __commonJS({
  "node_modules/koffi/index.cjs"(exports, module) {
    module.exports = require_koffi();
  }
});

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity2.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path12) {
      const ctrl = callVisitor(key, node, visitor, path12);
      if (identity2.isNode(ctrl) || identity2.isPair(ctrl)) {
        replaceNode(key, path12, ctrl);
        return visit_(key, ctrl, visitor, path12);
      }
      if (typeof ctrl !== "symbol") {
        if (identity2.isCollection(node)) {
          path12 = Object.freeze(path12.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci2 = visit_(i, node.items[i], visitor, path12);
            if (typeof ci2 === "number")
              i = ci2 - 1;
            else if (ci2 === BREAK)
              return BREAK;
            else if (ci2 === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity2.isPair(node)) {
          path12 = Object.freeze(path12.concat(node));
          const ck = visit_("key", node.key, visitor, path12);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path12);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity2.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path12) {
      const ctrl = await callVisitor(key, node, visitor, path12);
      if (identity2.isNode(ctrl) || identity2.isPair(ctrl)) {
        replaceNode(key, path12, ctrl);
        return visitAsync_(key, ctrl, visitor, path12);
      }
      if (typeof ctrl !== "symbol") {
        if (identity2.isCollection(node)) {
          path12 = Object.freeze(path12.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci2 = await visitAsync_(i, node.items[i], visitor, path12);
            if (typeof ci2 === "number")
              i = ci2 - 1;
            else if (ci2 === BREAK)
              return BREAK;
            else if (ci2 === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity2.isPair(node)) {
          path12 = Object.freeze(path12.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path12);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path12);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path12) {
      if (typeof visitor === "function")
        return visitor(key, node, path12);
      if (identity2.isMap(node))
        return visitor.Map?.(key, node, path12);
      if (identity2.isSeq(node))
        return visitor.Seq?.(key, node, path12);
      if (identity2.isPair(node))
        return visitor.Pair?.(key, node, path12);
      if (identity2.isScalar(node))
        return visitor.Scalar?.(key, node, path12);
      if (identity2.isAlias(node))
        return visitor.Alias?.(key, node, path12);
      return void 0;
    }
    function replaceNode(key, path12, node) {
      const parent = path12[path12.length - 1];
      if (identity2.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity2.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity2.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt2 = identity2.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt2} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn2) => tn2.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle2, prefix] = parts;
            this.tags[handle2] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle2, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle2];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error2) {
            onError(String(error2));
            return null;
          }
        }
        if (handle2 === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle2, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle2 + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines2 = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity2.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity2.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle2, prefix] of tagEntries) {
          if (handle2 === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn2) => tn2.startsWith(prefix)))
            lines2.push(`%TAG ${handle2} ${prefix}`);
        }
        return lines2.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity2.isScalar(ref.node) || identity2.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error2 = new Error("Failed to resolve repeated object (this should not happen)");
              error2.source = source;
              throw error2;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k2 of Array.from(val.keys())) {
            const v0 = val.get(k2);
            const v1 = applyReviver(reviver, val, k2, v0);
            if (v1 === void 0)
              val.delete(k2);
            else if (v1 !== v0)
              val.set(k2, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k2, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k2, v0);
            if (v1 === void 0)
              delete val[k2];
            else if (v1 !== v0)
              val[k2] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v2, i) => toJS(v2, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity2.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity2 = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity2.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity2.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity2 = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity2.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity2.isAlias(node) || identity2.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity2.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity2.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity2.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity2.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity2.isDocument(value))
        value = value.contents;
      if (identity2.isNode(value))
        return value;
      if (identity2.isPair(value)) {
        const map = ctx.schema[identity2.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity2.MAP] : Symbol.iterator in Object(value) ? schema[identity2.SEQ] : schema[identity2.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity2 = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path12, value) {
      let v2 = value;
      for (let i = path12.length - 1; i >= 0; --i) {
        const k2 = path12[i];
        if (typeof k2 === "number" && Number.isInteger(k2) && k2 >= 0) {
          const a = [];
          a[k2] = v2;
          v2 = a;
        } else {
          v2 = /* @__PURE__ */ new Map([[k2, v2]]);
        }
      }
      return createNode.createNode(v2, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path12) => path12 == null || typeof path12 === "object" && !!path12[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it2) => identity2.isNode(it2) || identity2.isPair(it2) ? it2.clone(schema) : it2);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path12, value) {
        if (isEmptyPath(path12))
          this.add(value);
        else {
          const [key, ...rest] = path12;
          const node = this.get(key, true);
          if (identity2.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path12) {
        const [key, ...rest] = path12;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity2.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path12, keepScalar) {
        const [key, ...rest] = path12;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity2.isScalar(node) ? node.value : node;
        else
          return identity2.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity2.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity2.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path12) {
        const [key, ...rest] = path12;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity2.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path12, value) {
        const [key, ...rest] = path12;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity2.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text2, indent, mode2 = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text2;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text2.length <= endStep)
        return text2;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode2 === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text2, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text2[i += 1]; ) {
        if (mode2 === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text2[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode2 === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text2, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text2[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode2 === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text2[i += 1];
                overflow = true;
              }
              const j2 = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j2])
                return text2;
              folds.push(j2);
              escapedFolds[j2] = true;
              end = j2 + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text2;
      if (onFold)
        onFold();
      let res = text2.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text2.length;
        if (fold === 0)
          res = `
${indent}${text2.slice(0, end2)}`;
        else {
          if (mode2 === FOLD_QUOTED && escapedFolds[fold])
            res += `${text2[fold]}\\`;
          res += `
${indent}${text2.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text2, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text2[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text2[++i];
        } else {
          do {
            ch = text2[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text2[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs2;
      if (singleQuote === false)
        qs2 = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs2 = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs2 = doubleQuotedString;
        else
          qs2 = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs2(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss2 = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss2.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss2.value, ctx) : blockString(ss2, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss2.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss2.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss2, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity2 = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity2.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity2.isScalar(node) || identity2.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity2.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity2.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity2.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity2.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity2.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity2.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity2.isCollection(key) || !identity2.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity2.isCollection(key) || (identity2.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity2.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity2.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity2.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws2 = " ";
      if (keyComment || vsb || vcb) {
        ws2 = vsb ? "\n" : "";
        if (vcb) {
          const cs2 = commentString(vcb);
          ws2 += `
${stringifyComment.indentComment(cs2, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws2 === "\n" && valueComment)
            ws2 = "\n\n";
        } else {
          ws2 += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity2.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws2 = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws2 = "";
      }
      str += ws2 + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug2(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning2) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning2);
        else
          console.warn(warning2);
      }
    }
    exports.debug = debug2;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity2.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity2.isSeq(source))
        for (const it2 of source.items)
          mergeValue(ctx, map, it2);
      else if (Array.isArray(source))
        for (const it2 of source)
          mergeValue(ctx, map, it2);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity2.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity2.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity2 = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity2.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity2.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity2 = require_identity();
    function createPair(key, value, ctx) {
      const k2 = createNode.createNode(key, void 0, ctx);
      const v2 = createNode.createNode(value, void 0, ctx);
      return new Pair(k2, v2);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity2.NODE_TYPE, { value: identity2.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity2.isNode(key))
          key = key.clone(schema);
        if (identity2.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_2, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines2 = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity2.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines2.push("");
          addCommentBefore(ctx, lines2, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity2.isPair(item)) {
          const ik = identity2.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines2.push("");
            addCommentBefore(ctx, lines2, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines2.push(blockItemPrefix + str2);
      }
      let str;
      if (lines2.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines2[0];
        for (let i = 1; i < lines2.length; ++i) {
          const line = lines2[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines2 = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity2.isNode(item)) {
          if (item.spaceBefore)
            lines2.push("");
          addCommentBefore(ctx, lines2, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity2.isPair(item)) {
          const ik = identity2.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines2.push("");
            addCommentBefore(ctx, lines2, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity2.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines2.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines2.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines2.push(str);
        linesAtValue = lines2.length;
      }
      const { start, end } = flowChars;
      if (lines2.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines2.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines2)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines2.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines2, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines2.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k2 = identity2.isScalar(key) ? key.value : key;
      for (const it2 of items) {
        if (identity2.isPair(it2)) {
          if (it2.key === key || it2.key === k2)
            return it2;
          if (identity2.isScalar(it2.key) && it2.key.value === k2)
            return it2;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity2.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity2.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity2.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it2 = findPair(this.items, key);
        if (!it2)
          return false;
        const del = this.items.splice(this.items.indexOf(it2), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it2 = findPair(this.items, key);
        const node = it2?.value;
        return (!keepScalar && identity2.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_2, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity2.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity2.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity2.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it2 = this.items[idx];
        return !keepScalar && identity2.isScalar(it2) ? it2.value : it2;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity2.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_2, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it2 of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it2 : String(i++);
              it2 = replacer.call(obj, key, it2);
            }
            seq.items.push(createNode.createNode(it2, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity2.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity2.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s3 = "";
          for (let i = 0; i < buf.length; ++i)
            s3 += String.fromCharCode(buf[i]);
          str = btoa(s3);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines2 = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines2[i] = str.substr(o, lineWidth);
          }
          str = lines2.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity2.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity2.isPair(item))
            continue;
          else if (identity2.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn2 = pair.value ?? pair.key;
              cn2.comment = cn2.comment ? `${item.comment}
${cn2.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity2.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it2 of iterable) {
          if (typeof replacer === "function")
            it2 = replacer.call(iterable, String(i++), it2);
          let key, value;
          if (Array.isArray(it2)) {
            if (it2.length === 2) {
              key = it2[0];
              value = it2[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it2}`);
          } else if (it2 && it2 instanceof Object) {
            const keys = Object.keys(it2);
            if (keys.length === 1) {
              key = keys[0];
              value = it2[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it2;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_2, ctx) {
        if (!ctx)
          return super.toJSON(_2);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity2.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity2.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f2 = str.substring(dot + 1).replace(/_/g, "");
          if (f2[f2.length - 1] === "0")
            node.minFractionDigits = f2.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity2.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity2.isPair(pair) ? identity2.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_2, ctx) {
        return super.toJSON(_2, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity2.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p2) => res2 * num(60) + num(p2), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool2 = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.trueTag,
      bool2.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool2.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b2) => a.key < b2.key ? -1 : a.key > b2.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity2.MAP, { value: map.map });
        Object.defineProperty(this, identity2.SCALAR, { value: string.string });
        Object.defineProperty(this, identity2.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines2 = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines2.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines2.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines2.length !== 1)
          lines2.unshift("");
        const cs2 = commentString(doc.commentBefore);
        lines2.unshift(stringifyComment.indentComment(cs2, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity2.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines2.push("");
          if (doc.contents.commentBefore) {
            const cs2 = commentString(doc.contents.commentBefore);
            lines2.push(stringifyComment.indentComment(cs2, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines2[lines2.length - 1] === "---") {
          lines2[lines2.length - 1] = `--- ${body}`;
        } else
          lines2.push(body);
      } else {
        lines2.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs2 = commentString(doc.comment);
          if (cs2.includes("\n")) {
            lines2.push("...");
            lines2.push(stringifyComment.indentComment(cs2, ""));
          } else {
            lines2.push(`... ${cs2}`);
          }
        } else {
          lines2.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines2[lines2.length - 1] !== "")
            lines2.push("");
          lines2.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines2.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity2.NODE_TYPE, { value: identity2.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity2.NODE_TYPE]: { value: identity2.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity2.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path12, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path12, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v2) => typeof v2 === "number" || v2 instanceof String || v2 instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity2.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k2 = this.createNode(key, null, options);
        const v2 = this.createNode(value, null, options);
        return new Pair.Pair(k2, v2);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path12) {
        if (Collection.isEmptyPath(path12)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path12) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity2.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path12, keepScalar) {
        if (Collection.isEmptyPath(path12))
          return !keepScalar && identity2.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity2.isCollection(this.contents) ? this.contents.getIn(path12, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity2.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path12) {
        if (Collection.isEmptyPath(path12))
          return this.contents !== void 0;
        return identity2.isCollection(this.contents) ? this.contents.hasIn(path12) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path12, value) {
        if (Collection.isEmptyPath(path12)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path12), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path12, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s3 = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s3}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity2.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error2) => {
      if (error2.pos[0] === -1)
        return;
      error2.linePos = error2.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error2.linePos[0];
      error2.message += ` at line ${line}, column ${col}`;
      let ci2 = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci2 >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci2 - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci2 -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci2))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error2.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci2));
        }
        const pointer = " ".repeat(ci2) + "^".repeat(count);
        error2.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st2 of key.end)
              if (st2.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it2 of key.items) {
            for (const st2 of it2.start)
              if (st2.type === "newline")
                return true;
            if (it2.sep) {
              for (const st2 of it2.sep)
                if (st2.type === "newline")
                  return true;
            }
            if (containsNewline(it2.key) || containsNewline(it2.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b2) => a === b2 || identity2.isScalar(a) && identity2.isScalar(b2) && a.value === b2.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs2, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs2.offset;
      let commentEnd = null;
      for (const { start, value } of bs2.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs2.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs2.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs2.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st2 of start) {
              switch (st2.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st2.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity2.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st2 of sep) {
                  if (st2 === valueProps.found)
                    break;
                  if (st2.type === "newline") {
                    onError(st2, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce2, ...ee2] = fc.end;
      let cePos = offset;
      if (ce2?.source === expectedEnd)
        cePos = ce2.offset + ce2.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce2 && ce2.source.length !== 1)
          ee2.unshift(ce2);
      }
      if (ee2.length > 0) {
        const end = resolveEnd.resolveEnd(ee2, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt2 = ctx.schema.knownTags[tagName];
        if (kt2?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt2, { default: false }));
          tag = kt2;
        } else {
          if (kt2) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt2.tag} used for ${expType} collection, but expects ${kt2.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity2.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines2 = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines2.length;
      for (let i = lines2.length - 1; i >= 0; --i) {
        const content = lines2[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines2.length > 0 ? "\n".repeat(Math.max(1, lines2.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines2[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines2.length - 1; i >= chompStart; --i) {
        if (lines2[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines2[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines2[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines2.length; ++i)
            value += "\n" + lines2[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode2 = source[0];
      let indent = 0;
      let chomp = "";
      let error2 = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error2 === -1)
            error2 = offset + i;
        }
      }
      if (error2 !== -1)
        onError(error2, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts2 = token.source;
            if (ts2 && typeof ts2 === "string")
              length += ts2.length;
          }
        }
      }
      return { mode: mode2, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m2 = first.match(/^( *)/);
      const line0 = m2?.[1] ? [m2[1], first.slice(m2[1].length)] : ["", first];
      const lines2 = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines2.push([split[i], split[i + 1]]);
      return lines2;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re2 = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re2.comment,
        range: [offset, valueEnd, re2.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity2.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity2.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity2.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error2) {
        const msg = error2 instanceof Error ? error2.message : String(error2);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity2.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt2 = schema.knownTags[tagName];
      if (kt2 && !kt2.collection) {
        schema.tags.push(Object.assign({}, kt2, { default: false, test: void 0 }));
        return kt2;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity2.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity2.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity2.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts2 = directives.tagString(tag.tag);
          const cs2 = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts2} or ${cs2}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st2 = before[i];
          switch (st2.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st2.source.length;
              continue;
          }
          st2 = before[++i];
          while (st2?.type === "space") {
            offset += st2.source.length;
            st2 = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity2 = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error2) {
            const message = error2 instanceof Error ? error2.message : String(error2);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity2.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re2 = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re2.offset];
      if (re2.comment)
        alias.comment = re2.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re2 = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re2.comment)
        doc.comment = re2.comment;
      doc.range = [offset, contentEnd, re2.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity2 = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning2) => {
          const pos = getErrorPos(source);
          if (warning2)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity2.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it2 = dc.items[0];
            if (identity2.isPair(it2))
              it2 = it2.key;
            const cb = it2.commentBefore;
            it2.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning2) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning2);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error2 = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error2);
            else
              this.doc.errors.push(error2);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he2 = source.indexOf("\n");
          const head = source.substring(0, he2);
          const body = source.substring(he2 + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he2 = source.indexOf("\n");
      const head = source.substring(0, he2);
      const body = source.substring(he2 + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st2 of end)
          switch (st2.type) {
            case "space":
            case "comment":
              props.push(st2);
              break;
            case "newline":
              props.push(st2);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st2) => st2.type === "space" || st2.type === "comment" || st2.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st2 of token.end)
            res += st2.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st2 of token.end)
              res += st2.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st2 of token.end)
              res += st2.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st2 of start)
        res += st2.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st2 of sep)
          res += st2.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path12) => {
      let item = cst;
      for (const [field, index] of path12) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path12) => {
      const parent = visit.itemAtPath(cst, path12.slice(0, -1));
      const field = path12[path12.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path12, item, visitor) {
      let ctrl = visitor(item, path12);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci2 = _visit(Object.freeze(path12.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci2 === "number")
              i = ci2 - 1;
            else if (ci2 === BREAK)
              return BREAK;
            else if (ci2 === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path12);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path12) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt2 = this.buffer.substr(offset, 3);
          if ((dt2 === "---" || dt2 === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs2 = line.indexOf("#");
          while (cs2 !== -1) {
            const ch = line[cs2 - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs2 - 1;
              break;
            } else {
              cs2 = line.indexOf("#", cs2 + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s3 = this.peek(3);
          if ((s3 === "---" || s3 === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s3 === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs2 = this.continueScalar(nl + 1);
            if (cs2 === -1)
              break;
            nl = qb.indexOf("\n", cs2);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs2 = this.continueScalar(nl + 1);
            if (cs2 === -1)
              break;
            nl = this.buffer.indexOf("\n", cs2);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs2 = this.continueScalar(i + 1);
              if (cs2 === -1)
                break;
              i = Math.max(i, cs2 - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s3 = this.buffer.slice(this.pos, i);
        if (s3) {
          yield s3;
          this.pos += s3.length;
          return s3.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it2 = parent.items[parent.items.length - 1];
          return it2.sep ?? it2.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it2 of fc.items) {
          if (it2.sep && !it2.value && !includesToken(it2.start, "explicit-key-ind") && !includesToken(it2.sep, "map-value-ind")) {
            if (it2.key)
              it2.value = it2.key;
            delete it2.key;
            if (isFlowToken(it2.value)) {
              if (it2.value.end)
                arrayPushArray(it2.value.end, it2.sep);
              else
                it2.value.end = it2.sep;
            } else
              arrayPushArray(it2.start, it2.sep);
            delete it2.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st2 = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st2;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error2) {
        const token = error2 ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it2 = top.items[top.items.length - 1];
              if (it2.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it2.sep) {
                it2.value = token;
              } else {
                Object.assign(it2, { key: token, sep: [] });
                this.onKeyLine = !it2.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it2 = top.items[top.items.length - 1];
              if (it2.value)
                top.items.push({ start: [], value: token });
              else
                it2.value = token;
              break;
            }
            case "flow-collection": {
              const it2 = top.items[top.items.length - 1];
              if (!it2 || it2.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it2.sep)
                it2.value = token;
              else
                Object.assign(it2, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st2) => st2.type !== "comment" || st2.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it2 = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it2.value) {
              const end = "end" in it2.value ? it2.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it2.sep) {
              it2.sep.push(this.sourceToken);
            } else {
              it2.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it2.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it2.sep) {
              it2.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it2.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it2.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it2.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it2.sep || it2.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it2.sep && !it2.value) {
            const nl = [];
            for (let i = 0; i < it2.sep.length; ++i) {
              const st2 = it2.sep[i];
              switch (st2.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st2.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it2.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it2.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it2.sep) {
                it2.sep.push(this.sourceToken);
              } else {
                it2.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it2.sep && !it2.explicitKey) {
                it2.start.push(this.sourceToken);
                it2.explicitKey = true;
              } else if (atNextItem || it2.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it2.explicitKey) {
                if (!it2.sep) {
                  if (includesToken(it2.start, "newline")) {
                    Object.assign(it2, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it2.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it2.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it2.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it2.key) && !includesToken(it2.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it2.start);
                  const key = it2.key;
                  const sep = it2.sep;
                  sep.push(this.sourceToken);
                  delete it2.key;
                  delete it2.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it2.sep = it2.sep.concat(start, this.sourceToken);
                } else {
                  it2.sep.push(this.sourceToken);
                }
              } else {
                if (!it2.sep) {
                  Object.assign(it2, { key: null, sep: [this.sourceToken] });
                } else if (it2.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it2.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it2.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs5 = this.flowScalar(this.type);
              if (atNextItem || it2.value) {
                map.items.push({ start, key: fs5, sep: [] });
                this.onKeyLine = true;
              } else if (it2.sep) {
                this.stack.push(fs5);
              } else {
                Object.assign(it2, { key: fs5, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it2.explicitKey && it2.sep && !includesToken(it2.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it2 = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it2.value) {
              const end = "end" in it2.value ? it2.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it2.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it2.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it2.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it2.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it2.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it2.value || this.indent <= seq.indent)
              break;
            it2.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it2.value || includesToken(it2.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it2.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it2 = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it2 || it2.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it2.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it2 || it2.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it2.sep)
                it2.sep.push(this.sourceToken);
              else
                Object.assign(it2, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it2 || it2.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it2.sep)
                it2.sep.push(this.sourceToken);
              else
                it2.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs5 = this.flowScalar(this.type);
              if (!it2 || it2.value)
                fc.items.push({ start: [], key: fs5, sep: [] });
              else if (it2.sep)
                this.stack.push(fs5);
              else
                Object.assign(it2, { key: fs5, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st2) => st2.type === "newline" || st2.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity2 = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning2) => log.warn(doc.options.logLevel, warning2));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity2.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity2.isAlias;
    exports.isCollection = identity2.isCollection;
    exports.isDocument = identity2.isDocument;
    exports.isMap = identity2.isMap;
    exports.isNode = identity2.isNode;
    exports.isPair = identity2.isPair;
    exports.isScalar = identity2.isScalar;
    exports.isSeq = identity2.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/action/main.ts
import { chmodSync as chmodSync5, mkdirSync as mkdirSync9, mkdtempSync, rmSync as rmSync5, writeFileSync as writeFileSync8 } from "node:fs";
import { tmpdir } from "node:os";
import { join as join10 } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

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
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
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
function escapeData(s3) {
  return toCommandValue(s3).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s3) {
  return toCommandValue(s3).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P2, generator) {
  function adopt(value) {
    return value instanceof P2 ? value : new P2(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P2 || (P2 = Promise))(function(resolve2, reject) {
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
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
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
  addRaw(text2, addEOL = false) {
    this._buffer += text2;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
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
  addHeading(text2, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text2);
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
  addQuote(text2, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text2, attrs);
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
  addLink(text2, href) {
    const element = this.wrap("a", text2, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

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
  process.stdout.write(os4.EOL);
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
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function saveState(name, value) {
  const filePath = process.env["GITHUB_STATE"] || "";
  if (filePath) {
    return issueFileCommand("STATE", prepareKeyValueMessage(name, value));
  }
  issueCommand("save-state", { name }, toCommandValue(value));
}

// src/engine/defaults.ts
import { totalmem } from "node:os";
import path2 from "node:path";

// src/engine/cgroup/index.ts
import { randomBytes as randomBytes2 } from "node:crypto";

// src/engine/cgroup/detect.ts
import { accessSync, constants as constants4 } from "node:fs";

// src/engine/fs.ts
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  constants as constants3,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync
} from "node:fs";
import path from "node:path";
function errCode(e) {
  return e?.code ?? "EUNKNOWN";
}
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
function readTextOrNull(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}
function readJsonOrNull(file) {
  const text2 = readTextOrNull(file);
  if (text2 === null) return null;
  try {
    return JSON.parse(text2);
  } catch {
    return null;
  }
}
var RefusedFileError = class extends Error {
  constructor(path12, reason, code) {
    super(`${path12}: ${reason}${code ? ` (${code})` : ""}`);
    this.path = path12;
    this.reason = reason;
    this.code = code;
  }
  path;
  reason;
  code;
};
function readRegularFile(path12, maxBytes) {
  let fd;
  try {
    fd = openSync(
      path12,
      constants3.O_RDONLY | constants3.O_NOFOLLOW | constants3.O_NONBLOCK | constants3.O_NOCTTY
    );
  } catch (e) {
    const code = errCode(e);
    const reason = code === "ENOENT" ? "missing" : code === "ELOOP" ? "symlink" : "unreadable";
    throw new RefusedFileError(path12, reason, code);
  }
  try {
    const st2 = fstatSync(fd);
    if (!st2.isFile()) throw new RefusedFileError(path12, "not-a-file", "");
    if (st2.size > maxBytes) throw new RefusedFileError(path12, "too-large", "");
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
function writeFileAtomic(file, data, mode2 = 384) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, data, { mode: mode2 });
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
function openDirs(dir) {
  try {
    chmodSync(dir, 448);
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.isDirectory()) openDirs(path.join(dir, d.name));
    }
  } catch {
  }
}

// src/engine/cgroup/parse.ts
function parseKeyed(text2) {
  const out2 = /* @__PURE__ */ new Map();
  for (const line of text2.split("\n")) {
    const [key, value, extra] = line.trim().split(/\s+/);
    if (key && value !== void 0 && extra === void 0 && /^\d+$/.test(value)) out2.set(key, Number(value));
  }
  return out2;
}
function parsePids(text2) {
  const out2 = [];
  for (const line of text2.split("\n")) {
    const t = line.trim();
    if (/^\d+$/.test(t)) out2.push(Number(t));
  }
  return out2;
}
function parseNumber(text2) {
  const t = text2.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}
function unescapeOctal(s3) {
  return s3.replace(/\\([0-7]{3})/g, (_2, o) => String.fromCharCode(Number.parseInt(o, 8)));
}
function parseCgroupMounts(text2) {
  const out2 = [];
  for (const line of text2.split("\n")) {
    const sep = line.indexOf(" - ");
    if (sep < 0) continue;
    const pre = line.slice(0, sep).split(" ");
    const post = line.slice(sep + 3).split(" ");
    const fsType = post[0] ?? "";
    if (fsType !== "cgroup" && fsType !== "cgroup2") continue;
    out2.push({
      root: unescapeOctal(pre[3] ?? "/"),
      mountPoint: unescapeOctal(pre[4] ?? ""),
      fsType,
      superOptions: (post[2] ?? "").split(",")
    });
  }
  return out2;
}
function parseProcCgroup(text2) {
  const res = { v2Path: null, v1: /* @__PURE__ */ new Map() };
  for (const line of text2.split("\n")) {
    const m2 = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!m2) continue;
    const [, id, ctrls, path12] = m2;
    if (id === "0" && ctrls === "") res.v2Path = path12;
    else for (const c of ctrls.split(",")) if (c) res.v1.set(c, path12);
  }
  return res;
}
function cgroupDir(mountPoint, mountRoot, path12) {
  const root = mountRoot === "/" ? "" : mountRoot.replace(/\/+$/, "");
  if (root && path12 !== root && !path12.startsWith(`${root}/`)) return null;
  const rel = path12.slice(root.length).replace(/^\/+/, "");
  return rel ? `${mountPoint.replace(/\/+$/, "")}/${rel}` : mountPoint;
}

// src/engine/cgroup/detect.ts
var V2_CONTROLLERS = ["memory", "pids", "cpu"];
var V1_CONTROLLERS = ["memory", "pids", "cpu", "cpuacct", "freezer"];
var fsProbe = {
  read: readTextOrNull,
  writable(path12) {
    try {
      accessSync(path12, constants4.W_OK);
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
    const path12 = own.v1.get(ctrls[0]);
    if (path12 === void 0) continue;
    const ownDir = cgroupDir(m3.mountPoint, m3.root, path12);
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
import { mkdirSync, readdirSync as readdirSync2, rmdirSync, writeFileSync as writeFileSync2 } from "node:fs";

// src/engine/proc.ts
import { readlinkSync } from "node:fs";
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
function processStartTicks(pid) {
  const stat2 = readTextOrNull(`/proc/${pid}/stat`);
  if (stat2 === null) return null;
  return stat2.slice(stat2.lastIndexOf(")") + 2).split(" ")[19] ?? null;
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
function readNum(path12) {
  const t = readTextOrNull(path12);
  return t === null ? null : parseNumber(t);
}
function writeCg(path12, value) {
  writeFileSync2(path12, value);
}
function mkdirCg(path12) {
  mkdirSync(path12, { mode: 493 });
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
      sleepSync(Math.min(2 ** i, 20));
    }
  }
  return last;
}
function subdirs(dir) {
  try {
    return readdirSync2(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${dir}/${d.name}`);
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
  const out2 = [];
  if (limits.memoryBytes !== void 0) out2.push("memory");
  if (limits.pids !== void 0) out2.push("pids");
  if (limits.cpus !== void 0) out2.push("cpus");
  return out2;
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
  write(limit, path12, value) {
    try {
      writeCg(path12, value);
      return true;
    } catch (e) {
      this.cannot(limit, `${errCode(e)} writing ${path12}`);
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
import { existsSync as existsSync2 } from "node:fs";

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
      parts.push({ controllers: h.controllers, home: h.ownDir, runDir });
      for (const c of h.controllers) missing.delete(c);
    } catch (e) {
      for (const c of h.controllers) missing.set(c, `${errCode(e)} creating ${runDir}`);
    }
  }
  if (parts.length === 0)
    return new NoneRun(`no usable cgroup v1 hierarchy (${[...new Set(missing.values())].join("; ")})`);
  return new V1Run(parts, missing);
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
  createSandbox(name, limits, bestEffort) {
    assertSandboxName(name);
    const sb = new V1Sandbox(this.parts, name, this.missing, () => this.sandboxes.delete(sb));
    withLimits(sb, limits, bestEffort);
    this.sandboxes.add(sb);
    return sb;
  }
  dispose() {
    for (const sb of [...this.sandboxes]) sb.remove();
    let err = null;
    for (const p2 of this.parts) {
      killLoop([p2.runDir]);
      err = removeCgroupTree(p2.runDir) ?? err;
    }
    if (err) throw new Error(`cannot remove cgroup run dirs: ${err.message}`);
  }
};
var V1Sandbox = class {
  constructor(parts, name, missing, onRemove) {
    this.missing = missing;
    this.onRemove = onRemove;
    for (const p2 of parts) {
      const dir = `${p2.runDir}/${name}`;
      try {
        mkdirCg(dir);
      } catch (e) {
        for (const d of this.dirs) rmdirRetry(d.dir);
        throw new SetupError("cgroup", `cannot create cgroup ${dir}: ${errCode(e)}`);
      }
      this.dirs.push({ controllers: p2.controllers, dir, home: p2.home });
    }
  }
  missing;
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
        if (existsSync2(`${mem}/memory.memsw.limit_in_bytes`)) {
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
    return [
      ...this.dirs.map((d) => ["cgroup_v1_join", d.dir]),
      ...this.dirs.map((d) => ["cgroup_v1_home", d.home])
    ];
  }
  started() {
    const d = this.dirOf("pids");
    if (d && !existsSync2(`${d}/pids.peak`)) {
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
    const mem = this.dirOf("memory");
    const pids = this.dirOf("pids");
    return {
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
    const all = this.dirs.map((d) => d.dir);
    if (all.some((d) => procsOf(d).length > 0)) {
      this.kill();
      waitEmpty(all, 2e3);
    }
    const errs = all.map((d) => rmdirRetry(d)).filter((e) => e !== null);
    if (errs.length > 0) throw new Error(`cannot remove cgroup: ${errs[0]?.message}`);
    this.removed = true;
    this.onRemove();
  }
};

// src/engine/cgroup/v2.ts
import { existsSync as existsSync3 } from "node:fs";
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
    if (existsSync3(`${this.dir}/cgroup.kill`)) {
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
          if (existsSync3(`${this.dir}/memory.swap.max`))
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
    if (this.enabled.includes("pids") && !existsSync3(`${this.dir}/pids.peak`)) {
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
      if (errCode(e) !== "ENOENT" || !existsSync3(this.dir)) return;
    }
    killLoop([this.dir]);
  }
  stats() {
    return sandboxStats(this.sampler, () => {
      const cpu = parseKeyed(readTextOrNull(`${this.dir}/cpu.stat`) ?? "");
      const mem = this.enabled.includes("memory");
      return {
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
    if (procsOf(this.dir).length > 0) {
      this.kill();
      waitEmpty([this.dir], 2e3);
    }
    const err = rmdirRetry(this.dir);
    if (err) throw new Error(`cannot remove cgroup ${this.dir}: ${err.message}`);
    this.removed = true;
    this.onRemove();
  }
};

// src/engine/cgroup/stale.ts
import { readdirSync as readdirSync3, statSync as statSync2 } from "node:fs";
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
function entries(dir) {
  try {
    return readdirSync3(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
function runDirsBeneath(roots, maxDepth) {
  const out2 = [];
  const walk = (dir, depth2) => {
    for (const e of entries(dir)) {
      if (!e.isDirectory()) continue;
      const path12 = `${dir}/${e.name}`;
      if (RUN_DIR_RE.test(e.name)) out2.push({ name: e.name, dir: path12, parent: dir });
      else if (depth2 < maxDepth) walk(path12, depth2 + 1);
    }
  };
  for (const r of roots) walk(r, 0);
  return out2;
}
function everywhere(layout) {
  const roots = /* @__PURE__ */ new Set();
  if (layout.v2) roots.add(layout.v2.mountPoint);
  for (const h of layout.v1) roots.add(h.mountPoint);
  return runDirsBeneath(roots, MAX_DEPTH);
}
function procsAround(dir, depth2 = 0) {
  const out2 = procsOf(dir);
  if (depth2 < MAX_DEPTH) {
    for (const e of entries(dir))
      if (e.isDirectory() && !RUN_DIR_RE.test(e.name))
        out2.push(...procsAround(`${dir}/${e.name}`, depth2 + 1));
  }
  return out2;
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
        createdMs = Math.min(createdMs, statSync2(d).mtimeMs);
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
  const runName = `nsbox-${process.pid}-${randomBytes2(4).toString("hex")}`;
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
      const v2 = Number((readTextOrNull(`${d}/${file}`) ?? "").trim());
      if (Number.isFinite(v2) && v2 > 0 && v2 < UNLIMITED) avail = Math.min(avail, v2);
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
function sessionDefaults(parallel = 1) {
  return { memoryBytes: defaultMemoryBytes(parallel, memoryAvailable()), pids: DEFAULT_PIDS };
}
function resolveLimits(asked, d) {
  const { memoryBytes, pids, ...rest } = asked;
  const out2 = { ...rest, defaulted: [] };
  if (memoryBytes === void 0) {
    out2.memoryBytes = d.memoryBytes;
    out2.defaulted?.push("memory");
  } else if (memoryBytes !== "none") out2.memoryBytes = memoryBytes;
  if (pids === void 0) {
    out2.pids = d.pids;
    out2.defaulted?.push("pids");
  } else if (pids !== "none") out2.pids = pids;
  return out2;
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
  return [...new Set(values.flatMap((v2) => v2.split(/[\s,]+/)).filter(Boolean))].sort();
}
function addedPackages(before, after) {
  const had = new Set(before.map((p2) => `${p2.name}=${p2.version}`));
  return after.filter((p2) => !had.has(`${p2.name}=${p2.version}`)).sort((a, b2) => a.name.localeCompare(b2.name));
}
function parseInstallPlan(output) {
  const out2 = [];
  for (const m2 of output.matchAll(
    /^\(\d+\/\d+\) (?:Installing|Upgrading|Replacing) (\S+) \((?:\S+ -> )?([^)\s]+)\)/gm
  )) {
    if (isPackageName(m2[1])) out2.push({ name: m2[1], version: m2[2] });
  }
  return out2;
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
function parseIp4(text2) {
  const parts = text2.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p2 of parts) {
    if (!OCTET.test(p2)) return null;
    const v2 = Number(p2);
    if (v2 > 255) return null;
    n = n * 256 + v2;
  }
  return n >>> 0;
}
function formatIp4(n) {
  return [n >>> 24, n >>> 16 & 255, n >>> 8 & 255, n & 255].join(".");
}
function maskOf(prefix) {
  return prefix === 0 ? 0 : 4294967295 << 32 - prefix >>> 0;
}
function parseCidr4(text2, allowHostBits = false) {
  const slash = text2.indexOf("/");
  const ip = parseIp4(slash < 0 ? text2 : text2.slice(0, slash));
  if (ip === null) return null;
  let prefix = 32;
  if (slash >= 0) {
    const p2 = text2.slice(slash + 1);
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
  const out2 = [];
  for (const c of parsed) {
    const last = out2[out2.length - 1];
    if (last && c.base >= last.base && c.end <= last.end) continue;
    out2.push(c);
  }
  return out2.map((c) => formatCidr4(c));
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
  const v2 = value.trim();
  const n = /^\d+$/.test(v2) ? Number(v2) : Number.NaN;
  if (!(n >= 1) || !Number.isSafeInteger(n)) {
    throw new UsageError(`${name}: '${value}' is not a count; use a whole number like 64`);
  }
  return n;
}
var MIN_CPUS = 0.01;
var MAX_CPUS = 4096;
function parseCpus(name, value) {
  const v2 = value.trim();
  const n = /^(\d+(\.\d+)?|\.\d+)$/.test(v2) ? Number(v2) : Number.NaN;
  if (!(n >= MIN_CPUS && n <= MAX_CPUS)) {
    throw new UsageError(`${name}: '${value}' is not a CPU count; use 0.5 or 2`);
  }
  return n;
}
var DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/gy;
function parseDuration(name, value) {
  const v2 = value.trim();
  let ms2 = Number.NaN;
  if (/^(\d+(\.\d+)?|\.\d+)$/.test(v2)) {
    ms2 = Number(v2) * 1e3;
  } else if (v2 !== "") {
    DURATION_PART.lastIndex = 0;
    let total = 0;
    let end = 0;
    for (let m2 = DURATION_PART.exec(v2); m2; m2 = DURATION_PART.exec(v2)) {
      total += Number(m2[1]) * DURATION_UNITS[m2[2]];
      end = DURATION_PART.lastIndex;
    }
    if (end === v2.length) ms2 = total;
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
  let v2 = Math.abs(bytes);
  let i = 0;
  while (v2 >= KIB && i < units.length - 1) {
    v2 /= KIB;
    i++;
  }
  const sign = bytes < 0 ? "-" : "";
  if (i === 0) return `${sign}${v2} B`;
  return `${sign}${v2.toFixed(v2 < 10 ? 2 : 1)} ${units[i]}`;
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
import { lstatSync, readdirSync as readdirSync4 } from "node:fs";
function parseOutputPattern(what, p2) {
  const v2 = p2.trim();
  if (!v2.startsWith("/") || v2.split("/").includes("..")) {
    throw new UsageError(
      `${what}: '${p2}' is not an absolute path inside the sandbox without '..'; use /workspace/junit.xml`
    );
  }
  return v2;
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
    return readdirSync4(p2, { encoding: "buffer" }).sort(Buffer.compare);
  } catch {
    return [];
  }
}
var join = (a, b2) => Buffer.concat([a, Buffer.from("/"), b2]);
function matchPattern(base, segs) {
  const out2 = [];
  const walk = (dir, rel, i) => {
    if (i === segs.length) {
      out2.push(rel);
      return;
    }
    const seg = segs[i];
    if (seg.kind === "any") {
      if (i === segs.length - 1) {
        out2.push(rel);
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
  return out2;
}

// src/engine/rootfs/index.ts
import { lstatSync as lstatSync4, readFileSync as readFileSync3, rmSync as rmSync3, statSync as statSync4, utimesSync as utimesSync2 } from "node:fs";
import path7 from "node:path";

// src/engine/manifest.ts
import { lstatSync as lstatSync2, readdirSync as readdirSync5, readFileSync as readFileSync2, readlinkSync as readlinkSync2 } from "node:fs";
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
function recordTree(dir, meta) {
  const entries2 = [];
  let bytes = 0;
  const visit = (rel) => {
    const abs = rel === "" ? dir : path3.join(dir, rel);
    const st2 = lstatSync2(abs);
    const kind = kindOf(st2);
    let digest = "";
    if (kind === "f") {
      digest = sha256File(abs);
      bytes += st2.size;
    } else if (kind === "l") digest = readlinkSync2(abs);
    entries2.push([rel, kind, st2.mode & 4095, st2.uid, st2.gid, kind === "f" ? st2.size : 0, digest]);
    if (kind === "d") for (const name of readdirSync5(abs).sort()) visit(rel === "" ? name : `${rel}/${name}`);
  };
  visit("");
  return { format: MANIFEST_FORMAT, meta, bytes, entries: entries2 };
}
function sha256File(file) {
  return sha256Hex(readFileSync2(file));
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
  for (const e of m2.entries) {
    const damage = checkEntry(dir, e);
    if (damage) return damage;
  }
  return null;
}
function checkEntry(dir, [rel, kind, mode2, uid, gid, size, digest]) {
  const name = rel === "" ? "the tree's root" : rel;
  let st2;
  try {
    st2 = lstatSync2(rel === "" ? dir : path3.join(dir, rel), { throwIfNoEntry: false });
  } catch (e) {
    const code = e.code;
    return code === "ENOTDIR" ? `${name} is missing` : `${name} cannot be read (${code})`;
  }
  if (!st2) return `${name} is missing`;
  const now = kindOf(st2);
  if (now !== kind) return `${name} is ${KIND_NAME[now]}, expected ${KIND_NAME[kind]}`;
  if (kind === "f" && st2.size !== size) return `${name} has ${st2.size} bytes, expected ${size}`;
  if (kind === "l" && !digest.includes("\uFFFD") && st2.size !== Buffer.byteLength(digest))
    return `${name} points elsewhere`;
  if (kind !== "l" && (st2.mode & 4095) !== mode2) {
    return `${name} has mode ${octal(st2.mode & 4095)}, expected ${octal(mode2)}`;
  }
  if (st2.uid !== uid || st2.gid !== gid)
    return `${name} is owned by ${st2.uid}:${st2.gid}, expected ${uid}:${gid}`;
  return null;
}
var octal = (n) => `0${n.toString(8)}`;

// src/engine/rootfs/cache.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { chmodSync as chmodSync2, lstatSync as lstatSync3, mkdirSync as mkdirSync2, readdirSync as readdirSync6, renameSync as renameSync2, rmSync as rmSync2, statSync as statSync3 } from "node:fs";
import os5 from "node:os";
import path4 from "node:path";
var ALIAS_TTL_MS = 24 * 3600 * 1e3;
var TEMP_MAX_AGE_MS = 3600 * 1e3;
function defaultCacheDir() {
  const env = process.env.NSBOX_CACHE_DIR;
  if (env) return path4.resolve(env);
  if (isRoot()) return "/var/cache/nsbox";
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path4.isAbsolute(xdg)) return path4.join(xdg, "nsbox");
  return path4.join(os5.homedir(), ".cache", "nsbox");
}
function rootfsPath(cacheDir, sha256, idShift) {
  return path4.join(cacheDir, "rootfs", `${sha256}-${idShift ?? "self"}`);
}
function manifestPath(treeDir) {
  return `${treeDir}.manifest.json`;
}
function readIndex(cacheDir) {
  const v2 = readJsonOrNull(path4.join(cacheDir, "index.json"));
  return v2 && typeof v2 === "object" && !Array.isArray(v2) ? v2 : {};
}
function isFresh(e, exact, now = Date.now()) {
  return exact || now - e.at >= 0 && now - e.at < ALIAS_TTL_MS;
}
function writeIndexEntry(cacheDir, key, entry2) {
  const index = readIndex(cacheDir);
  index[key] = entry2;
  try {
    writeFileAtomic(path4.join(cacheDir, "index.json"), `${JSON.stringify(index, null, 1)}
`, 420);
  } catch {
  }
}
function ensureCacheDirs(cacheDir) {
  const dir = path4.join(cacheDir, "rootfs");
  mkdirSync2(dir, { recursive: true, mode: 493 });
  if ((statSync3(dir).mode & 493) !== 493) chmodSync2(dir, 493);
}
function tempName(cacheDir) {
  return path4.join(cacheDir, `.tmp-${process.pid}-${randomBytes3(6).toString("hex")}`);
}
function makeTempDir(cacheDir) {
  const dir = tempName(cacheDir);
  mkdirSync2(dir, { mode: 493 });
  return dir;
}
function discardTree(cacheDir, treeDir) {
  const aside = tempName(cacheDir);
  let moved = false;
  try {
    renameSync2(treeDir, aside);
    moved = true;
  } catch {
  }
  rmSync2(manifestPath(treeDir), { force: true });
  removeHostTree(moved ? aside : treeDir);
}
function commitDir(tmp, final) {
  try {
    renameSync2(tmp, final);
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
    names = readdirSync6(cacheDir);
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
      age = now - lstatSync3(dir).mtimeMs;
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
    "mirror"
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
import { chmodSync as chmodSync3, lchownSync } from "node:fs";
import path5 from "node:path";
import { gunzipSync } from "node:zlib";

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
  const out2 = [];
  let i = rel.indexOf("/");
  while (i !== -1) {
    out2.push(rel.slice(0, i));
    i = rel.indexOf("/", i + 1);
  }
  return out2;
}

// src/engine/rootfs/extract.ts
var MAX_TAR_BYTES = 2 * 1024 ** 3;
async function extractTarball(gz, dest, opts) {
  const { UnpackSync } = await Promise.resolve().then(() => (init_index_min(), index_min_exports));
  const fail = (why) => new SetupError("rootfs", `cannot extract ${opts.label}: ${why}`);
  let tar;
  try {
    tar = isGzip(gz) ? gunzipSync(gz, { maxOutputLength: MAX_TAR_BYTES }) : gz;
  } catch (e) {
    throw fail(`gzip: ${errText(e)}`);
  }
  if (!isUstar(tar)) throw fail(isGzip(gz) ? "the gzip data is not a tar archive" : "not a .tar.gz file");
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
    filter: (p2, entry2) => {
      if (escaped !== null) return false;
      if (!("type" in entry2)) return false;
      const type = entryType(entry2.type);
      const rel = guard.check(type, p2, entry2.linkpath);
      if (rel === null) {
        escaped = p2;
        return false;
      }
      metas.set(rel, { type, mode: (entry2.mode ?? 0) & 4095, uid: entry2.uid ?? 0, gid: entry2.gid ?? 0 });
      return true;
    }
  });
  try {
    unpack.end(tar);
  } catch (e) {
    if (escaped === null) throw fail(errText(e));
  }
  if (escaped !== null) {
    throw new SetupError("rootfs", `tarball entry escapes the destination: ${escaped}`);
  }
  const count = metas.size;
  if (count === 0) throw fail("the archive holds no entries");
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
    if (m2.type !== "SymbolicLink") chmodSync3(abs, m2.mode);
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
function parseAlpineRequest(text2) {
  const t = text2 ?? "latest-stable";
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
function parseReleasesYaml(text2) {
  const entries2 = [];
  let cur = null;
  let lastKey = null;
  for (const raw of text2.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    if (line === "" || line === "---" || line.trimStart().startsWith("#")) continue;
    let body = line;
    if (/^-(\s|$)/.test(line)) {
      cur = {};
      entries2.push(cur);
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
  for (const e of entries2) for (const k2 of Object.keys(e)) e[k2] = unquote(e[k2]);
  return entries2;
}
function isOpenQuote(v2) {
  const q2 = v2[0];
  return (q2 === '"' || q2 === "'") && (v2.length === 1 || v2.at(-1) !== q2);
}
function unquote(v2) {
  const s3 = v2.trim();
  if (s3.length >= 2 && (s3[0] === '"' || s3[0] === "'") && s3.at(-1) === s3[0]) return s3.slice(1, -1);
  return s3;
}
var FILE_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
var SHA_RE = /^[0-9a-f]{64}$/;
function pickMinirootfs(entries2, arch2) {
  const e = entries2.find(
    (x) => x.flavor === "alpine-minirootfs" && (x.arch === void 0 || x.arch === arch2)
  );
  if (!e) return null;
  const { version = "", file = "", branch = "" } = e;
  const sha256 = (e.sha256 ?? "").toLowerCase();
  if (!EXACT_RE.test(version) || !FILE_RE.test(file) || !SHA_RE.test(sha256)) return null;
  return { version, branch, file, sha256 };
}
function parseSha256File(text2) {
  const first = text2.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  return SHA_RE.test(first) ? first : null;
}
function minirootfsFileName(version, arch2) {
  return `alpine-minirootfs-${version}-${arch2}.tar.gz`;
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
  let u2;
  try {
    u2 = new URL(mirror);
  } catch {
    u2 = new URL("invalid:");
  }
  if (u2.protocol !== "http:" && u2.protocol !== "https:" || u2.search || u2.hash) {
    throw new UsageError(`mirror: '${mirror}' is not an http(s) URL like ${DEFAULT_MIRROR}`);
  }
  return u2.href.replace(/\/+$/, "");
}
async function resolveRelease(req, mirror, arch2, fetchOpts) {
  const yamlUrl = `${mirror}/${req.dir}/releases/${arch2}/latest-releases.yaml`;
  const unknown = (url2) => new SetupError(
    "download",
    `Alpine ${req.text} is not available for ${arch2} at ${mirror} (${url2} was not found)`
  );
  let yaml;
  try {
    yaml = await fetchText(yamlUrl, fetchOpts);
  } catch (e) {
    throw e instanceof NotFoundError ? unknown(yamlUrl) : e;
  }
  const rel = pickMinirootfs(parseReleasesYaml(yaml), arch2);
  if (!rel) {
    throw new SetupError("download", `${yamlUrl} lists no alpine-minirootfs release for ${arch2}`);
  }
  if (req.kind !== "exact" || rel.version === req.version) {
    const dir = /^v\d+\.\d+$/.test(rel.branch) ? rel.branch : req.dir;
    const url2 = `${mirror}/${dir}/releases/${arch2}/${rel.file}`;
    return { version: rel.version, file: rel.file, url: url2, sha256: rel.sha256 };
  }
  const file = minirootfsFileName(req.version, arch2);
  const url = `${mirror}/${req.dir}/releases/${arch2}/${file}`;
  let text2;
  try {
    text2 = await fetchText(`${url}.sha256`, fetchOpts);
  } catch (e) {
    throw e instanceof NotFoundError ? unknown(`${url}.sha256`) : e;
  }
  const sha256 = parseSha256File(text2);
  if (!sha256) throw new SetupError("download", `${url}.sha256 does not hold a sha256 checksum`);
  return { version: req.version, file, url, sha256 };
}

// src/engine/apk/cache.ts
import { readdirSync as readdirSync7, utimesSync } from "node:fs";
import path6 from "node:path";
var LAYER_MANIFEST = "manifest.json";
var KEY_RE = /^[0-9a-f]{64}$/;
function packagesBase(cacheDir) {
  return path6.join(cacheDir, "packages");
}
function layerDirs(cacheDir) {
  const base = packagesBase(cacheDir);
  try {
    return readdirSync7(base).filter((n) => KEY_RE.test(n)).sort().map((n) => path6.join(base, n));
  } catch {
    return [];
  }
}
var INDEX_TTL_MS = 10 * 60 * 1e3;
var indexShasFile = (cacheDir) => path6.join(packagesBase(cacheDir), "indexes.json");
var indexKey = (repo, arch2) => `${repo}|${arch2}`;
function freshIndexShas(cacheDir, repos, arch2, isUrl2, now = Date.now()) {
  const known = readJsonOrNull(indexShasFile(cacheDir)) ?? {};
  const shas = [];
  for (const r of repos) {
    const e = isUrl2(r) ? known[indexKey(r, arch2)] : void 0;
    if (typeof e?.sha256 !== "string" || typeof e.at !== "number" || !(now - e.at >= 0 && now - e.at < INDEX_TTL_MS))
      return null;
    shas.push(e.sha256);
  }
  return shas;
}
function recordIndexShas(cacheDir, repos, arch2, shas) {
  const known = readJsonOrNull(indexShasFile(cacheDir)) ?? {};
  repos.forEach((r, i) => {
    known[indexKey(r, arch2)] = { sha256: shas[i], at: Date.now() };
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
var IN_USE_MS = 3600 * 1e3;

// src/engine/rootfs/index.ts
async function prepareRootfs(req) {
  checkIdShift(req.idShift);
  const cacheDir = path7.resolve(req.cacheDir);
  if (req.tarball !== void 0) return fromTarball(req, cacheDir);
  const want = parseAlpineRequest(req.alpine);
  const arch2 = alpineArch(req.arch ?? process.arch);
  const mirror = normalizeMirror(req.mirror ?? DEFAULT_MIRROR);
  const key = `${mirror}|${want.text}|${arch2}`;
  const say = req.onProgress ?? (() => {
  });
  const hit = readIndex(cacheDir)[key];
  let damage = null;
  const cached = hit ? cachedTree(cacheDir, hit, req.idShift, say, (d) => damage = d) : null;
  if (hit && cached && isFresh(hit, want.kind === "exact")) return cached;
  throwIfCancelled(req.signal);
  const t0 = performance.now();
  const fetchOpts = { fetchImpl: req.fetchImpl, timeoutMs: req.timeoutMs, signal: req.signal };
  const unrepaired = (e) => damage === null || !(e instanceof SetupError) || e.step !== "download" ? e : new SetupError(
    "rootfs",
    `the cached Alpine rootfs is damaged (${damage}) and cannot be downloaded again: ${e.message}`,
    e.hint
  );
  let rel;
  try {
    say(`resolving Alpine ${want.text} (${arch2}) at ${mirror}`);
    rel = await resolveRelease(want, mirror, arch2, fetchOpts);
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
    const meta = { kind: "alpine-minirootfs", version: rel.version, arch: arch2, source: rel.url };
    await install(cacheDir, gz, rel.file, req.idShift, dir, say, meta, req.signal);
    say(`Alpine ${rel.version} ready in ${Math.round(performance.now() - t0)} ms`);
  }
  writeIndexEntry(cacheDir, key, { version: rel.version, sha256: rel.sha256, at: Date.now() });
  return { dir, version: rel.version, sha256: rel.sha256 };
}
async function fromTarball(req, cacheDir) {
  const file = path7.resolve(req.tarball);
  let st2;
  try {
    st2 = statSync4(file);
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
  const gz = readFileSync3(file);
  const sha256 = sha256Hex(gz);
  const dir = rootfsPath(cacheDir, sha256, req.idShift);
  const name = path7.basename(file);
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
    if (!isDir(dir)) rmSync3(manifestPath(dir), { force: true });
    throw e;
  }
  if (!committed) say(`another process prepared ${path7.basename(dir)} at the same time; using it`);
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
    const file = path7.join(dir, "etc", "alpine-release");
    if (!lstatSync4(path7.dirname(file)).isDirectory() || !lstatSync4(file).isFile()) return null;
    const v2 = readFileSync3(file, "utf8").trim();
    return /^\d+\.\d+\.\d+/.test(v2) ? v2 : null;
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
      utimesSync2(file, now, now);
    } catch {
    }
    return true;
  }
  say(`the cached rootfs ${path7.basename(dir)} is damaged (${damage}); removing it to extract it again`);
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
import { chmodSync as chmodSync4, mkdirSync as mkdirSync7 } from "node:fs";
import { join as join6 } from "node:path";

// src/engine/apk/layer.ts
import { lstatSync as lstatSync5, mkdirSync as mkdirSync3, readFileSync as readFileSync5, renameSync as renameSync3, writeFileSync as writeFileSync4 } from "node:fs";
import path9 from "node:path";

// src/engine/apk/index.ts
import { gunzipSync as gunzipSync2 } from "node:zlib";
var MAX_INDEX_TEXT = 256 * 1024 * 1024;
function readIndexEntries(gz) {
  let tar;
  try {
    tar = gunzipSync2(gz, { maxOutputLength: MAX_INDEX_TEXT });
  } catch {
    return [];
  }
  const text2 = tarMember(tar, "APKINDEX");
  return text2 === null ? [] : parseIndexText(text2.toString("utf8"));
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
function parseIndexText(text2) {
  const out2 = [];
  for (const block of text2.split(/\n\n+/)) {
    const f2 = {};
    for (const line of block.split("\n"))
      if (line[1] === ":" && !(line[0] in f2)) f2[line[0]] = line.slice(2).trim();
    const name = f2.P;
    const version = f2.V;
    if (!name || !version || !isPackageName(name)) continue;
    const list = (v2) => (v2 ?? "").split(/\s+/).filter(Boolean);
    out2.push({ name, version, depends: list(f2.D), provides: list(f2.p), priority: Number(f2.k ?? 0) || 0 });
  }
  return out2;
}
function depName(token) {
  return token.replace(/[<>=~].*$/, "");
}
function guessFetches(requested2, entries2, installed) {
  const has = /* @__PURE__ */ new Set();
  for (const e of installed) {
    has.add(e.name);
    for (const p2 of e.provides) has.add(depName(p2));
  }
  const byName = /* @__PURE__ */ new Map();
  const byProvide = /* @__PURE__ */ new Map();
  const add = (m2, k2, e) => {
    const list = m2.get(k2);
    if (list) list.push(e);
    else m2.set(k2, [e]);
  };
  for (const e of entries2) {
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
import { readFileSync as readFileSync4, writeFileSync as writeFileSync3 } from "node:fs";
import path8 from "node:path";
var MAX_INDEX_BYTES = 64 * 1024 ** 2;
var MAX_PACKAGE_BYTES = 1024 ** 3;
var isUrl = (r) => /^https?:\/\//.test(r);
async function stagePackage(staged, file) {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]*\.apk$/.test(file)) return;
  for (const s3 of staged) {
    try {
      const data = await fetchBytes(`${s3.url}/${path8.basename(s3.dir)}/${file}`, {
        maxBytes: MAX_PACKAGE_BYTES
      });
      writeFileSync3(path8.join(s3.dir, file), data, { mode: 420 });
      return;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
}
async function readIndex2(repo, arch2) {
  try {
    if (!isUrl(repo)) return readFileSync4(path8.join(path8.resolve(repo), arch2, "APKINDEX.tar.gz"));
    return await fetchBytes(`${repo}/${arch2}/APKINDEX.tar.gz`, { maxBytes: MAX_INDEX_BYTES, attempts: 2 });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

// src/engine/apk/layer.ts
function identity(req) {
  return {
    alpine: req.alpine,
    arch: req.arch,
    rootfs: path9.basename(req.rootfsDir),
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
      keys: req.keys.map((k2) => [path9.basename(k2), sha256Hex(readFileSync5(k2))]),
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
    if (!path9.isAbsolute(r) && !r.startsWith(".")) {
      throw new UsageError(
        `repository: '${r}' is neither an http(s) URL nor a directory path; use https://\u2026 or ./repo`
      );
    }
    if (!isDir(path9.resolve(r)))
      throw new UsageError(
        `repository: '${r}' is not a directory on the host; give an existing apk repository`
      );
  }
  for (const k2 of req.keys) {
    let ok = false;
    try {
      ok = lstatSync5(k2).isFile() && /^[A-Za-z0-9._+-]+$/.test(path9.basename(k2));
    } catch {
    }
    if (!ok) throw new UsageError(`repository-key: '${k2}' is not a readable key file; give a .rsa.pub file`);
  }
}
async function preparePackageLayer(req, run3) {
  const say = req.onProgress ?? (() => {
  });
  const base = packagesBase(req.cacheDir);
  mkdirSync3(base, { recursive: true, mode: 493 });
  const fresh = freshIndexShas(req.cacheDir, req.repositories, req.arch, isUrl);
  if (fresh) {
    const final2 = path9.join(base, packageLayerKey(req, fresh));
    const hit2 = checkedLayer(req.cacheDir, final2, say);
    if (hit2) {
      touchLayer(final2);
      return { dir: path9.join(final2, "layer"), installed: hit2.installed, cached: true };
    }
  }
  const indexes = await Promise.all(req.repositories.map((r) => readIndex2(r, req.arch)));
  const missing = indexes.findIndex((x) => x instanceof Error);
  if (missing >= 0) {
    const fallback = newestMatching(req, say);
    const why = indexes[missing].message;
    if (!fallback)
      throw new SetupError("packages", `cannot read the index of ${req.repositories[missing]}: ${why}`);
    say(`${why}; using the cached package layer of ${new Date(fallback.meta.at).toISOString()}`);
    touchLayer(fallback.dir);
    return { dir: path9.join(fallback.dir, "layer"), installed: fallback.meta.installed, cached: true };
  }
  const shas = indexes.map((x) => sha256Hex(x));
  const urls = req.repositories.flatMap((r, i) => isUrl(r) ? [[r, shas[i]]] : []);
  recordIndexShas(
    req.cacheDir,
    urls.map(([r]) => r),
    req.arch,
    urls.map(([, s3]) => s3)
  );
  const key = packageLayerKey(req, shas);
  const final = path9.join(base, key);
  const hit = checkedLayer(req.cacheDir, final, say);
  if (hit) touchLayer(final);
  if (hit) return { dir: path9.join(final, "layer"), installed: hit.installed, cached: true };
  const t0 = performance.now();
  say(`installing ${req.packages.join(" ")} into the package layer`);
  const tmp = makeTempDir(req.cacheDir);
  try {
    const mounts = [];
    const staged = [];
    req.repositories.forEach((r, i) => {
      const target = `${REPO_MOUNT}/${i}`;
      if (!isUrl(r)) {
        mounts.push({ source: path9.resolve(r), target, mode: "ro" });
        return;
      }
      const dir = path9.join(tmp, "repos", String(i));
      mkdirSync3(path9.join(dir, req.arch), { recursive: true, mode: 493 });
      writeFileSync4(path9.join(dir, req.arch, "APKINDEX.tar.gz"), indexes[i], { mode: 420 });
      staged.push({ url: r, dir: path9.join(dir, req.arch) });
      mounts.push({ source: dir, target, mode: "ro" });
    });
    const files = req.keys.map((k2) => [
      `/etc/apk/keys/${path9.basename(k2)}`,
      readFileSync5(k2, "utf8")
    ]);
    const argv = [
      "apk",
      "add",
      "--no-cache",
      "--no-progress",
      "--repositories-file",
      "/dev/null",
      ...req.repositories.flatMap((_2, i) => ["-X", `${REPO_MOUNT}/${i}`]),
      ...req.allowUntrusted ? ["--allow-untrusted"] : []
    ];
    const install2 = async (layerDir) => {
      let layer = null;
      try {
        await runApk(run3, [...argv, ...req.packages], mounts, files, {
          layerDir,
          keepLayer: (k2) => {
            layer = k2;
          }
        });
      } catch (e) {
        layer?.dispose();
        throw e;
      }
      if (!layer) throw new SetupError("packages", "the package installation left no layer");
      return layer;
    };
    const fetched = /* @__PURE__ */ new Set();
    const stage = (ids) => Promise.all(
      ids.filter((id) => !fetched.has(id) && fetched.add(id)).map((id) => stagePackage(staged, `${id}.apk`))
    );
    if (staged.length > 0) {
      const entries2 = indexes.flatMap((x) => readIndexEntries(x));
      await stage(guessFetches(req.packages, entries2, parseIndexText(readDb(req.rootfsDir))));
    }
    let kept;
    try {
      kept = await install2(path9.join(tmp, "scratch"));
    } catch (e) {
      if (!(e instanceof ApkFailure) || e.explained || staged.length === 0) throw e;
      const dry = await runApk(run3, [...argv, "--simulate", ...req.packages], mounts, files);
      await stage(parseInstallPlan(dry).map((p2) => `${p2.name}-${p2.version}`));
      kept = await install2(path9.join(tmp, "scratch-2"));
    }
    renameSync3(kept.upper, path9.join(tmp, "layer"));
    kept.dispose();
    removeHostTree(path9.join(tmp, "repos"));
    const installed = addedPackages(
      installedPackages(readDb(req.rootfsDir)),
      installedPackages(readDb(path9.join(tmp, "layer")))
    );
    const meta = {
      ...identity(req),
      installed,
      at: Date.now()
    };
    writeFileSync4(path9.join(tmp, "meta.json"), `${JSON.stringify(meta)}
`, { mode: 420 });
    writeManifest(
      path9.join(tmp, LAYER_MANIFEST),
      recordTree(path9.join(tmp, "layer"), { packages: req.packages.join(" ") })
    );
    if (!commitDir(tmp, final))
      say("another process prepared the same package layer at the same time; using it");
    say(`package layer ready in ${Math.round(performance.now() - t0)} ms`);
    return {
      dir: path9.join(final, "layer"),
      installed: checkedLayer(req.cacheDir, final, say)?.installed ?? installed,
      cached: false
    };
  } catch (e) {
    removeHostTree(tmp);
    throw e;
  }
}
async function runApk(run3, argv, mounts, files, internal = {}) {
  const chunks = [];
  let size = 0;
  const result = await run3(
    {
      argv,
      mounts,
      hostname: "nsbox-apk",
      stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
      onOutput: (_s2, chunk) => {
        if (size < MAX_APK_OUTPUT) chunks.push(chunk.subarray(0, MAX_APK_OUTPUT - size));
        size += chunk.length;
      }
    },
    { ...internal, network: "none", files }
  );
  const output = Buffer.concat(chunks).toString("utf8");
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
function installedPackages(db) {
  return parseIndexText(db).map(({ name, version }) => ({ name, version }));
}
function readDb(tree) {
  const file = path9.join(tree, "lib", "apk", "db", "installed");
  try {
    if (!lstatSync5(file).isFile()) return "";
    return readFileSync5(file, "utf8");
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
import { closeSync as closeSync3, existsSync as existsSync4, openSync as openSync2 } from "node:fs";
import { Socket as Socket2 } from "node:net";
import { dirname, join as join2 } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// src/engine/spawn.ts
import { closeSync as closeSync2 } from "node:fs";
import { Socket } from "node:net";

// src/engine/libc.ts
import { createRequire } from "node:module";
var koffi = null;
var handle = null;
async function loadLibc() {
  if (handle) return;
  const mod = await Promise.resolve().then(() => __toESM(require_koffi2(), 1));
  bindLibc(mod.default ?? mod);
}
function bindLibc(k2) {
  if (handle) return;
  koffi = k2;
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
  const k2 = koffiModule();
  k2.struct("nsbox_iovec", { base: "void *", len: "size_t" });
  k2.struct("nsbox_msghdr", {
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
function launch(c, path12, argv, fa, attr, pid) {
  const sigs = Buffer.alloc(OPAQUE);
  c.sigfillset(sigs);
  c.attrSetSigDefault(attr, sigs);
  c.sigemptyset(sigs);
  for (const sig of SERVER_BLOCKED) c.sigaddset(sigs, sig);
  c.attrSetSigMask(attr, sigs);
  c.attrSetFlags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  return c.spawn(pid, path12, fa, attr, [path12, ...argv, null], [null]);
}
function spawnServer(path12) {
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
    const err = launch(c, path12, ["--serve"], fa, attr, pid);
    if (err !== 0) {
      closeSync2(mine);
      closeSync2(eventsIn);
      throw new SetupError("helper", `cannot start the sandbox helper ${path12}: errno ${err}`);
    }
    const events = new Socket({ fd: eventsIn, readable: true, writable: false });
    const serverPid = pid[0];
    const exit = new Promise((resolve2) => events.once("close", () => resolve2())).then(
      () => reap(c, serverPid)
    );
    return { pid: serverPid, requests: mine, events, exit };
  } finally {
    closeSync2(theirs);
    closeSync2(eventsOut);
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
  const found = candidates.find((p2) => existsSync4(p2));
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
var HelperServer = class {
  proc = null;
  nextId = 0;
  requests = /* @__PURE__ */ new Map();
  devNull = null;
  launch = (records, stdio) => this.run(records, stdio);
  start() {
    const proc = spawnServer(helperPath());
    const lines2 = createInterface({ input: proc.events, crlfDelay: Number.POSITIVE_INFINITY });
    lines2.on("line", (line) => this.dispatch(line));
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
      for (const fd of toClose) closeSync3(fd);
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
    if (mine[0] !== null) closeSync3(mine[0]);
    const readable = (fd) => fd === null ? null : new Socket2({ fd, readable: true, writable: false });
    const stdout2 = readable(mine[1] ?? null);
    const stderr = readable(mine[2] ?? null);
    const drained = [stdout2, stderr].map(
      (s3) => s3 ? new Promise((resolve2) => s3.once("close", () => resolve2())) : Promise.resolve()
    );
    return {
      control,
      events,
      stdout: stdout2,
      stderr,
      finished: Promise.all([events.whenEnded, ...drained]).then(() => {
      }),
      exit
    };
  }
  nullFd() {
    this.devNull ??= openSync2("/dev/null", "r+");
    return this.devNull;
  }
  /** Forget a server that no longer takes requests (its events end settles what it held). */
  abandon() {
    const proc = this.proc;
    this.proc = null;
    if (proc) closeSync3(proc.requests);
  }
  /** No more requests: the server finishes what runs and leaves. */
  async close() {
    const proc = this.proc;
    this.abandon();
    if (this.devNull !== null) closeSync3(this.devNull);
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
import { execFileSync } from "node:child_process";
import { randomBytes as randomBytes4 } from "node:crypto";
import {
  closeSync as closeSync4,
  ftruncateSync,
  lstatSync as lstatSync6,
  mkdirSync as mkdirSync4,
  openSync as openSync3,
  readdirSync as readdirSync8,
  rmdirSync as rmdirSync2,
  rmSync as rmSync4
} from "node:fs";
import path10 from "node:path";
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
  return path10.join(cacheDir, "layers");
}
function createKeptScratch(cacheDir, kind, bytes, inodes, root) {
  const base = keptBase(cacheDir);
  mkdirSync4(base, { recursive: true, mode: 493 });
  const dir = path10.join(base, `${PREFIX}${process.pid}-${randomBytes4(6).toString("hex")}`);
  mkdirSync4(dir, { mode: 493 });
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
        execFileSync("mount", ["-o", "loop,nosuid,nodev", image, dir], {
          stdio: ["ignore", "ignore", "pipe"]
        });
      } catch (e) {
        throw new SetupError("scratch", `cannot loop-mount the disk scratch ${image}: ${stderrOf(e)}`);
      }
      mounted = true;
      rmSync4(image, { force: true });
      rmdirSync2(path10.join(dir, "lost+found"));
    }
  } catch (e) {
    rmSync4(image, { force: true });
    if (mounted) libc().umount2(dir, MNT_DETACH);
    removeHostTree(dir);
    throw e;
  }
  let disposed = false;
  return {
    dir,
    kind: root ? kind : "plain",
    upper: path10.join(dir, "upper"),
    mountUpper: (i) => path10.join(dir, `m${i}`, "u"),
    dispose() {
      if (disposed) return;
      disposed = true;
      if (mounted) libc().umount2(dir, MNT_DETACH);
      removeHostTree(dir);
    }
  };
}
function makeExt4(image, bytes) {
  const fd = openSync3(image, "wx", 384);
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync4(fd);
  }
  try {
    execFileSync(
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
  mkdirSync4(dir, { mode: 493 });
  let disposed = false;
  return {
    dir,
    kind: "plain",
    upper: path10.join(dir, "upper"),
    mountUpper: (i) => path10.join(dir, `m${i}`, "u"),
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
    names = readdirSync8(base);
  } catch {
    return 0;
  }
  const bootMs = bootTimeMs();
  for (const name of names) {
    const m2 = /^keep-(\d+)-[0-9a-f]+(\.img)?$/.exec(name);
    if (!m2) continue;
    const dir = path10.join(base, name);
    try {
      if (pidOwnerAlive(Number(m2[1]), lstatSync6(dir).mtimeMs, bootMs)) continue;
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
  const text2 = spec.trim();
  if (text2.includes("[") || text2.split(":").length > 2) throw bad("is IPv6, which sandboxes do not have");
  const colon = text2.indexOf(":");
  const addr = colon < 0 ? text2 : text2.slice(0, colon);
  let port;
  if (colon >= 0) {
    const p2 = text2.slice(colon + 1);
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
import { spawnSync } from "node:child_process";
import { accessSync as accessSync2, constants as constants5, existsSync as existsSync6, readFileSync as readFileSync6, writeFileSync as writeFileSync5 } from "node:fs";
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
var forwardHook = (v2) => v2.chains.has("DOCKER-USER") ? "DOCKER-USER" : "FORWARD";
function forwardHoles(p2, v2) {
  if (v2.forwardPolicy === null || v2.forwardPolicy === "ACCEPT" && !v2.chains.has("DOCKER-USER")) return null;
  const hook = forwardHook(v2);
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
function iptablesPlan(p2, v2) {
  const c = chainPrefix(p2.runId);
  const [fwd, inp, nat] = [`${c}-FWD`, `${c}-IN`, `${c}-NAT`];
  const ifs = `${p2.ifPrefix}+`;
  const hook = forwardHook(v2);
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
  const out2 = [];
  let table = "filter";
  for (const line of undo) {
    if (line.startsWith("*")) table = line.slice(1);
    else if (line !== "COMMIT") out2.push(["-t", table, ...line.split(" ")]);
  }
  return out2;
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
  const lines2 = [
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
  return `${lines2.join("\n")}
`;
}

// src/engine/net/state.ts
import { randomBytes as randomBytes5 } from "node:crypto";
import { closeSync as closeSync5, existsSync as existsSync5, mkdirSync as mkdirSync5, openSync as openSync4, readdirSync as readdirSync9, statSync as statSync5 } from "node:fs";
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
  return [...randomBytes5(6)].map((b2) => alphabet[b2 % 36]).join("");
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
        mkdirSync5(dir, { mode: 448 });
      } catch (e) {
        if (e.code !== "EEXIST") throw e;
        if (!statSync5(dir).isDirectory()) {
          throw Object.assign(new Error(`${dir} is not a directory`), { code: "ENOTDIR", path: dir });
        }
      }
    }
  }
  /** Whether any nsbox process ever kept state here (cleanups need not create it to find nothing). */
  exists() {
    return existsSync5(this.base);
  }
  /** Run fn holding the state lock (blocking: critical sections are sub-millisecond). */
  locked(fn) {
    let fd;
    try {
      if (!this.ensured) {
        this.ensure();
        this.ensured = true;
      }
      fd = openSync4(join3(this.base, "lock"), "a", 384);
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
      closeSync5(fd);
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
    names = readdirSync9(dir);
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
      accessSync2(p2, constants5.X_OK);
      return p2;
    } catch {
    }
  }
  return null;
}
function run(tool, args, input) {
  const path12 = findTool(tool);
  if (!path12) return { ok: false, out: "", err: `${tool}: not found` };
  const r = spawnSync(path12, args, { input, encoding: "utf8", timeout: 3e4 });
  const err = (r.stderr || r.error?.message || "").trim();
  return { ok: r.status === 0, out: r.stdout ?? "", err };
}
function restore(tool, text2) {
  return run(`${tool}-restore`, ["-w", "--noflush"], text2);
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
  const cur = readFileSync6(procFile, "utf8").trim();
  if (cur === "1") return;
  if (!existsSync6(state.forwardNote)) writeFileSync5(state.forwardNote, cur);
  try {
    writeFileSync5(procFile, "1");
  } catch (e) {
    unlinkQuiet(state.forwardNote);
    throw new SetupError("network", `cannot enable IPv4 forwarding: ${e.message}`);
  }
}
function restoreForwarding(state, exceptRunId, procFile = IP_FORWARD) {
  if (!existsSync6(state.forwardNote)) return false;
  if (state.listRuns().some((r) => r.runId !== exceptRunId && recordOwnerAlive(r))) return false;
  try {
    writeFileSync5(procFile, readFileSync6(state.forwardNote, "utf8").trim() || "0");
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
import { closeSync as closeSync6, openSync as openSync5, readdirSync as readdirSync10, writeSync } from "node:fs";
import { join as join5 } from "node:path";
var DEFAULT_POOL = "100.96.0.0/16";
var MAX_SLOTS = 99999;
function parsePool(text2) {
  const cidr = parseCidr4(text2.trim());
  if (!cidr || cidr.prefix < 8 || cidr.prefix > 30) {
    throw new UsageError(
      `pool: '${text2}' is not an IPv4 network between /8 and /30; use e.g. ${DEFAULT_POOL}`
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
      for (let k2 = 0; k2 < this.pool.slots; k2++) {
        const i = (this.cursor + k2) % this.pool.slots;
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
    const path12 = join5(this.state.leases, String(i));
    const body = {
      ...selfOwner(),
      run: this.runId,
      link: linkName(this.runId, i),
      pool: this.pool.text
    };
    for (let attempt2 = 0; attempt2 < 2; attempt2++) {
      try {
        const fd = openSync5(path12, "wx", 384);
        try {
          writeSync(fd, JSON.stringify(body));
        } finally {
          closeSync6(fd);
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
      const path12 = join5(this.state.leases, String(lease.index));
      if (this.nl().linkIndex(lease.link) === null) unlinkQuiet(path12);
      else {
        const f2 = readJsonOrNull(path12);
        if (f2) writeFileAtomic(path12, JSON.stringify({ ...f2, released: true }));
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
      const deadline = performance.now() + 100;
      let alive = mine.filter((l) => this.nl().linkIndex(l.link) !== null);
      while (alive.length && performance.now() < deadline) {
        sleepSync(2);
        alive = alive.filter((l) => this.nl().linkIndex(l.link) !== null);
      }
      for (const l of alive) this.nl().deleteLink(l.link);
      for (const l of mine) unlinkQuiet(this.leasePath(l));
    });
  }
};
function reclaimLease(state, i, nl) {
  const path12 = join5(state.leases, String(i));
  const f2 = readJsonOrNull(path12);
  if (f2 && typeof f2.link === "string") {
    const alive = recordOwnerAlive(f2);
    if (alive && !f2.released) return false;
    if (nl.linkIndex(f2.link) !== null) {
      if (alive) return false;
      nl.deleteLink(f2.link);
    }
  }
  unlinkQuiet(path12);
  return true;
}
function reclaimAllLeases(state, nl) {
  let n = 0;
  let names = [];
  try {
    names = readdirSync10(state.leases);
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
function parseResolvConf(text2) {
  const out2 = {
    nameservers: [],
    search: [],
    options: [],
    loopback: false
  };
  for (const raw of text2.split("\n")) {
    const [key, ...rest] = raw.replace(/[#;].*$/, "").trim().split(/\s+/);
    if (key === "nameserver" && rest[0]) {
      const ip = parseIp4(rest[0]);
      if (ip === null) continue;
      if (ip >>> 24 === 127) out2.loopback = true;
      else if (!out2.nameservers.includes(rest[0])) out2.nameservers.push(rest[0]);
    } else if ((key === "search" || key === "domain") && rest.length) {
      out2.search = rest;
    } else if (key === "options") {
      out2.options.push(...rest.filter((o) => !o.startsWith("trust-ad")));
    }
  }
  return out2;
}
function resolveDns(override, paths = DEFAULT_DNS_PATHS) {
  if (override?.length) return { nameservers: override.map(parseDnsServer), search: [], options: [] };
  const main = parseResolvConf(readTextOrNull(paths.resolvConf) ?? "");
  if (main.loopback || !main.nameservers.length) {
    const up = readTextOrNull(paths.resolvedUpstream);
    if (up !== null) {
      const u2 = parseResolvConf(up);
      if (u2.nameservers.length) {
        return {
          nameservers: u2.nameservers,
          search: u2.search.length ? u2.search : main.search,
          options: u2.options
        };
      }
    }
  }
  return { nameservers: main.nameservers, search: main.search, options: main.options };
}
function resolvConfText(r) {
  const lines2 = ["# written by nsbox"];
  if (!r.nameservers.length) lines2.push("# no non-loopback DNS server found on the host");
  for (const s3 of r.nameservers.slice(0, 3)) lines2.push(`nameserver ${s3}`);
  if (r.search.length) lines2.push(`search ${r.search.join(" ")}`);
  if (r.options.length) lines2.push(`options ${r.options.join(" ")}`);
  return `${lines2.join("\n")}
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
var u32 = (v2) => {
  const b2 = Buffer.alloc(4);
  b2.writeUInt32LE(v2 >>> 0, 0);
  return b2;
};
var cstr = (s3) => Buffer.concat([Buffer.from(s3, "utf8"), Buffer.alloc(1)]);
var ip4 = (n) => {
  const b2 = Buffer.alloc(4);
  b2.writeUInt32BE(n >>> 0, 0);
  return b2;
};
function ifinfomsg(index = 0, flags = 0, change = 0, family = AF_UNSPEC) {
  const b2 = Buffer.alloc(16);
  b2.writeUInt8(family, 0);
  b2.writeInt32LE(index, 4);
  b2.writeUInt32LE(flags >>> 0, 8);
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
  const out2 = [];
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const len = buf.readUInt32LE(off);
    if (len < NLMSG_HDRLEN || off + len > buf.length) break;
    out2.push({
      type: buf.readUInt16LE(off + 4),
      flags: buf.readUInt16LE(off + 6),
      seq: buf.readUInt32LE(off + 8),
      body: buf.subarray(off + NLMSG_HDRLEN, off + len)
    });
    off += align4(len);
  }
  return out2;
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
  const text2 = tlv.get(NLMSGERR_ATTR_MSG);
  return text2 ? { errno, message: text2.toString("utf8").replace(/\0.*$/s, "") } : { errno };
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
  request(type, flags, body, what) {
    if (this.fd < 0) throw new Error("netlink socket is closed");
    const c = libc2();
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
  createVeth(v2) {
    const peer = Buffer.concat([
      ifinfomsg(),
      encodeAttrs([
        [IFLA_IFNAME, cstr(v2.peerName)],
        [IFLA_MTU, u32(v2.mtu)],
        [IFLA_NET_NS_PID, u32(v2.peerPid)]
      ])
    ]);
    const linkinfo = encodeAttrs([
      [IFLA_INFO_KIND, cstr("veth")],
      [IFLA_INFO_DATA, encodeAttrs([[VETH_INFO_PEER, peer]])]
    ]);
    const up = v2.up ? IFF_UP : 0;
    const body = Buffer.concat([
      ifinfomsg(0, up, up),
      encodeAttrs([
        [IFLA_IFNAME, cstr(v2.hostName)],
        [IFLA_MTU, u32(v2.mtu)],
        [IFLA_LINKINFO, linkinfo]
      ])
    ]);
    this.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, body, `create veth ${v2.hostName}`);
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
    const out2 = [];
    for (const m2 of rows) {
      const family = m2.body.readUInt8(0);
      if (family !== AF_INET && family !== AF_INET6) continue;
      const a = parseAttrs(m2.body.subarray(8));
      const raw = a.get(IFA_LOCAL) ?? a.get(IFA_ADDRESS);
      if (!raw) continue;
      out2.push({
        family: family === AF_INET ? 4 : 6,
        index: m2.body.readUInt32LE(4),
        address: formatAddr(raw),
        prefix: m2.body.readUInt8(1)
      });
    }
    return out2;
  }
  /** Routes of every table (main, local, policy-routing tables such as a VPN's). */
  listRoutes(family) {
    const af = family === 4 ? AF_INET : AF_INET6;
    const rows = this.request(RTM_GETROUTE, NLM_F_DUMP, rtmsg(af), "list routes");
    const out2 = [];
    for (const m2 of rows) {
      if (m2.body.readUInt8(0) !== af) continue;
      const a = parseAttrs(m2.body.subarray(12));
      const dst = a.get(RTA_DST);
      const gw = a.get(RTA_GATEWAY);
      out2.push({
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
    return out2;
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
import { execFile, spawn } from "node:child_process";
import { accessSync as accessSync3, constants as constants6 } from "node:fs";
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
function checkTun(path12 = "/dev/net/tun") {
  try {
    accessSync3(path12, constants6.R_OK | constants6.W_OK);
  } catch {
    throw new SetupError(
      "network",
      `network nat without root needs read-write access to ${path12} for slirp4netns (it is mode 0666 on most systems), or root`
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
  const lines2 = [
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
  return `${lines2.join("\n")}
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
          const fail = (why) => new SetupError("network", `cannot attach the sandbox network (slirp4netns): ${why}`);
          await installPolicy(tools, initPid, ruleset).catch((e) => {
            throw fail(`nft: ${e.message}`);
          });
          child = startSlirp(tools.slirp4netns, initPid);
          live.add(child);
          await waitReady(child).catch((e) => {
            release();
            throw fail(e.message);
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
    const c = execFile(
      tools.nsenter,
      args,
      { encoding: "utf8", timeout: 1e4 },
      (err, _out, stderr) => err ? reject(new Error((stderr || err.message).trim())) : resolve2()
    );
    c.stdin?.end(ruleset);
  });
}
function startSlirp(path12, pid) {
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
  return spawn(path12, args, { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
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
import { statSync as statSync6, writeFileSync as writeFileSync6 } from "node:fs";
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
    return statSync6(`/proc/${pid}/ns/net`).ino === statSync6("/proc/self/ns/net").ino;
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
      writeFileSync6(file, value);
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

// src/engine/outcome.ts
import { constants as constants7 } from "node:os";
var signalNames = new Map(Object.entries(constants7.signals).map(([name, n]) => [n, name]));
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
      const error2 = {
        step: "helper",
        message: `the sandbox helper was killed by ${name} before the sandbox started`
      };
      return { status: "setup-error", exitCode: 125, signal: null, reason: null, error: error2 };
    }
    const reason = `the sandbox helper was killed by ${name} from outside; the sandbox was killed with it`;
    return { status: "signaled", exitCode: 128 + 9, signal: "SIGKILL", reason, error: null };
  }
  if (!exit) {
    const error2 = {
      step: "helper",
      message: "the sandbox helper ended without reporting the command's exit"
    };
    return { status: "setup-error", exitCode: 125, signal: null, reason: null, error: error2 };
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
import {
  closeSync as closeSync7,
  constants as constants8,
  fchownSync,
  fstatSync as fstatSync2,
  lstatSync as lstatSync7,
  mkdirSync as mkdirSync6,
  openSync as openSync6,
  readdirSync as readdirSync11,
  readSync,
  writeSync as writeSync2
} from "node:fs";
import path11 from "node:path";
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
  const destRoot = path11.join(path11.resolve(req.dir), sanitizeName(name));
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
      st2 = lstatSync7(src);
    } catch {
      return;
    }
    const dest = inside === "/" ? destDir : path11.join(destDir, sanitizeName(path11.posix.basename(inside)));
    if (st2.isDirectory()) {
      let children2;
      try {
        claim(dest, inside, true);
        mkdirChecked(dest, owner, false);
        children2 = readdirSync11(src, { encoding: "buffer" }).sort(Buffer.compare);
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
    const copied = copyFile2(src, dest, owner, req.limitBytes - result.bytes);
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
  mkdirChecked(path11.dirname(destRoot), owner, true);
  mkdirChecked(destRoot, owner, false);
  for (const [i, c] of components.entries()) {
    dir = path11.join(dir, sanitizeName(c));
    claim(dir, `/${components.slice(0, i + 1).join("/")}`, true);
    mkdirChecked(dir, owner, false);
  }
  return dir;
}
function mkdirChecked(dir, owner, recursive) {
  try {
    let created;
    if (recursive) created = mkdirSync6(dir, { recursive, mode: 493 });
    else {
      mkdirSync6(dir, { mode: 493 });
      created = dir;
    }
    if (owner && created !== void 0)
      for (let d = dir; ; d = path11.dirname(d)) {
        chownDir(d, owner);
        if (d === created || d === path11.dirname(d)) break;
      }
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
  }
  if (!lstatSync7(dir).isDirectory()) throw new Error(`output directory ${dir} is not a directory`);
}
function chownDir(dir, owner) {
  const fd = openSync6(dir, constants8.O_RDONLY | constants8.O_DIRECTORY | constants8.O_NOFOLLOW);
  try {
    fchownSync(fd, owner.uid, owner.gid);
  } finally {
    closeSync7(fd);
  }
}
function copyFile2(src, dest, owner, budget) {
  let inFd = -1;
  let outFd = -1;
  try {
    inFd = openSync6(src, constants8.O_RDONLY | constants8.O_NOFOLLOW | constants8.O_NONBLOCK);
    const st2 = fstatSync2(inFd);
    if (!st2.isFile() || st2.size > budget) return null;
    const mode2 = st2.mode & 73 ? 493 : 420;
    outFd = openSync6(
      dest,
      constants8.O_WRONLY | constants8.O_CREAT | constants8.O_TRUNC | constants8.O_NOFOLLOW,
      mode2
    );
    const buf = Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (; ; ) {
      const n = readSync(inFd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > budget) return null;
      writeSync2(outFd, buf, 0, n);
    }
    if (owner) fchownSync(outFd, owner.uid, owner.gid);
    return total;
  } catch {
    return null;
  } finally {
    if (inFd >= 0) closeSync7(inFd);
    if (outFd >= 0) closeSync7(outFd);
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
import { statSync as statSync7 } from "node:fs";
var BASE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
function sandboxEnv(hostname, extra = {}, terminal = process.stdout.isTTY) {
  const term = terminal ? "xterm-256color" : "dumb";
  return { PATH: BASE_PATH, HOME: "/root", TERM: term, HOSTNAME: hostname, ...extra };
}
function specRecords(ctx, opts, applied, hostname, cg, net, kept, internal) {
  const records = [
    ["rootfs", ctx.rootfsDir],
    ...ctx.layers.map((l) => ["layer", l]),
    ["scratch", kept ? kept.dir : ctx.scratchDir],
    ...kept ? [["scratch_keep", "1"]] : [],
    ["tmpfs_size", String(applied.tmpfsBytes)],
    ["tmpfs_inodes", String(applied.tmpfsInodes)],
    ["hostname", hostname],
    ["workdir", opts.workdir ?? "/"],
    ["uid_base", String(ctx.idMap.uidBase)],
    ["gid_base", String(ctx.idMap.gidBase)],
    ["id_count", String(ctx.idMap.count)]
  ];
  const env = sandboxEnv(hostname, opts.env, opts.tty || process.stdout.isTTY);
  for (const [k2, v2] of Object.entries(env)) records.push(["env", `${k2}=${v2}`]);
  if (opts.tty) records.push(["tty", "1"]);
  for (const a of opts.argv) records.push(["arg", a]);
  for (const m2 of opts.mounts ?? []) {
    records.push(["mount_src", m2.source], ["mount_dst", m2.target]);
    if (ctx.idMap.count > 1 && wantsIdmap(m2)) records.push(["mount_idmap", "1"]);
    if (m2.mode === "overlay") for (const l of ctx.mountLayers(m2)) records.push(["mount_layer", l]);
    records.push(["mount_mode", m2.mode]);
  }
  for (const [path12, data] of internal.files ?? []) records.push(["file_path", path12], ["file_data", data]);
  records.push(...cg.helperSpec());
  if (net) {
    records.push(...net.helperSpec());
    for (const [path12, data] of ctx.net?.files(hostname) ?? [])
      records.push(["file_path", path12], ["file_data", data]);
  } else {
    records.push(["net", "none"]);
    records.push(["file_path", "/etc/hosts"], ["file_data", hostsText(hostname, { ipv6: true })]);
  }
  return records;
}
function wantsIdmap(m2) {
  if (m2.mode === "overlay") return true;
  try {
    const st2 = statSync7(m2.source);
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
function pipeOutput(stream, which2, opts) {
  if (!stream) return;
  const sink = opts.onOutput;
  stream.on("data", (chunk) => {
    const pending = sink?.(which2, chunk);
    if (!pending) return;
    stream.pause();
    pending.catch(() => {
    }).finally(() => stream.resume());
  });
}

// src/engine/terminal.ts
import { isatty } from "node:tty";
var TCSADRAIN = 1;
var TERMIOS_BYTES = 256;
var bind2 = libcCalls({
  tcgetattr: "int tcgetattr(int fd, void *t)",
  tcsetattr: "int tcsetattr(int fd, int when, const void *t)",
  cfmakeraw: "void cfmakeraw(void *t)"
});
function rawTerminal(fd) {
  if (!isatty(fd)) return () => {
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
async function runInSandbox(ctx, opts, internal = {}) {
  return SandboxRun.create(ctx, opts, internal, false).start();
}
function prepareSandbox(ctx, opts) {
  if (ctx.net && ctx.commandNet || opts.tty) return lazySandbox(ctx, opts);
  try {
    const run3 = SandboxRun.create(ctx, opts, {}, true);
    return { start: () => run3.start(), discard: () => run3.discard(), settled: run3.settled };
  } catch (err) {
    return { start: () => Promise.reject(err), discard: async () => {
    }, settled: Promise.resolve() };
  }
}
function lazySandbox(ctx, opts) {
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
      return runInSandbox(ctx, opts).finally(settle);
    },
    discard: async () => settle(),
    settled
  };
}
var SandboxRun = class _SandboxRun {
  constructor(ctx, opts, internal, waitForStart, hostname, limits, applied, kept, cg) {
    this.ctx = ctx;
    this.opts = opts;
    this.internal = internal;
    this.waitForStart = waitForStart;
    this.hostname = hostname;
    this.limits = limits;
    this.applied = applied;
    this.kept = kept;
    this.cg = cg;
    this.observed.memoryLimit = limits.memoryBytes !== void 0 ? formatBytes(limits.memoryBytes) : null;
    this.observed.pidsLimit = limits.pids ?? null;
    this.done = this.run();
    this.settled = this.done.catch(() => {
    });
  }
  ctx;
  opts;
  internal;
  waitForStart;
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
  cgroupCpu = false;
  // the cgroup accounts CPU (v1 without cpuacct does not)
  rusage = null;
  outputs;
  handedOver = false;
  done;
  /** Everything made for it is gone, whatever happened. */
  settled;
  /** Checks the options, then the sandbox's own cgroup and writable layer; starts the helper. */
  static create(ctx, opts, internal, waitForStart) {
    if (opts.argv.length === 0) throw new SetupError("spec", "no command given");
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
    return new _SandboxRun(ctx, opts, internal, waitForStart, hostname, limits, applied, kept, cg);
  }
  start() {
    this.wanted = true;
    if (this.ready) this.release().catch(() => this.stop(null));
    return this.done.then(() => {
      if (!this.released && this.opts.signal?.aborted) throw new CancelledError(this.opts.signal.reason);
      return this.result();
    });
  }
  async discard() {
    if (!this.wanted) {
      this.discarded = true;
      this.helper?.control.end();
    }
    await this.done.catch(() => {
    });
  }
  /** The whole life: network, helper, events until the helper is done, then what the result needs. */
  async run() {
    try {
      const netMode = this.internal.network ?? "session";
      const useNet = netMode === "nat" || netMode === "session" && this.ctx.commandNet;
      this.net = this.ctx.net && useNet ? this.ctx.net.allocate(this.hostname) : null;
      this.launch();
      await this.followEvents();
      this.collect();
    } finally {
      this.cleanup();
    }
  }
  /** The helper, with the spec; raw mode on the caller's terminal for its lifetime. */
  launch() {
    const { opts } = this;
    const tty = opts.tty ? stdinFd(opts) : null;
    this.restoreTerminal = tty !== null ? rawTerminal(tty) : () => {
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
        this.internal
      );
      if (this.waitForStart && !this.net) records.push(["start_wait", "1"]);
      this.helper = this.ctx.launch(records, stdioFor(opts));
    } catch (err) {
      this.restoreTerminal();
      throw err;
    }
    pipeOutput(this.helper.stdout, "stdout", opts);
    pipeOutput(this.helper.stderr, "stderr", opts);
    if (this.discarded) this.helper.control.end();
  }
  /** Kills the sandbox's tree; `why` is the limit that did it (null: an abort or a failure). */
  stop = (why) => {
    if (why && !this.observed.timedOut) this.observed.timedOut = why;
    this.cg.kill();
    if (this.initPid && !this.initGone) {
      try {
        process.kill(this.initPid, "SIGKILL");
      } catch {
      }
    }
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
          this.endedAt = performance.now();
        } else if (ev.event === "init-exit") {
          this.initGone = true;
          this.endedAt ||= performance.now();
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
    if (!this.endedAt) this.endedAt = performance.now();
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
    this.startedAt = performance.now();
    if (!net && !this.waitForStart) {
      this.released = true;
      control.end();
    } else if (opts.signal?.aborted) {
      control.end();
      this.stop(null);
    } else if (!net) {
      this.released = true;
      control.end("g");
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
    this.cgroupCpu = this.cg.cpuUsageMs() !== null;
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
    const cpu = pickCpu(this.cgroupCpu ? stats : null, rusage);
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
  removed += cleanupStaleCgroups(void 0, { deep });
  if (isRoot() && deep) removed += cleanupStaleNetwork({ deep });
  return removed;
}
var mountKey = (m2) => `${m2.source}\0${m2.target}`;
var Session = class _Session {
  constructor(ctx, alpine, setupNetwork, helper) {
    this.ctx = ctx;
    this.alpine = alpine;
    this.setupNetwork = setupNetwork;
    this.helper = helper;
  }
  ctx;
  alpine;
  setupNetwork;
  helper;
  closed = false;
  counter = 0;
  running = /* @__PURE__ */ new Map();
  setupLayer = null;
  setupDone = false;
  setupMountLayers = /* @__PURE__ */ new Map();
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
    mkdirSync7(cacheDir, { recursive: true, mode: 493 });
    if (!staleCleanupDone) {
      staleCleanupDone = true;
      await cleanupStale(cacheDir, { deep: false });
    }
    const root = isRoot();
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    const idMap = root ? { uidBase: ROOT_ID_BASE, gidBase: ROOT_ID_BASE, count: ID_COUNT } : { uidBase: uid, gidBase: gid, count: 1 };
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
    throwIfCancelled(signal);
    const scratchDir = join6(cacheDir, "scratch");
    mkdirSync7(scratchDir, { recursive: true, mode: 493 });
    chmodSync4(cacheDir, 493);
    let net = null;
    const cgroups = openCgroupRun();
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
      defaults: sessionDefaults(opts.parallel),
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
      launch: helper.launch
    };
    session = new _Session(ctx, rootfs.version, setupNetwork, helper);
    openSessions.add(session);
    if (packages.length > 0) {
      try {
        const arch2 = alpineArch(process.arch);
        const mirror = normalizeMirror(opts.mirror ?? DEFAULT_MIRROR);
        const layer = await session.packageLayer({
          packages: [...packages].sort(),
          repositories: opts.repositories?.length ? opts.repositories : defaultRepositories(mirror, rootfs.version),
          keys: opts.repositoryKeys ?? [],
          allowUntrusted: opts.allowUntrusted ?? false,
          alpine: rootfs.version,
          arch: arch2,
          cacheDir,
          rootfsDir: rootfs.dir,
          onProgress: opts.onProgress
        });
        ctx.layers.push(layer.dir);
        ctx.packages = layer.installed;
      } catch (e) {
        await session.close();
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
    return preparePackageLayer(req, (o, internal) => runInSandbox(this.ctx, o, internal));
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
    let kept = null;
    const result = await this.track(
      opts.signal,
      (signal) => runInSandbox(
        this.ctx,
        { ...opts, argv: ["/bin/sh", "-ec", script], signal },
        { network: this.setupNetwork === "nat" ? "nat" : "none", keepLayer: (k2) => kept = k2 }
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
  async run(opts) {
    if (this.closed) throw new Error("session is closed");
    return this.track(opts.signal, (signal) => runInSandbox(this.ctx, { ...opts, signal }));
  }
  /**
   * Sets the sandbox up now (namespaces, cgroup, mounts, the command's process) and runs its command on
   * start(): ready before asked, for a caller that knows the next command while the current one runs.
   * Each one is started or discarded; close() discards what was never started.
   */
  prepare(opts) {
    if (this.closed) throw new Error("session is closed");
    const { abort, unlink: unlink2 } = this.linkAbort(opts.signal);
    const prepared = prepareSandbox(this.ctx, { ...opts, signal: abort.signal });
    this.running.set(
      abort,
      prepared.settled.finally(() => {
        this.running.delete(abort);
        unlink2();
      })
    );
    return { start: () => prepared.start(), discard: () => prepared.discard() };
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
  /** Stops what still runs, waits for it to be cleaned up, then removes the run's cgroup and NAT. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    this.abortAll();
    await Promise.all(this.running.values());
    openSessions.delete(this);
    try {
      this.ctx.net?.dispose();
    } finally {
      this.ctx.cgroups.dispose();
      this.setupLayer?.dispose();
      await this.helper.close();
    }
  }
};

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
function testcase(name, ms2, v2, out2) {
  const head = `    <testcase name="${xmlAttr(name)}" classname="nsbox" time="${seconds(ms2)}"`;
  const body = [];
  if (v2) body.push(`      <${v2.tag} message="${xmlAttr(v2.message)}" type="${xmlAttr(v2.type)}"/>`);
  if (out2) body.push(`      <system-out>${xmlText(out2)}</system-out>`);
  return body.length ? `${head}>
${body.join("\n")}
    </testcase>` : `${head}/>`;
}
function toJUnit(input) {
  const cases = [];
  for (const s3 of input.setups) {
    const failed = verdict(s3);
    if (!failed) continue;
    const v2 = {
      tag: "error",
      type: "setup-failed",
      message: `the setup failed (${failed.message}): its commands did not run`
    };
    const xml = testcase(setupName(s3), s3.wallMs, v2, s3.outputTail);
    cases.push({ position: 0, xml, tag: "error", ms: s3.wallMs });
  }
  for (const r of input.results) {
    const v2 = verdict(r);
    cases.push({
      position: r.position,
      xml: testcase(r.name, r.wallMs, v2, r.outputTail),
      tag: v2?.tag ?? null,
      ms: r.wallMs
    });
  }
  for (const n of input.notRun) {
    const v2 = { tag: "skipped", type: "not-run", message: `not run (${n.why})` };
    cases.push({ position: n.position, xml: testcase(n.name, 0, v2, void 0), tag: "skipped", ms: 0 });
  }
  cases.sort((a, b2) => a.position - b2.position);
  for (const m2 of input.missingShards ?? []) {
    const v2 = {
      tag: "error",
      type: "missing-shard",
      message: `shard ${m2.index}/${m2.total} sent no results: its job failed before writing them, or its artifact was not downloaded`
    };
    cases.push({
      position: Number.POSITIVE_INFINITY,
      xml: testcase(`shard ${m2.index}/${m2.total}`, 0, v2, void 0),
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

// src/results/write.ts
import {
  closeSync as closeSync8,
  existsSync as existsSync7,
  constants as fs4,
  mkdirSync as mkdirSync8,
  openSync as openSync7,
  realpathSync,
  writeSync as writeSync3
} from "node:fs";
import { dirname as dirname2 } from "node:path";
var HINT = "give a path to a new or regular file";
function writeReportFile(path12, text2, what, noLinks = false) {
  if (noLinks) {
    let existing = dirname2(path12);
    while (!existsSync7(existing) && dirname2(existing) !== existing) existing = dirname2(existing);
    if (realpathSync(existing) !== existing) {
      throw new UsageError(
        `${what}: '${path12}' is under a symbolic link ('${existing}'); ${HINT} without one`
      );
    }
  }
  let fd;
  try {
    mkdirSync8(dirname2(path12), { recursive: true });
    fd = openSync7(path12, fs4.O_WRONLY | fs4.O_CREAT | fs4.O_TRUNC | fs4.O_NOFOLLOW, 420);
  } catch (err) {
    const code = err.code;
    const why = code === "ELOOP" ? "is a symbolic link" : `cannot be written (${code})`;
    throw new UsageError(`${what}: '${path12}' ${why}; ${HINT}`);
  }
  try {
    writeSync3(fd, text2);
  } finally {
    closeSync8(fd);
  }
}

// src/action/hints.ts
var ACTION_FIX_HINTS = {
  "best-effort": "run the job as root or with passwordless sudo, or set best-effort: true",
  mirror: "check the mirror input, or give a local minirootfs tarball in the rootfs input",
  // The Action has no pool input: its sandboxes always use the engine's default pool.
  pool: "the Action's sandbox network needs that range free; use network: none on this runner",
  "env-pair": "give the env input one NAME=value per line",
  hostname: "use letters, digits and '-' like test-1"
};
function actionErrorText(err) {
  return errorText(err, ACTION_FIX_HINTS);
}

// src/action/output.ts
import { closeSync as closeSync9, openSync as openSync8, readSync as readSync2, unlinkSync as unlinkSync2, writeSync as writeSync4 } from "node:fs";
import { join as join7 } from "node:path";
import { setImmediate as yieldToLoop } from "node:timers/promises";

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
    let lines2 = this.kept.toString("utf8").split(/\r\n|\n|\r/);
    if (lines2.at(-1) === "") lines2.pop();
    if (this.dropped && lines2.length > 1) lines2 = lines2.slice(1);
    return lines2.slice(-maxLines).join("\n");
  }
};

// src/action/workflow-commands.ts
import { randomBytes as randomBytes6 } from "node:crypto";
function newStopToken() {
  return `nsbox-${randomBytes6(16).toString("hex")}`;
}
var NEWLINE = 10;
var InertBlock = class {
  constructor(write2) {
    this.write = write2;
    write2(`::stop-commands::${this.token}
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
function writeInert(write2, text2) {
  const block = new InertBlock(write2);
  block.data(text2);
  block.close();
}

// src/action/output.ts
var SPOOL_MAX_BYTES = 2 * 1024 * 1024 * 1024;
var COPY_CHUNK = 64 * 1024;
function write(data) {
  return process.stdout.write(data);
}
var CommandLog = class {
  /** `spoolDir` null: commands run one at a time and stream live. The setup runs alone: always live. */
  constructor(commands, spoolDir) {
    this.commands = commands;
    this.spoolDir = spoolDir;
    this.tails = commands.map(() => new Tail());
  }
  commands;
  spoolDir;
  tails;
  setupTail = new Tail();
  spools = /* @__PURE__ */ new Map();
  live = null;
  queue = Promise.resolve();
  /** Takes a plan event; a returned promise asks the producer to wait (the log is not keeping up). */
  handle(e) {
    const streamed = this.spoolDir === null;
    switch (e.t) {
      case "progress":
        return this.print(() => info(`nsbox: ${e.message}`));
      case "setup-start":
        return this.openLive("setup");
      case "setup-out":
        this.setupTail.push(e.d);
        return this.writeLive(e.d);
      case "setup-result":
        return this.closeLive(e.result);
      case "start":
        if (streamed) this.openLive(this.nameOf(e.i));
        return;
      case "out":
        this.tails[e.i]?.push(e.d);
        if (streamed) return this.writeLive(e.d);
        this.spool(e.i, e.d);
        return;
      case "result":
        if (streamed) return this.closeLive(e.result);
        this.print(() => this.copySpool(e.i, e.result));
        return;
      case "skipped":
        return this.print(() => {
          info(`nsbox: skipped command ${this.commands[e.i]?.position} (${e.why}):`);
          writeInert(write, `${this.nameOf(e.i)}
`);
        });
      default:
        return;
    }
  }
  /** Prints text of outside origin (the sudo worker's stderr) in a group, inert. */
  printForeign(title, text2) {
    return this.print(() => {
      startGroup(title);
      writeInert(write, text2);
      endGroup();
    });
  }
  /** Waits until everything queued is in the log. */
  async drain() {
    await this.queue;
  }
  /**
   * After the run, whatever happened: closes a live block a command left open (its sandbox threw before a
   * result), so the step's own annotations that follow are read as commands again; removes spool files.
   */
  dispose() {
    if (this.live) {
      this.live.close();
      this.live = null;
      endGroup();
    }
    for (const [i, s3] of this.spools) {
      this.spools.delete(i);
      closeSync9(s3.fd);
      unlinkSync2(s3.path);
    }
  }
  nameOf(i) {
    return this.commands[i]?.name ?? "";
  }
  openLive(name) {
    startGroup(`\u25B6 ${name}`);
    this.live = new InertBlock(write);
  }
  closeLive(result) {
    this.live?.close();
    this.live = null;
    verdict2(result);
  }
  writeLive(d) {
    if (!this.live) return;
    this.live.data(d);
    if (process.stdout.writableNeedDrain) return new Promise((r) => process.stdout.once("drain", r));
  }
  print(task) {
    this.queue = this.queue.then(task);
    return this.queue;
  }
  spool(i, d) {
    let s3 = this.spools.get(i);
    if (!s3) {
      const path12 = join7(this.spoolDir, `output-${i}`);
      s3 = { fd: openSync8(path12, "wx+", 384), path: path12, bytes: 0, dropped: 0 };
      this.spools.set(i, s3);
    }
    if (s3.bytes + d.length > SPOOL_MAX_BYTES) {
      s3.dropped += d.length;
      return;
    }
    writeSync4(s3.fd, d);
    s3.bytes += d.length;
  }
  async copySpool(i, result) {
    startGroup(`\u25B6 ${this.nameOf(i)}`);
    const s3 = this.spools.get(i);
    const block = new InertBlock(write);
    if (s3) {
      this.spools.delete(i);
      const chunk = Buffer.alloc(COPY_CHUNK);
      try {
        for (let at2 = 0; at2 < s3.bytes; ) {
          const n = readSync2(s3.fd, chunk, 0, COPY_CHUNK, at2);
          if (n === 0) break;
          block.data(chunk.subarray(0, n));
          at2 += n;
          if (process.stdout.writableNeedDrain) await new Promise((r) => process.stdout.once("drain", r));
          else await yieldToLoop();
        }
      } finally {
        closeSync9(s3.fd);
        unlinkSync2(s3.path);
      }
    }
    block.close();
    if (s3?.dropped)
      info(`nsbox: ${formatBytes(s3.dropped)} of output past ${formatBytes(SPOOL_MAX_BYTES)} not kept`);
    verdict2(result);
  }
};
function verdict2(r) {
  info(`\u2B91 ${r.status}, exit ${r.exitCode}${r.reason ? ` (${r.reason})` : ""}`);
  endGroup();
}

// src/action/plan.ts
import { isAbsolute as isAbsolute2, join as join8, normalize, resolve } from "node:path";

// src/results/read.ts
var MAX_RESULTS_FILE_BYTES = 256 * 1024 * 1024;
function readBounded(path12, what) {
  try {
    return readRegularFile(path12, MAX_RESULTS_FILE_BYTES).toString("utf8");
  } catch (err) {
    if (!(err instanceof RefusedFileError)) throw err;
    const why = {
      missing: "does not exist",
      symlink: "is a symbolic link",
      unreadable: `cannot be read (${err.code})`,
      "not-a-file": "is not a file",
      "too-large": "is larger than 256 MiB"
    }[err.reason];
    throw new UsageError(`${what}: '${path12}' ${why}; ${HINT2[what] ?? "give a results file"}`);
  }
}
var HINT2 = {
  "shard-timings": "give the results.json an earlier run wrote (its results-file output)",
  path: "give the results files the shards wrote (their results-file output)",
  report: "give the results files the shards wrote (their results-file output)"
};
function tryJson(text2) {
  try {
    return { value: JSON.parse(text2) };
  } catch (err) {
    return { error: err.message.split("\n")[0] ?? "" };
  }
}
function parseJson(text2, path12, what) {
  const parsed = tryJson(text2);
  if ("error" in parsed)
    throw new UsageError(`${what}: '${path12}' is not JSON (${parsed.error}); ${HINT2[what]}`);
  return parsed.value;
}
var isObject = (v2) => typeof v2 === "object" && v2 !== null && !Array.isArray(v2);
var isTime = (v2) => typeof v2 === "number" && Number.isFinite(v2) && v2 >= 0;
var isString = (v2) => typeof v2 === "string";
function readTimings(path12) {
  const what = "shard-timings";
  const data = parseJson(readBounded(path12, what), path12, what);
  const list = Array.isArray(data) ? data : isObject(data) && data.format === RESULTS_FORMAT ? data.results : null;
  if (!Array.isArray(list)) {
    throw new UsageError(`${what}: '${path12}' holds no nsbox results; ${HINT2[what]}`);
  }
  const times = /* @__PURE__ */ new Map();
  for (const r of list) {
    if (!isObject(r) || !isString(r.name) || !isTime(r.wallMs)) {
      throw new UsageError(`${what}: '${path12}' has a result without a name and wallMs; ${HINT2[what]}`);
    }
    times.set(r.name, Math.max(times.get(r.name) ?? 0, r.wallMs));
  }
  return times;
}

// src/action/commands.ts
var import_yaml = __toESM(require_dist(), 1);

// src/action/list-input.ts
function lines(value, separators = /[\n,]/) {
  return value.split(separators).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
}

// src/action/commands.ts
var LIMIT_KEYS = ["timeout", "memory", "pids", "cpus"];
var KEYS = ["name", "run", "env", ...LIMIT_KEYS, "working-directory"];
function parseCommands(text2) {
  if (!text2.trim()) return [];
  const doc = (0, import_yaml.parseDocument)(text2, { schema: "failsafe", uniqueKeys: true });
  const error2 = doc.errors[0];
  if (error2) {
    if (startsLikeBlockList(text2)) throw yamlError(error2);
    return onePerLine(text2);
  }
  if (!(0, import_yaml.isSeq)(doc.contents)) return onePerLine(text2);
  return doc.contents.items.map((item, i) => parseItem(item, i + 1));
}
function onePerLine(text2) {
  return lines(text2, /\n/).map((run3) => ({ name: run3, run: run3 }));
}
function startsLikeBlockList(text2) {
  const first = text2.split("\n").find((l) => l.trim() && !l.trim().startsWith("#"));
  return first !== void 0 && /^\s*-(\s|$)/.test(first);
}
function yamlError(error2) {
  const line = error2.linePos?.[0].line;
  const what = (error2.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return new UsageError(
    `commands: YAML error${line ? ` on line ${line}` : ""} (${what}); fix the list or give one command per line`
  );
}
function parseItem(node, n) {
  if (node === null || (0, import_yaml.isScalar)(node)) {
    const run4 = node === null ? "" : String(node.value ?? "");
    if (!run4.trim()) throw new UsageError(`commands: item ${n} is empty; give it a command or remove it`);
    return { name: firstLine(run4), run: run4 };
  }
  if (!(0, import_yaml.isMap)(node)) {
    throw new UsageError(`commands: item ${n} is a list; give a command string or a {name, run} mapping`);
  }
  const raw = node.toJSON();
  const label = typeof raw.name === "string" && raw.name.trim() ? `item ${n} ('${raw.name.trim()}')` : `item ${n}`;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) {
      throw new UsageError(
        `commands: ${label} has an unknown key '${key}'; use ${KEYS.slice(0, -1).join(", ")} or ${KEYS.at(-1)}`
      );
    }
  }
  const str = (key) => {
    const v2 = raw[key];
    if (v2 === void 0) return void 0;
    if (typeof v2 !== "string") throw new UsageError(`commands: ${label}: ${key} must be a string`);
    return v2;
  };
  const run3 = str("run");
  if (!run3?.trim()) throw new UsageError(`commands: ${label} has no run; give each item a run: line`);
  const spec = { name: str("name")?.trim() || firstLine(run3), run: run3 };
  for (const key of LIMIT_KEYS) {
    const v2 = str(key)?.trim();
    if (v2) spec[key] = v2;
  }
  const wd = str("working-directory")?.trim();
  if (wd) spec.workingDirectory = wd;
  if (raw.env !== void 0) spec.env = parseItemEnv(raw.env, label);
  return spec;
}
function parseItemEnv(value, label) {
  const badEntry = (entry2) => `commands: ${label}: env entry '${entry2}' is not NAME=value; use NAME: value`;
  if (typeof value === "string") {
    const env2 = {};
    for (const entry2 of lines(value, /\n/)) {
      try {
        Object.assign(env2, parseEnvPairs([entry2]));
      } catch (err) {
        if (err instanceof UsageError && err.hint === "env-pair") throw new UsageError(badEntry(entry2));
        throw err;
      }
    }
    return env2;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`commands: ${label}: env must be a mapping of NAME: value or K=V lines`);
  }
  const env = {};
  for (const [k2, v2] of Object.entries(value)) {
    if (!isEnvName(k2) || typeof v2 !== "string") throw new UsageError(badEntry(k2));
    env[k2] = v2;
  }
  return env;
}
function firstLine(s3) {
  return s3.trim().split("\n")[0] ?? s3;
}

// src/action/shard.ts
var MAX_SHARDS = 256;
function parseShard(value) {
  const v2 = value.trim();
  if (v2 === "") return { index: 1, total: 1 };
  const m2 = /^(\d+)\s*\/\s*(\d+)$/.exec(v2);
  const example = "e.g. shard: ${{ matrix.shard }}/3 with shard: [1, 2, 3] in the matrix";
  if (!m2)
    throw new UsageError(`shard: '${v2}' is not K/N; give this job's number and the job count, ${example}`);
  const index = Number(m2[1]);
  const total = Number(m2[2]);
  if (total < 1 || total > MAX_SHARDS)
    throw new UsageError(`shard: '${v2}' has ${total} shards; use between 1 and ${MAX_SHARDS}`);
  if (index < 1 || index > total)
    throw new UsageError(
      `shard: '${v2}' is not one of the ${total} shards; use 1/${total} to ${total}/${total}`
    );
  return { index, total };
}
function median(values) {
  const sorted = [...values].sort((a, b2) => a - b2);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function assignShards(names, total, timings) {
  const known = names.map((n) => timings?.get(n)).filter((t) => t !== void 0);
  const fallback = known.length ? median(known) : 1;
  const weight = names.map((n) => timings?.get(n) ?? fallback);
  const order = names.map((_2, i) => i).sort((a, b2) => weight[b2] - weight[a] || a - b2);
  const load = new Array(total).fill(0);
  const count = new Array(total).fill(0);
  const shardOf = new Array(names.length).fill(0);
  for (const i of order) {
    let best = 0;
    for (let s3 = 1; s3 < total; s3++) {
      const lighter = load[s3] < load[best];
      const tie = load[s3] === load[best] && count[s3] < count[best];
      if (lighter || tie) best = s3;
    }
    load[best] = load[best] + weight[i];
    count[best] = count[best] + 1;
    shardOf[i] = best + 1;
  }
  return shardOf;
}
function timedCount(names, timings) {
  return names.filter((n) => timings.has(n)).length;
}

// src/action/plan.ts
var WORKSPACE_MOUNT = "/workspace";
function bool(name, value, fallback) {
  const v2 = value.trim().toLowerCase();
  if (v2 === "") return fallback;
  if (["true", "yes", "1", "on"].includes(v2)) return true;
  if (["false", "no", "0", "off"].includes(v2)) return false;
  throw new UsageError(`${name}: '${value}' is not a boolean; use true or false`);
}
function optional(value, parse) {
  return value.trim() === "" ? void 0 : parse(value.trim());
}
function buildPlan(input, env, timingsOf = readTimings) {
  const specs = [];
  const script = input("run");
  if (script.trim()) specs.push({ name: "run", run: script });
  specs.push(...parseCommands(input("commands")));
  if (specs.length === 0)
    throw new UsageError("run and commands are both empty; give a script in run or a list in commands");
  const network = parseNetworkMode("network", input("network").trim() || "none");
  const workspace = input("workspace").trim() || "overlay";
  if (!["none", "ro", "overlay", "rw"].includes(workspace)) {
    throw new UsageError(`workspace: '${workspace}' is not a workspace mode; use none, ro, overlay or rw`);
  }
  const workspaceHost = workspace === "none" ? null : env.GITHUB_WORKSPACE ?? null;
  if (workspace !== "none" && !workspaceHost) {
    throw new UsageError(
      `workspace: '${workspace}' needs GITHUB_WORKSPACE; set workspace: none outside a workflow`
    );
  }
  const mounts = workspaceHost ? [{ source: workspaceHost, target: WORKSPACE_MOUNT, mode: workspace }] : [];
  const limits = parseLimits((name) => input(name), "");
  const parallel = optional(input("parallel"), (v2) => parseCount("parallel", v2)) ?? 1;
  const rootfsTarball = input("rootfs").trim() || void 0;
  const mirror = input("mirror").trim() || void 0;
  if (mirror && !/^https?:\/\//.test(mirror)) {
    throw new UsageError(
      `mirror: '${mirror}' is not an http(s) URL; use https://dl-cdn.alpinelinux.org/alpine`
    );
  }
  const toolCache = env.RUNNER_TOOL_CACHE;
  const packages = parsePackages([input("packages")]);
  const setupNetwork = parseNetworkMode("setup-network", input("setup-network").trim() || network);
  const scratch = parseScratchKind(input("scratch").trim() || "memory");
  const patterns = lines(input("outputs")).map(
    (p2) => parseOutputPattern("outputs", isAbsolute2(p2) || !workspaceHost ? p2 : join8(WORKSPACE_MOUNT, p2))
  );
  const outputLimit = optional(input("output-limit"), (v2) => parseSize("output-limit", v2));
  const outputDir = resolve(workspaceHost ?? ".", input("output-dir").trim() || "nsbox-output");
  const outputs = patterns.length ? {
    name: "",
    patterns,
    dir: outputDir,
    ...outputLimit !== void 0 ? { limitBytes: outputLimit } : {}
  } : null;
  const stepEnv = parseEnvPairs(lines(input("env"), /\n/));
  const workdir = resolveWorkdir(input("working-directory"), workspaceHost !== null, "working-directory");
  const all = specs.map((c, i) => {
    const where = `commands: item ${i + (script.trim() ? 0 : 1)} ('${c.name}'): `;
    const own = (name) => name in c ? String(c[name] ?? "") : "";
    return {
      name: c.name,
      position: i + 1,
      argv: ["/bin/sh", "-ec", c.run],
      env: { ...stepEnv, ...c.env },
      limits: { ...limits, ...parseLimits(own, where) },
      workdir: c.workingDirectory ? resolveWorkdir(c.workingDirectory, workspaceHost !== null, `${where}working-directory`) : workdir
    };
  });
  const { shard, commands, notes } = shardCommands(all, input("shard"), input("shard-timings"), timingsOf);
  const junit = input("junit").trim();
  const setupScript = input("setup");
  const setup = setupScript.trim() ? { script: setupScript, env: stepEnv, limits, workdir } : null;
  return {
    setup,
    commands,
    totalCommands: all.length,
    shard,
    junitFile: junit ? resolve(junit) : null,
    notes,
    session: {
      alpine: input("alpine-version").trim() || "latest-stable",
      mirror,
      rootfsTarball,
      cacheDir: toolCache ? join8(toolCache, "nsbox") : void 0,
      network,
      allow: lines(input("allow")),
      maxConnections: optional(input("max-connections"), parseMaxConnections),
      parallel,
      ...packages.length ? { packages } : {},
      ...lines(input("repositories")).length ? { repositories: lines(input("repositories")) } : {},
      ...lines(input("repository-keys")).length ? { repositoryKeys: lines(input("repository-keys")) } : {},
      allowUntrusted: bool("allow-untrusted", input("allow-untrusted"), false),
      setupNetwork,
      scratch
    },
    limits,
    mounts,
    workdir,
    env: stepEnv,
    hostname: parseHostname(input("hostname").trim() || "nsbox"),
    parallel,
    failFast: bool("fail-fast", input("fail-fast"), false),
    failOnError: bool("fail-on-error", input("fail-on-error"), true),
    bestEffort: bool("best-effort", input("best-effort"), false),
    workspace,
    workspaceHost,
    outputs,
    artifactsDir: outputDir
  };
}
function shardCommands(all, shardInput, timingsInput, timingsOf) {
  const shard = parseShard(shardInput);
  const timingsPath = timingsInput.trim();
  if (timingsPath && !shardInput.trim()) {
    throw new UsageError(`shard-timings: '${timingsPath}' is given without shard; set shard: K/N or drop it`);
  }
  const names = all.map((c) => c.name);
  const timings = timingsPath ? timingsOf(resolve(timingsPath)) : null;
  const notes = [];
  if (timings && timedCount(names, timings) === 0) {
    notes.push(`shard-timings: '${timingsPath}' has no time for any of these commands; split by count`);
  }
  const shardOf = assignShards(names, shard.total, timings);
  return { shard, commands: all.filter((_2, i) => shardOf[i] === shard.index), notes };
}
function parseLimits(input, where) {
  const limits = {};
  const one = (name, parse) => optional(input(name), (v2) => parse(`${where}${name}`, v2));
  const orNone = (parse) => (what, v2) => v2 === "none" ? "none" : parse(what, v2);
  limits.memoryBytes = one("memory", orNone(parseSize));
  limits.pids = one("pids", orNone(parseCount));
  limits.cpus = one("cpus", parseCpus);
  limits.timeoutMs = one("timeout", parseDuration);
  limits.cpuTimeMs = one("cpu-time", parseDuration);
  limits.tmpfsBytes = one("tmpfs-size", parseSize);
  for (const k2 of Object.keys(limits)) if (limits[k2] === void 0) delete limits[k2];
  return limits;
}
function resolveWorkdir(value, hasWorkspace, what) {
  const v2 = value.trim();
  if (!v2) return hasWorkspace ? WORKSPACE_MOUNT : "/";
  if (isAbsolute2(v2)) return normalize(v2);
  if (!hasWorkspace) {
    throw new UsageError(`${what}: '${v2}' is relative but no workspace is mounted; use an absolute path`);
  }
  const resolved = normalize(join8(WORKSPACE_MOUNT, v2));
  if (resolved !== WORKSPACE_MOUNT && !resolved.startsWith(`${WORKSPACE_MOUNT}/`)) {
    throw new UsageError(`${what}: '${v2}' leaves the workspace; use a path inside it`);
  }
  return resolved;
}

// src/action/privilege.ts
import { spawn as spawn2, spawnSync as spawnSync2 } from "node:child_process";

// src/action/frames.ts
var MAX_OUTPUT_BYTES = 64 * 1024;
var MAX_FRAME_BYTES = 1024 * 1024;
var KIND_EVENT = 0;
var KIND_OUTPUT = 1;
var KIND_SETUP_OUTPUT = 2;
function encodeEvent(json) {
  const body = Buffer.from(json);
  if (body.length + 1 > MAX_FRAME_BYTES) throw new Error(`event of ${body.length} bytes is too large`);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length + 1, 0);
  head.writeUInt8(KIND_EVENT, 4);
  return Buffer.concat([head, body]);
}
function encodeOutput(of, stream, data) {
  const indexBytes = of === "setup" ? 0 : 4;
  const frames = [];
  for (let at2 = 0; at2 < data.length; at2 += MAX_OUTPUT_BYTES) {
    const part = data.subarray(at2, at2 + MAX_OUTPUT_BYTES);
    const head = Buffer.alloc(6 + indexBytes);
    head.writeUInt32BE(2 + indexBytes + part.length, 0);
    head.writeUInt8(of === "setup" ? KIND_SETUP_OUTPUT : KIND_OUTPUT, 4);
    if (of !== "setup") head.writeUInt32BE(of, 5);
    head.writeUInt8(stream === "stdout" ? 0 : 1, 5 + indexBytes);
    frames.push(Buffer.concat([head, part]));
  }
  return frames;
}
var FrameDecoder = class {
  pending = [];
  pendingBytes = 0;
  push(chunk) {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames = [];
    let buf = this.pending.length === 1 ? chunk : Buffer.concat(this.pending, this.pendingBytes);
    while (buf.length >= 4) {
      const length = buf.readUInt32BE(0);
      if (length < 1 || length > MAX_FRAME_BYTES) throw new Error(`bad frame length ${length}`);
      if (buf.length < 4 + length) break;
      frames.push(decode(buf.subarray(4, 4 + length)));
      buf = buf.subarray(4 + length);
    }
    this.pending = buf.length ? [Buffer.from(buf)] : [];
    this.pendingBytes = buf.length;
    return frames;
  }
  /** At the end of the stream: anything left is a cut frame. */
  end() {
    if (this.pendingBytes > 0)
      throw new Error(`the stream ended inside a frame (${this.pendingBytes} bytes)`);
  }
};
function decode(body) {
  const kind = body.readUInt8(0);
  if (kind === KIND_EVENT) return { kind: "event", json: body.subarray(1).toString("utf8") };
  if (kind === KIND_OUTPUT && body.length >= 6) {
    const stream = body.readUInt8(5) === 0 ? "stdout" : "stderr";
    return { kind: "output", i: body.readUInt32BE(1), stream, data: Buffer.from(body.subarray(6)) };
  }
  if (kind === KIND_SETUP_OUTPUT && body.length >= 2) {
    const stream = body.readUInt8(1) === 0 ? "stdout" : "stderr";
    return { kind: "setup-output", stream, data: Buffer.from(body.subarray(2)) };
  }
  throw new Error(`bad frame kind ${kind}`);
}

// src/action/privilege.ts
function detectPrivilege() {
  if (isRoot()) return "root";
  const probe = spawnSync2("sudo", ["-n", "true"], { stdio: "ignore", timeout: 1e4 });
  return probe.status === 0 ? "sudo" : "rootless";
}
var ROOTLESS_LIMITS = "running rootless (not root, no passwordless sudo): cgroup limits cannot be enforced (they are refused unless best-effort is on), nat needs slirp4netns and nft, and the sandbox maps only your own uid";
async function runPlanWithSudo(plan, entry2, emit2, onStderr, signal) {
  const child = spawn2("sudo", ["-n", "--", process.execPath, entry2, "--nsbox-worker"], {
    stdio: ["pipe", "pipe", "pipe"]
  });
  const closed = new Promise((resolve2) => child.on("close", (code) => resolve2(code ?? 1)));
  child.on("error", () => {
  });
  child.stdin.on("error", () => {
  });
  child.stdin.end(JSON.stringify(plan));
  child.stderr.on("data", onStderr);
  const onAbort = () => child.kill("SIGTERM");
  signal?.addEventListener("abort", onAbort, { once: true });
  const decoder = new FrameDecoder();
  try {
    for await (const chunk of child.stdout) {
      for (const frame of decoder.push(chunk)) {
        if (frame.kind === "output") await emit2({ t: "out", i: frame.i, s: frame.stream, d: frame.data });
        else if (frame.kind === "setup-output")
          await emit2({ t: "setup-out", s: frame.stream, d: frame.data });
        else await emit2(JSON.parse(frame.json));
      }
    }
    decoder.end();
  } catch (err) {
    child.kill("SIGTERM");
    await emit2({
      t: "fatal",
      kind: "setup",
      message: `unreadable output from the sudo worker: ${err.message}`
    });
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  return closed;
}

// src/action/report.ts
var MAX_COMMAND_ANNOTATIONS = 9;
var MAX_TAIL_BLOCKS = 20;
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
    return `${r.name}: the sandbox failed to start: ${r.error?.message ?? "unknown"}`;
  const why = r.reason ? ` (${r.reason})` : "";
  return `${r.name}: ${r.status}, exit code ${r.exitCode}${why}`;
}
function annotationPlan(failed) {
  const each = failed.slice(0, MAX_COMMAND_ANNOTATIONS);
  const rest = failed.length - each.length;
  return { each, more: rest > 0 ? `and ${rest} more failed (see the job summary)` : null };
}
var HTML_UNSAFE = /[&<>"'\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
function htmlText(s3) {
  return s3.replace(HTML_UNSAFE, (c) => {
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
var seconds2 = (ms2) => (ms2 / 1e3).toFixed(2);
var mib = (bytes) => (bytes / (1024 * 1024)).toFixed(1);
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
    cell: (r) => r.reason ?? (r.status === "setup-error" ? r.error?.message ?? "setup error" : "")
  }
];
function cell(tag, numeric, text2) {
  return `<${tag} align="${numeric ? "right" : "left"}">${htmlText(text2)}</${tag}>`;
}
function resultsTable(results) {
  const head = `<tr>${COLUMNS.map((c) => cell("th", c.numeric, c.head)).join("")}</tr>`;
  const rows = results.map(
    (r) => `<tr>${COLUMNS.map((c) => cell("td", c.numeric, c.cell(r))).join("")}</tr>`
  );
  return `<table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
}
function limitsLine(limits, defaultTmpfsBytes, whose = "per sandbox", applied) {
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
function renderSummary(s3) {
  const blocks = ["### nsbox results", resultsTable(s3.results), `<p>${htmlText(s3.facts.join(" \xB7 "))}</p>`];
  if (s3.limits) {
    const { step, overrides, defaultTmpfsBytes } = s3.limits;
    const appliedTo = (name) => s3.results.find((r) => name === void 0 || r.name === name)?.limits;
    blocks.push(`<p>${htmlText(limitsLine(step, defaultTmpfsBytes, void 0, appliedTo()))}</p>`);
    for (const o of overrides.slice(0, MAX_TAIL_BLOCKS)) {
      const line = limitsLine(o.limits, defaultTmpfsBytes, `of ${o.name}`, appliedTo(o.name));
      blocks.push(`<p>${htmlText(line)}</p>`);
    }
  }
  const notEnforced = [...new Set(s3.results.flatMap((r) => r.notEnforced))];
  if (notEnforced.length)
    blocks.push(`<p>${htmlText(`\u26A0\uFE0F not enforced (best effort): ${notEnforced.join(", ")}`)}</p>`);
  if (s3.warning) blocks.push(`<p>${htmlText(`\u26A0\uFE0F ${s3.warning}`)}</p>`);
  const failed = s3.results.filter(isFailure);
  for (const r of failed.slice(0, MAX_TAIL_BLOCKS)) {
    const tail = r.outputTail || "(no output)";
    blocks.push(
      `<details><summary>${htmlText(`${r.name}: last lines of output`)}</summary><pre>${htmlText(tail)}</pre></details>`
    );
  }
  if (failed.length > MAX_TAIL_BLOCKS) {
    const rest = failed.length - MAX_TAIL_BLOCKS;
    blocks.push(`<p>${htmlText(`${rest} more failure(s): their output is in the step log`)}</p>`);
  }
  return `${blocks.join("\n\n")}

`;
}

// src/action/runner.ts
async function runPlan(plan, emit2, signal) {
  const session = await Session.open({
    ...plan.session,
    onProgress: (message) => emit2({ t: "progress", message }),
    signal
  });
  emit2({ t: "session", alpine: session.alpine });
  const onAbort = () => session.abortAll();
  signal?.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  let stop = null;
  const sandboxOptions = (of, onOutput) => ({
    mounts: plan.mounts,
    workdir: of.workdir,
    env: of.env,
    hostname: plan.hostname,
    limits: of.limits,
    bestEffort: plan.bestEffort,
    stdio: { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
    onOutput,
    signal
  });
  const runOptions = (i) => {
    const command = plan.commands[i];
    return {
      argv: command.argv,
      ...sandboxOptions(command, (s3, d) => emit2({ t: "out", i, s: s3, d })),
      ...plan.outputs ? { outputs: { ...plan.outputs, name: command.name } } : {}
    };
  };
  const prepared = /* @__PURE__ */ new Map();
  const take = (i) => {
    const p2 = prepared.get(i) ?? session.prepare(runOptions(i));
    prepared.delete(i);
    if (next < plan.commands.length && !prepared.has(next))
      prepared.set(next, session.prepare(runOptions(next)));
    return p2;
  };
  const worker = async () => {
    while (!stop && !signal?.aborted && next < plan.commands.length) {
      const i = next++;
      const command = plan.commands[i];
      if (!command) break;
      const sandbox = take(i);
      await emit2({ t: "start", i });
      const result = await sandbox.start().catch((err) => {
        if (err instanceof CancelledError) return null;
        throw err;
      });
      if (!result) {
        await emit2({ t: "skipped", i, why: "cancelled" });
        break;
      }
      const named = { name: command.name, position: command.position, shard: plan.shard, ...result };
      await emit2({ t: "result", i, result: named });
      if (plan.failFast && result.status !== "ok") stop ??= "fail-fast";
    }
  };
  try {
    if (plan.setup) {
      await emit2({ t: "setup-start" });
      const onOutput = (s3, d) => emit2({ t: "setup-out", s: s3, d });
      const result = await session.setup(plan.setup.script, sandboxOptions(plan.setup, onOutput));
      await emit2({ t: "setup-result", result });
      if (result.status !== "ok") stop = "setup failed";
    }
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(plan.parallel, plan.commands.length)) }, worker)
    );
    const why = signal?.aborted ? "cancelled" : stop ?? "cancelled";
    for (let i = next; i < plan.commands.length; i++) await emit2({ t: "skipped", i, why });
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await Promise.all([...prepared.values()].map((p2) => p2.discard()));
    await session.close();
  }
}

// src/action/workspace-guard.ts
import { spawnSync as spawnSync3 } from "node:child_process";
import { lstatSync as lstatSync8, readdirSync as readdirSync12, writeFileSync as writeFileSync7 } from "node:fs";
import { join as join9 } from "node:path";

// src/action/gitconfig.ts
function parseConfigList(z2) {
  const entries2 = [];
  for (const record of z2.split("\0")) {
    if (!record) continue;
    const nl = record.indexOf("\n");
    const key = nl < 0 ? record : record.slice(0, nl);
    const first = key.indexOf(".");
    const last = key.lastIndexOf(".");
    if (first <= 0 || last === key.length - 1) continue;
    entries2.push({
      section: key.slice(0, first),
      subsection: first === last ? null : key.slice(first + 1, last),
      name: key.slice(last + 1),
      value: nl < 0 ? null : record.slice(nl + 1)
    });
  }
  return entries2;
}
var CORE_DENIED = /* @__PURE__ */ new Set([
  "fsmonitor",
  "hookspath",
  "sshcommand",
  "askpass",
  "editor",
  "pager",
  "gitproxy",
  "alternaterefscommand",
  "alternaterefsprefixes"
]);
var REMOTE_ALLOWED = /* @__PURE__ */ new Set(["url", "pushurl", "fetch", "tagopt", "promisor", "partialclonefilter"]);
var SUBMODULE_ALLOWED = /* @__PURE__ */ new Set(["path", "url", "active", "branch"]);
var URL_KEYS = /* @__PURE__ */ new Set(["url", "pushurl"]);
function allowed(e) {
  switch (e.section) {
    case "core":
      return e.subsection === null && !CORE_DENIED.has(e.name);
    case "extensions":
      return e.subsection === null;
    case "remote":
      return e.subsection !== null && REMOTE_ALLOWED.has(e.name);
    case "branch":
      return true;
    case "submodule":
      return e.subsection === null ? e.name === "active" : SUBMODULE_ALLOWED.has(e.name);
    default:
      return false;
  }
}
function allowConfig(entries2) {
  return entries2.filter(allowed).map(
    (e) => URL_KEYS.has(e.name) && e.value !== null && e.subsection !== null ? { ...e, value: stripCredentials(e.value) } : e
  );
}
function stripCredentials(url) {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)(.*)$/s.exec(url);
  if (scheme) {
    const rest = scheme[2] ?? "";
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const tail = (end < 0 ? "" : rest.slice(end)).replace(/[?#].*$/s, "");
    return `${scheme[1]}${authority.slice(authority.lastIndexOf("@") + 1)}${tail}`;
  }
  const slash = url.indexOf("/");
  const head = slash < 0 ? url : url.slice(0, slash);
  return url.slice(head.lastIndexOf("@") + 1);
}
var SECTION_NAME = /^[a-z0-9.-]+$/;
var KEY_NAME = /^[a-z][a-z0-9-]*$/;
function formatConfig(entries2) {
  const groups = /* @__PURE__ */ new Map();
  for (const e of entries2) {
    if (!SECTION_NAME.test(e.section) || !KEY_NAME.test(e.name) || e.subsection?.includes("\n")) continue;
    const header = e.subsection === null ? `[${e.section}]` : `[${e.section} "${e.subsection.replace(/[\\"]/g, (c) => `\\${c}`)}"]`;
    const lines2 = groups.get(header) ?? [];
    lines2.push(e.value === null ? `	${e.name}` : `	${e.name} = ${quoteValue(e.value)}`);
    groups.set(header, lines2);
  }
  return [...groups].map(([header, lines2]) => `${header}
${lines2.join("\n")}
`).join("");
}
function quoteValue(v2) {
  const escaped = v2.replace(
    /[\\"\n\t\b]/g,
    (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "	": "\\t", "\b": "\\b" })[c] ?? c
  );
  return `"${escaped}"`;
}

// src/action/workspace-guard.ts
var CREDENTIAL_FILES = [/^gha-creds-[^/]*\.json$/];
var MAX_CONFIG_BYTES = 1024 * 1024;
var MAX_DEPTH2 = 12;
var MAX_CONFIGS = 1e3;
function guardWorkspace(workspace, mode2, tempDir) {
  const guard = { mounts: [], warnings: [] };
  if (mode2 === "none") return guard;
  const git = join9(workspace, ".git");
  const kind = entryKind(git);
  if (kind === "other") {
    throw new UsageError(
      `${git} is a symlink or a special file; nsbox reads the workspace's .git without following links, so check out into a plain directory`
    );
  }
  if (mode2 === "rw" && kind !== "missing") {
    guard.mounts.push({ source: git, target: `${WORKSPACE_MOUNT}/.git`, mode: "ro" });
  }
  if (kind === "dir") {
    const configs = [];
    findConfigs(git, "", 0, configs);
    configs.forEach((rel, i) => {
      const copy = join9(tempDir, `gitconfig-${i}`);
      writeFileSync7(copy, cleanConfig(join9(git, rel), guard.warnings), { mode: 420 });
      guard.mounts.push({ source: copy, target: `${WORKSPACE_MOUNT}/.git/${rel}`, mode: "ro" });
    });
  }
  const masked = readdirSync12(workspace, { withFileTypes: true }).filter(
    (d) => d.isFile() && CREDENTIAL_FILES.some((re2) => re2.test(d.name))
  );
  if (masked.length > 0) {
    const empty = join9(tempDir, "masked-empty");
    writeFileSync7(empty, "", { mode: 292 });
    for (const d of masked)
      guard.mounts.push({ source: empty, target: `${WORKSPACE_MOUNT}/${d.name}`, mode: "ro" });
  }
  return guard;
}
function entryKind(path12) {
  try {
    const st2 = lstatSync8(path12);
    return st2.isDirectory() ? "dir" : st2.isFile() ? "file" : "other";
  } catch (err) {
    if (err.code === "ENOENT") return "missing";
    throw err;
  }
}
function findConfigs(gitdir, rel, depth2, out2) {
  const at2 = (name) => rel ? `${rel}/${name}` : name;
  for (const name of ["config", "config.worktree"]) {
    const kind = entryKind(join9(gitdir, at2(name)));
    if (kind === "other" || kind === "dir") refuse(join9(gitdir, at2(name)));
    if (kind === "file") out2.push(at2(name));
  }
  for (const wt2 of subdirs2(join9(gitdir, at2("worktrees")))) {
    const name = at2(`worktrees/${wt2}/config.worktree`);
    const kind = entryKind(join9(gitdir, name));
    if (kind === "other" || kind === "dir") refuse(join9(gitdir, name));
    if (kind === "file") out2.push(name);
  }
  findModules(gitdir, at2("modules"), depth2, out2);
  if (out2.length > MAX_CONFIGS) {
    throw new UsageError(
      `${gitdir} holds more than ${MAX_CONFIGS} git configs; nsbox will not copy them all`
    );
  }
}
function findModules(gitdir, rel, depth2, out2) {
  if (depth2 > MAX_DEPTH2) return;
  for (const name of subdirs2(join9(gitdir, rel))) {
    const sub = `${rel}/${name}`;
    if (entryKind(join9(gitdir, sub, "HEAD")) !== "missing") findConfigs(gitdir, sub, depth2 + 1, out2);
    else findModules(gitdir, sub, depth2 + 1, out2);
  }
}
function subdirs2(dir) {
  if (entryKind(dir) !== "dir") return [];
  return readdirSync12(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}
function refuse(path12) {
  throw new UsageError(
    `${path12} is not a regular file; nsbox reads git configs without following links, so replace it with the file`
  );
}
function cleanConfig(path12, warnings) {
  const text2 = readConfigFile(path12, MAX_CONFIG_BYTES);
  const r = spawnSync3("git", ["config", "--file", "-", "--list", "-z", "--no-includes"], {
    input: text2,
    encoding: "utf8",
    timeout: 1e4,
    maxBuffer: 4 * MAX_CONFIG_BYTES,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      LC_ALL: "C"
    },
    cwd: "/"
  });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : r.stderr.trim().split("\n")[0] ?? `exit ${r.status}`;
    warnings.push(`could not read ${path12} with git (${why}); the sandbox gets an empty copy of it`);
    return "";
  }
  return formatConfig(allowConfig(parseConfigList(r.stdout)));
}
function readConfigFile(path12, maxBytes) {
  try {
    return readRegularFile(path12, maxBytes);
  } catch (err) {
    if (!(err instanceof RefusedFileError)) throw err;
    if (err.reason === "symlink" || err.reason === "not-a-file") refuse(path12);
    if (err.reason === "too-large") {
      throw new UsageError(
        `${path12} is larger than ${maxBytes} bytes; nsbox will not copy a git config that big`
      );
    }
    throw new Error(`${path12} cannot be read (${err.code})`);
  }
}

// src/action/main.ts
var entry = fileURLToPath2(import.meta.url);
async function run2() {
  let plan;
  try {
    plan = buildPlan((name) => getInput(name), process.env);
  } catch (err) {
    setFailed(actionErrorText(err));
    return;
  }
  const privilege = detectPrivilege();
  saveState("privilege" /* Privilege */, privilege);
  saveState("cache-dir" /* CacheDir */, plan.session.cacheDir ?? "");
  const share = plan.shard.total > 1 ? ` of ${plan.totalCommands} (shard ${plan.shard.index}/${plan.shard.total})` : "";
  info(`nsbox: ${plan.commands.length} command(s)${share}, privileges: ${privilege}`);
  for (const note of plan.notes) warning(note);
  if (privilege === "rootless") warning(ROOTLESS_LIMITS);
  const temp = mkdtempSync(join10(process.env.RUNNER_TEMP ?? tmpdir(), "nsbox-"));
  chmodSync5(temp, 493);
  saveState("temp-dir" /* TempDir */, temp);
  try {
    if (!guardMounts(plan, temp)) return;
    const run3 = plan.commands.length ? await execute(plan, privilege, temp) : NOTHING_RUN;
    if (run3) await report(plan, run3, temp, privilege);
  } finally {
    rmSync5(temp, { recursive: true, force: true });
  }
}
function guardMounts(plan, temp) {
  if (!plan.workspaceHost) return true;
  try {
    const guard = guardWorkspace(plan.workspaceHost, plan.workspace, temp);
    for (const w2 of guard.warnings) warning(w2);
    plan.mounts.push(...guard.mounts);
    return true;
  } catch (err) {
    const why = err instanceof UsageError ? actionErrorText(err) : `the workspace could not be prepared: ${err.message}`;
    setFailed(why);
    return false;
  }
}
var NOTHING_RUN = { setup: null, results: [], skipWhy: null, notRun: [] };
async function execute(plan, privilege, temp) {
  const results = [];
  const live = Math.min(plan.parallel, plan.commands.length) === 1;
  const log = new CommandLog(plan.commands, live ? null : temp);
  let setup = null;
  let skipWhy = null;
  const workerStderr = new Tail(16 * 1024);
  let fatal = null;
  let alpine = "";
  const notRun = [];
  const emit2 = (e) => {
    if (e.t === "session") {
      alpine = e.alpine;
      info(`nsbox: Alpine ${alpine}`);
    } else if (e.t === "setup-result") {
      setup = e.result;
    } else if (e.t === "result") {
      results[e.i] = e.result;
    } else if (e.t === "skipped") {
      skipWhy = e.why;
      const c = plan.commands[e.i];
      if (c) notRun.push({ position: c.position, name: c.name, why: e.why });
    } else if (e.t === "fatal") {
      fatal = e.message;
    }
    return log.handle(e);
  };
  const abort = new AbortController();
  for (const s3 of ["SIGTERM", "SIGINT"]) process.once(s3, () => abort.abort(s3));
  try {
    if (privilege === "sudo") {
      const code = await runPlanWithSudo(plan, entry, emit2, (c) => workerStderr.push(c), abort.signal);
      if (code !== 0 && !fatal) fatal = `the sudo worker exited with code ${code}`;
    } else {
      await runPlan(plan, emit2, abort.signal);
    }
  } catch (err) {
    fatal = actionErrorText(err);
  } finally {
    await log.drain();
    log.dispose();
  }
  const stderr = workerStderr.text(200);
  if (stderr) await log.printForeign("nsbox: the sudo worker's stderr", `${stderr}
`);
  if (fatal) {
    setFailed(fatal);
    return null;
  }
  setOutput("alpine-version", alpine);
  const ran = setup;
  return {
    setup: ran && { ...ran, shard: plan.shard, outputTail: log.setupTail.text() },
    results: results.flatMap((r, i) => r ? [{ ...r, outputTail: log.tails[i]?.text() ?? "" }] : []),
    skipWhy,
    notRun
  };
}
async function report(plan, run3, temp, privilege) {
  const clean = run3.results;
  const failed = clean.filter(isFailure);
  const failedSetup = run3.setup && isFailure(run3.setup) ? run3.setup : null;
  const outDir = join10(process.env.RUNNER_TEMP ?? temp, "nsbox-results");
  mkdirSync9(outDir, { recursive: true });
  const { shard } = plan;
  const stem = `results-${process.env.GITHUB_RUN_ID ?? "local"}-${shard.index}of${shard.total}-${process.pid}`;
  const file = join10(outDir, `${stem}.json`);
  const record = {
    format: RESULTS_FORMAT,
    shard,
    commands: plan.totalCommands,
    setup: run3.setup,
    results: clean,
    notRun: run3.notRun
  };
  writeFileSync8(file, serialize(record));
  setOutput("results", JSON.stringify(clean.map(({ outputTail: _2, ...r }) => r)));
  setOutput("results-file", file);
  if (plan.junitFile) {
    const suite = shard.total > 1 ? `nsbox shard ${shard.index}/${shard.total}` : "nsbox";
    try {
      const setups = run3.setup ? [run3.setup] : [];
      const xml = toJUnit({ suite, setups, results: clean, notRun: run3.notRun });
      writeReportFile(plan.junitFile, xml, "junit", true);
      setOutput("junit-file", plan.junitFile);
    } catch (err) {
      setFailed(err.message);
    }
  }
  const exitCode = (failedSetup ?? failed[0])?.exitCode;
  setOutput("exit-code", String(exitCode ?? 0));
  setOutput("passed", String(clean.length - failed.length));
  setOutput("failed", String(failed.length));
  setOutput("artifacts-dir", plan.artifactsDir);
  const skipped = plan.commands.length - clean.length;
  const first = run3.setup ?? clean[0];
  const facts = [
    ...shard.total > 1 ? [`shard ${shard.index}/${shard.total}: ${plan.commands.length} of ${plan.totalCommands} commands`] : [],
    `Alpine ${first?.alpine ?? "?"}`,
    `${clean.length - failed.length} passed, ${failed.length} failed${skipped ? `, ${skipped} not run${run3.skipWhy === "setup failed" ? " (setup failed)" : ""}` : ""}`,
    `cgroup ${first?.cgroup ?? "?"}`,
    `network ${plan.session.network}`,
    `privileges ${privilege}`
  ];
  const setupRow = run3.setup ? [{ ...run3.setup, name: setupName(run3.setup) }] : [];
  const markdown = renderSummary({
    results: [...setupRow, ...clean],
    facts,
    limits: {
      step: plan.limits,
      overrides: plan.commands.filter((c) => JSON.stringify(c.limits) !== JSON.stringify(plan.limits)).map((c) => ({ name: c.name, limits: c.limits })),
      defaultTmpfsBytes: DEFAULT_TMPFS_BYTES
    },
    warning: privilege === "rootless" ? ROOTLESS_LIMITS : null
  });
  await summary.addRaw(markdown).write().catch((err) => warning(`could not write the job summary: ${err.message}`));
  const { each, more } = annotationPlan([...setupRow.filter(isFailure), ...failed]);
  for (const r of each) error(annotation(r), { title: `nsbox: ${r.name}` });
  const cancelled = failed.filter((r) => r.status === "cancelled").length;
  const verdict3 = `${failed.length} of ${plan.commands.length} command(s) failed${cancelled ? ` (${cancelled} cancelled)` : ""}`;
  if (failedSetup) {
    setFailed(
      `setup failed (${failedSetup.status}, exit ${failedSetup.exitCode}); none of the ${skipped} command(s) ran`
    );
  } else if (failed.length > 0 && plan.failOnError) setFailed(more ? `${more}; ${verdict3}` : verdict3);
  else if (more) error(`${more}; ${verdict3}`, { title: "nsbox" });
}

// src/action/worker.ts
import { Socket as Socket3 } from "node:net";
import { text } from "node:stream/consumers";
var out = null;
function stdout() {
  out ??= new Socket3({ fd: 1, readable: false, writable: true });
  return out;
}
function emit(e) {
  const frames = e.t === "out" ? encodeOutput(e.i, e.s, e.d) : e.t === "setup-out" ? encodeOutput("setup", e.s, e.d) : [encodeEvent(JSON.stringify(e))];
  const sink = stdout();
  let ok = true;
  for (const f2 of frames) ok = sink.write(f2);
  if (ok) return;
  return new Promise((resolve2) => sink.once("drain", resolve2));
}
async function workerMain() {
  const abort = new AbortController();
  for (const s3 of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(s3, () => abort.abort(s3));
  let code = 0;
  try {
    const plan = JSON.parse(await text(process.stdin));
    await runPlan(plan, emit, abort.signal);
  } catch (err) {
    emit({
      t: "fatal",
      kind: err instanceof UsageError ? "usage" : "setup",
      message: actionErrorText(err)
    });
    code = 1;
  }
  await new Promise((resolve2) => stdout().end(resolve2));
  return code;
}
async function cleanupMain(cacheDir) {
  const removed = await cleanupStale(cacheDir);
  process.stdout.write(`nsbox: removed ${removed} leftover(s)
`);
  return 0;
}

// src/action/index.ts
var mode = process.argv[2];
if (mode === "--nsbox-worker") process.exitCode = await workerMain();
else if (mode === "--nsbox-cleanup") process.exitCode = await cleanupMain(process.argv[3]);
else await run2();
