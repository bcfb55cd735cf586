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
