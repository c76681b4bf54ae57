// A small, strict HTML parser for what nsbox writes into the job summary: elements with quoted
// attributes, text, and character references. Anything else (an unclosed or mismatched tag, a stray `<`,
// an unknown reference) is an error, so a test that parses the summary fails on markup it did not expect.
export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeText(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);|&/gi, (all, ref: string | undefined) => {
    if (!ref) throw new Error("bare & in text");
    if (ref.startsWith("#x") || ref.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(Number(ref.slice(1)));
    const v = NAMED[ref];
    if (v === undefined) throw new Error(`unknown reference ${all}`);
    return v;
  });
}

/** Parses a fragment into its top-level nodes. */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { tag: "#root", attrs: {}, children: [] };
  const stack = [root];
  const tagRe = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/iy;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > at) {
      const text = html.slice(at, textEnd);
      if (text.includes(">")) throw new Error(`stray '>' in text: ${text.slice(0, 40)}`);
      stack.at(-1)?.children.push(decodeText(text));
    }
    if (lt < 0) break;
    tagRe.lastIndex = lt;
    const m = tagRe.exec(html);
    if (!m) throw new Error(`not a tag at ${lt}: ${html.slice(lt, lt + 40)}`);
    const [, closing, tag = "", attrText = ""] = m;
    if (closing) {
      const open = stack.pop();
      if (!open || open.tag !== tag.toLowerCase()) throw new Error(`</${tag}> closes <${open?.tag}>`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(/([a-z-]+)="([^"]*)"/gi))
        attrs[a[1] as string] = decodeText(a[2] as string);
      const el: HtmlElement = { tag: tag.toLowerCase(), attrs, children: [] };
      stack.at(-1)?.children.push(el);
      stack.push(el);
    }
    at = tagRe.lastIndex;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.tag}>`);
  return root.children;
}

export function elements(nodes: HtmlNode[]): HtmlElement[] {
  return nodes.flatMap((n) => (typeof n === "string" ? [] : [n, ...elements(n.children)]));
}

export function textOf(node: HtmlNode): string {
  return typeof node === "string" ? node : node.children.map(textOf).join("");
}
