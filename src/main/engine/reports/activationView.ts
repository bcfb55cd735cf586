/**
 * The part of an activation-map overlay a report shows: a square window centred on the ROI box, the box's
 * larger side plus `margin` times it on each side (at least `minSide` pixels), shifted to stay inside the
 * slice and clipped where the slice is smaller — so the tumour fills a readable share of a small figure.
 */
import type { RasterImage } from '../image/png';
import type { SliceBox } from '../deepFeatures/preprocess';

/** The cropped raster and the ROI box in its pixel coordinates. */
export function cropAroundBox(image: RasterImage, box: SliceBox, margin = 0.5, minSide = 48): { image: RasterImage; box: SliceBox } {
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  const side = Math.max(minSide, Math.round(Math.max(bw, bh) * (1 + 2 * margin)));
  const place = (lo: number, extent: number, n: number): [number, number] => {
    const w = Math.min(side, n);
    const start = Math.min(Math.max(0, Math.round(lo + extent / 2 - w / 2)), n - w);
    return [start, w];
  };
  const [x0, w] = place(box.x0, bw, image.width);
  const [y0, h] = place(box.y0, bh, image.height);
  const c = image.channels;
  const data = new Uint8Array(w * h * c);
  for (let y = 0; y < h; y++) data.set(image.data.subarray(((y0 + y) * image.width + x0) * c, ((y0 + y) * image.width + x0 + w) * c), y * w * c);
  return { image: { width: w, height: h, channels: c, data }, box: { x0: box.x0 - x0, x1: box.x1 - x0, y0: box.y0 - y0, y1: box.y1 - y0 } };
}
