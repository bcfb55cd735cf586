/**
 * Parser for the Python literals pyradiomics prints in its baseline CSVs (dicts, lists, tuples,
 * strings, ints, floats, True/False/None), e.g. `diagnostics_Configuration_Settings`.
 */
export type PyLiteral = null | boolean | number | string | PyLiteral[] | { [key: string]: PyLiteral };

export function parsePyLiteral(text: string): PyLiteral {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (msg: string): never => {
    throw new Error(`python literal: ${msg} at ${i} in ${text}`);
  };
  const value = (): PyLiteral => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, PyLiteral> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        const k = value();
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        out[String(k)] = value();
        ws();
        const sep = text[i++];
        if (sep === '}') return out;
        if (sep !== ',') fail("expected ',' or '}'");
      }
    }
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      i++;
      const out: PyLiteral[] = [];
      ws();
      if (text[i] === close) {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        const sep = text[i++];
        if (sep === close) return out;
        if (sep !== ',') fail(`expected ',' or '${close}'`);
        ws();
        if (text[i] === close) {
          i++;
          return out;
        }
      }
    }
    if (c === "'" || c === '"') {
      i++;
      let s = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') i++;
        s += text[i++];
      }
      i++;
      return s;
    }
    const m = /^(True|False|None|[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|inf|nan))/.exec(text.slice(i));
    if (!m) return fail('unexpected token');
    i += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    if (m[0] === 'None') return null;
    return Number(m[0].replace('inf', 'Infinity').replace('nan', 'NaN'));
  };
  const v = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return v;
}
