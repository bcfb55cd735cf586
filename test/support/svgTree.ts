/**
 * A strict parser for the SVG the report figures write (elements, double-quoted attributes, character data
 * with the five XML entities; no comments, CDATA or processing instructions). Throws on anything not
 * well-formed, so a test that parses a figure also checks that it is valid XML.
 */

export interface SvgNode {
  tag: string;
  attrs: Record<string, string>;
  children: SvgNode[];
  /** Character data directly inside the element, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(\w+);/g, (m, name: string) => {
    const v = ENTITIES[name];
    if (v === undefined) throw new Error(`unknown entity ${m}`);
    return v;
  });
}

export function parseSvg(svg: string): SvgNode {
  let i = 0;
  const stack: SvgNode[] = [];
  let root: SvgNode | undefined;
  while (i < svg.length) {
    if (svg[i] !== '<') {
      const j = svg.indexOf('<', i);
      const chunk = svg.slice(i, j < 0 ? svg.length : j);
      if (!stack.length) {
        if (chunk.trim()) throw new Error(`text outside the root element: ${chunk.slice(0, 40)}`);
      } else stack[stack.length - 1].text += decode(chunk);
      i = j < 0 ? svg.length : j;
      continue;
    }
    if (svg.startsWith('</', i)) {
      const j = svg.indexOf('>', i);
      const tag = svg.slice(i + 2, j).trim();
      const open = stack.pop();
      if (!open || open.tag !== tag) throw new Error(`closing </${tag}> does not match <${open?.tag ?? 'nothing'}>`);
      i = j + 1;
      continue;
    }
    const m = /^<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/.exec(svg.slice(i));
    if (!m) throw new Error(`malformed tag at ${i}: ${svg.slice(i, i + 60)}`);
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${m[1]}>`);
      attrs[a[1]] = decode(a[2]);
    }
    const node: SvgNode = { tag: m[1], attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else if (root) throw new Error('more than one root element');
    else root = node;
    if (!m[3]) stack.push(node);
    i += m[0].length;
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].tag}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every node of the tree, depth first. */
export function allNodes(node: SvgNode): SvgNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}

/** Text of every `<text>` element, in document order. */
export function texts(node: SvgNode): string[] {
  return allNodes(node)
    .filter((n) => n.tag === 'text')
    .map((n) => n.text);
}

/** Nodes with the given class (space-separated class lists supported). */
export function byClass(node: SvgNode, cls: string): SvgNode[] {
  return allNodes(node).filter((n) => (n.attrs.class ?? '').split(/\s+/).includes(cls));
}

/** Every number in coordinate-bearing attributes and path data. */
export function coordinateNumbers(node: SvgNode): string[] {
  const keys = ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'd', 'transform', 'dy', 'viewBox', 'font-size'];
  return allNodes(node).flatMap((n) => keys.flatMap((k) => (n.attrs[k] === undefined ? [] : n.attrs[k].split(/[\s,MLZHVACSQTmlzhvacsqt()a-z]+/i).filter(Boolean))));
}

/**
 * Structural checks every figure must pass: parses, root `<svg>` with pt size and viewBox, a `<title>`, no
 * NaN/Infinity anywhere, every coordinate a finite number, every font size ≥ 7 pt.
 */
export function checkFigureSvg(svg: string): SvgNode {
  if (/NaN|Infinity|undefined/.test(svg)) throw new Error('figure contains NaN, Infinity or undefined');
  const root = parseSvg(svg);
  if (root.tag !== 'svg') throw new Error(`root is <${root.tag}>`);
  if (!/^\d+(\.\d+)?pt$/.test(root.attrs.width ?? '') || !/^\d+(\.\d+)?pt$/.test(root.attrs.height ?? '')) throw new Error('root width/height not in pt');
  if (!root.attrs.viewBox) throw new Error('no viewBox');
  if (!root.children.some((c) => c.tag === 'title' && c.text.length > 0)) throw new Error('no <title>');
  for (const v of coordinateNumbers(root)) if (!Number.isFinite(Number(v))) throw new Error(`non-numeric coordinate "${v}"`);
  for (const n of allNodes(root)) {
    if (n.tag === 'text' && Number(n.attrs['font-size']) < 7) throw new Error(`text "${n.text}" is ${n.attrs['font-size']} pt`);
    if (n.tag === 'text' && n.text.trim() === '') throw new Error('empty <text>');
  }
  return root;
}
