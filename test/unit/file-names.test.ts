import { describe, expect, it } from "vitest";
import { hasEscapedBytes, nameText, textPath } from "../../src/engine/file-names";

describe("file names as text", () => {
  it("keeps a UTF-8 name as it is (a BOM and characters beyond the BMP included)", () => {
    for (const name of ["busybox", "ä€", "\ufeffbom", "emoji-\u{1f600}", "\u{10080}"]) {
      expect(nameText(Buffer.from(name))).toBe(name);
      expect(textPath(name)).toBe(name);
      expect(hasEscapedBytes(name)).toBe(false);
    }
  });

  it("escapes the bytes of a name that is not UTF-8, one to one and back", () => {
    const names = [[0x68, 0x6c, 0x2d, 0xff], [0xc3, 0xa4, 0xff], [0xed, 0xb2, 0x80], [0xc3]].map((b) =>
      Buffer.from(b),
    );
    const texts = names.map(nameText);
    expect(texts[0]).toBe("hl-\udcff");
    expect(new Set(texts).size).toBe(names.length);
    texts.forEach((t, i) => {
      expect(hasEscapedBytes(t)).toBe(true);
      expect(textPath(`usr/${t}`)).toEqual(Buffer.concat([Buffer.from("usr/"), names[i] as Buffer]));
    });
  });
});
