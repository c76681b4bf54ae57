// File names as bytes and as text. A Linux name is any bytes but "/" and NUL, and a tree a sandbox wrote (a
// package layer: an install script may `touch $'\377'`) can hold names that are not UTF-8, which a string
// path decodes to U+FFFD: a walk by string names then lstat's a name that does not exist. So walks go by
// bytes, and a name kept as text (a manifest is JSON) has each byte above 0x7f of a name that is not UTF-8
// as U+DC80–U+DCFF (Python's surrogateescape): no UTF-8 name decodes to those, so text and bytes map one
// to one, and a UTF-8 name is its plain text.
import { readdirSync } from "node:fs";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A name's text: its UTF-8, or, when it is not UTF-8, its bytes above 0x7f escaped. */
export function nameText(name: Buffer): string {
  try {
    return utf8.decode(name);
  } catch {
    let text = "";
    for (const b of name) text += String.fromCharCode(b < 0x80 ? b : 0xdc00 + b);
    return text;
  }
}

const ESCAPED = /[\udc80-\udcff]/u; // `u`: a lone low surrogate, never the second half of a pair

/** Whether a text (a name or a path of names) holds an escaped byte: only its bytes name the file. */
export const hasEscapedBytes = (text: string): boolean => ESCAPED.test(text);

/** A path made of nameText's names, as node:fs takes it: the string itself, or its bytes where escaped. */
export function textPath(text: string): string | Buffer {
  if (!hasEscapedBytes(text)) return text;
  const parts: Buffer[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    parts.push(c >= 0xdc80 && c <= 0xdcff ? Buffer.of(c - 0xdc00) : Buffer.from(ch));
  }
  return Buffer.concat(parts);
}

/** The names of directory `dir`'s entries, as bytes. */
export function namesOf(dir: string | Buffer): Buffer[] {
  return readdirSync(dir, { encoding: "buffer" });
}

/** `dir`/`name`, as bytes. */
export function childPath(dir: string | Buffer, name: Buffer): Buffer {
  return Buffer.concat([Buffer.from(dir), SLASH, name]);
}

const SLASH = Buffer.from("/");
