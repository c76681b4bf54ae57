// A strict, small XML 1.0 parser for the tests: it accepts only what a conforming parser accepts (of the
// subset nsbox writes: an XML declaration, elements, attributes, character data and references) and throws
// on anything else, with the offset. Values come back as a parser reports them: references decoded,
// line ends normalised, attribute white space normalised. Comments, CDATA, processing instructions and
// DOCTYPE are refused (nsbox writes none), so a test cannot pass on something this parser skipped.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string; // the element's own character data, concatenated
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const SPACE = /[ \t\r\n]*/y;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export function parseXml(doc: string): XmlElement {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`XML error at offset ${at}: ${why} (near ${JSON.stringify(doc.slice(at, at + 30))})`);
  };
  for (const ch of doc) {
    const cp = ch.codePointAt(0) as number;
    if (!isXmlChar(cp) || (cp >= 0xd800 && cp <= 0xdfff)) {
      at = doc.indexOf(ch);
      fail(`character U+${cp.toString(16)} is not allowed in XML 1.0`);
    }
  }
  const match = (re: RegExp): string | null => {
    re.lastIndex = at;
    const m = re.exec(doc);
    if (!m) return null;
    at += m[0].length;
    return m[0];
  };
  const space = () => match(SPACE) ?? "";
  const expect = (s: string) => {
    if (!doc.startsWith(s, at)) fail(`expected ${JSON.stringify(s)}`);
    at += s.length;
  };
  const reference = (): string => {
    expect("&");
    const end = doc.indexOf(";", at);
    if (end < 0) fail("unterminated reference");
    const body = doc.slice(at, end);
    at = end + 1;
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (body in named) return named[body] as string;
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (!m) return fail(`unknown entity &${body};`);
    const cp = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number(m[2]);
    if (!isXmlChar(cp)) fail(`character reference &${body}; is not an XML character`);
    return String.fromCodePoint(cp);
  };
  const attrValue = (): string => {
    const quote = doc[at];
    if (quote !== '"' && quote !== "'") return fail("attribute value must be quoted");
    at++;
    let value = "";
    while (doc[at] !== quote) {
      const c = doc[at];
      if (c === undefined) fail("unterminated attribute value");
      if (c === "<") fail("'<' in an attribute value");
      if (c === "&") value += reference();
      else if (c === "\r" && doc[at + 1] === "\n") {
        value += " ";
        at += 2;
      } else {
        value += c === "\t" || c === "\n" || c === "\r" ? " " : c;
        at++;
      }
    }
    at++;
    return value;
  };
  const element = (): XmlElement => {
    expect("<");
    const name = match(NAME) ?? fail("expected an element name");
    const el: XmlElement = { name, attrs: {}, children: [], text: "" };
    for (;;) {
      const gap = space();
      if (doc.startsWith("/>", at)) {
        at += 2;
        return el;
      }
      if (doc[at] === ">") {
        at++;
        break;
      }
      if (!gap) fail("attributes must be separated by white space");
      const attr = match(NAME) ?? fail("expected an attribute name");
      if (attr in el.attrs) fail(`attribute ${attr} given twice`);
      space();
      expect("=");
      space();
      el.attrs[attr] = attrValue();
    }
    for (;;) {
      const c = doc[at];
      if (c === undefined) fail(`element <${name}> is not closed`);
      if (doc.startsWith("</", at)) {
        at += 2;
        const end = match(NAME);
        if (end !== name) fail(`</${end}> closes <${name}>`);
        space();
        expect(">");
        return el;
      }
      if (doc.startsWith("<!", at) || doc.startsWith("<?", at)) fail("comments, CDATA, PIs are not expected");
      if (c === "<") el.children.push(element());
      else if (c === "&") el.text += reference();
      else {
        if (doc.startsWith("]]>", at)) fail("']]>' in character data");
        if (c === "\r") {
          el.text += "\n";
          at += doc[at + 1] === "\n" ? 2 : 1;
        } else {
          el.text += c;
          at++;
        }
      }
    }
  };
  if (doc.startsWith("<?xml", at)) {
    const end = doc.indexOf("?>", at);
    if (end < 0) fail("unterminated XML declaration");
    const decl = doc.slice(at, end + 2);
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(decl)) fail(`unexpected declaration ${decl}`);
    at = end + 2;
  }
  space();
  if (doc.startsWith("<!", at)) fail("DOCTYPE and comments are not expected");
  const root = element();
  space();
  if (at !== doc.length) fail("content after the root element");
  return root;
}
