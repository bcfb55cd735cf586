/**
 * Greedy word wrapping of figure text to a width in points (DejaVu Sans metrics).
 */
import { textWidth } from './textMetrics';

/** Lines of `s` no wider than `width` at `size` points; a single word wider than the line stays whole. */
export function wrapText(s: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of s.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, size, bold) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Lines of an identifier without spaces (e.g. a feature name `V_wavelet-LHL_glcm_MCC`) no wider than
 * `width`, broken after its '_' and '-' separators; a segment wider than the line stays whole.
 */
export function wrapIdentifier(s: string, width: number, size: number, bold = false): string[] {
  const segments = s.match(/[^_-]+[_-]?|[_-]/g) ?? [s];
  const lines: string[] = [];
  let line = '';
  for (const segment of segments) {
    if (line && textWidth(line + segment, size, bold) > width) {
      lines.push(line);
      line = segment;
    } else line += segment;
  }
  lines.push(line);
  return lines;
}
