// vtk.js objects for one slice pane: a renderer with the image slice, the label-map overlay and
// the interpolation preview. Plain class (no Vue), owned by VtkSliceView.vue.
// Performance notes (software WebGL in headless runs): docs/VIEWER_PERFORMANCE.md.
import '@kitware/vtk.js/Rendering/OpenGL/Camera';
import '@kitware/vtk.js/Rendering/OpenGL/Renderer';
import '@kitware/vtk.js/Rendering/OpenGL/ImageMapper';
import '@kitware/vtk.js/Rendering/OpenGL/ImageSlice';
import '@kitware/vtk.js/Rendering/OpenGL/Texture';
// Registers the 'WebGL' view constructor used by newAPISpecificView below.
import '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';
import type vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import vtkImageMapper from '@kitware/vtk.js/Rendering/Core/ImageMapper';
import vtkImageSlice from '@kitware/vtk.js/Rendering/Core/ImageSlice';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type { ImageGeometry } from '../geometry/sliceGeometry';
import type { Axis, Vec3 } from '../tools/grid';
import { segmentColour } from '../tools/segmentColours';
import { copyExtent, sliceLabelExtent } from '../tools/sliceExtent';
import { setLabelSubImage } from './imageData';

interface Layer {
  mapper: vtkImageMapper;
  actor: vtkImageSlice;
  input: vtkImageData | null;
}

const LABEL_OPACITY = 0.5;
const PREVIEW_RGB: [number, number, number] = [1, 0.85, 0.1];

function layer(): Layer {
  const mapper = vtkImageMapper.newInstance();
  const actor = vtkImageSlice.newInstance();
  actor.setMapper(mapper);
  return { mapper, actor, input: null };
}

/**
 * Colour and opacity lookup for a label map: each label value v is a flat step over
 * [v − 0.49, v + 0.49], so nearest sampling never blends two labels; 0 and hidden labels are clear.
 */
function labelLookup(entries: { label: number; rgb: [number, number, number]; opacity: number }[]) {
  const ctf = vtkColorTransferFunction.newInstance();
  const pwf = vtkPiecewiseFunction.newInstance();
  const max = Math.max(1, ...entries.map((e) => e.label));
  for (let v = 0; v <= max; v++) {
    const e = entries.find((x) => x.label === v);
    const rgb = e?.rgb ?? [0, 0, 0];
    const a = e?.opacity ?? 0;
    for (const x of [v - 0.49, v + 0.49]) {
      ctf.addRGBPoint(x, rgb[0], rgb[1], rgb[2]);
      pwf.addPoint(x, a);
    }
  }
  return { ctf, pwf };
}

export class SliceScene {
  private readonly renderWindow = vtkRenderWindow.newInstance();
  private readonly renderer = vtkRenderer.newInstance({ background: [0, 0, 0] });
  private readonly view: vtkOpenGLRenderWindow;
  private readonly image = layer();
  /** The label layers' inputs: each holds only the labelled box of the displayed slice. */
  private readonly labels = layer();
  private readonly preview = layer();
  /** Duration of the last render (ms), for the benchmark. */
  lastRenderMs = 0;

  constructor(container: HTMLElement) {
    this.renderWindow.addRenderer(this.renderer);
    this.view = this.renderWindow.newAPISpecificView('WebGL') as vtkOpenGLRenderWindow;
    // vtk.js asks for its WebGL2 context with the browser's defaults, i.e. 4× multisampling.
    // Creating the context first (vtk gets the same one back) turns that off: the panes draw
    // axis-aligned textured quads with nearest sampling, where MSAA only softens the image's outer
    // border (one pixel row) but multiplies the fill and adds a resolve to every frame (the bulk of
    // a frame in software GL).
    this.view.getCanvas()?.getContext('webgl2', { antialias: false, depth: true, alpha: true, preserveDrawingBuffer: false, powerPreference: 'high-performance' });
    this.renderWindow.addView(this.view);
    this.view.setContainer(container);
    this.renderer.getActiveCamera().setParallelProjection(true);
    // Nearest: voxels are shown as the blocks the brush paints (and it is cheaper in software GL).
    this.image.actor.getProperty().setInterpolationTypeToNearest();
    // Drawn in the order added: the image first, so the overlays (nudged towards the camera) blend
    // over it rather than hide it from the depth test.
    this.image.actor.setVisibility(false);
    this.renderer.addActor(this.image.actor);
    for (const l of [this.labels, this.preview]) {
      l.actor.getProperty().setInterpolationTypeToNearest();
      l.actor.getProperty().setUseLookupTableScalarRange(true);
      l.input = vtkImageData.newInstance();
      l.mapper.setInputData(l.input);
      l.actor.setVisibility(false);
      this.renderer.addActor(l.actor);
    }
    const { ctf, pwf } = labelLookup([{ label: 1, rgb: PREVIEW_RGB, opacity: 0.65 }]);
    this.preview.actor.getProperty().setRGBTransferFunction(0, ctf);
    this.preview.actor.getProperty().setPiecewiseFunction(0, pwf);
  }

  setImage(data: vtkImageData | null): void {
    const l = this.image;
    if (l.input === data) return;
    l.input = data;
    if (data) l.mapper.setInputData(data);
    l.actor.setVisibility(!!data);
  }

  /**
   * Draw slice `k` (perpendicular to `axis`) of a whole-grid label array on `g`, or nothing (null).
   * Only the bounding box of the slice's labels becomes the layer's texture and quad: a brush
   * stroke re-uploads that box rather than a whole slice, and a frame blends only that box
   * (no quad at all on label-free slices).
   */
  private showOverlay(l: Layer, values: Uint8Array | null, g: ImageGeometry, axis: Axis, k: number): void {
    // One clear voxel around the labels: every label edge is then a texel edge inside the quad,
    // placed on screen by nearest-texel sampling like the image's voxel edges rather than by the
    // rasteriser's edge rule. (Where a voxel edge passes within rounding of a pixel centre, the
    // smaller texture can still put that pixel row on the other side: one row, at such ties only.)
    const extent = values ? sliceLabelExtent(values, g, axis, k, 1) : null;
    if (values && extent) setLabelSubImage(l.input!, g, extent, copyExtent(values, g, extent));
    l.actor.setVisibility(!!extent);
  }

  showLabels(labels: Uint8Array | null, g: ImageGeometry, axis: Axis, k: number): void {
    this.showOverlay(this.labels, labels, g, axis, k);
  }

  showPreview(mask: Uint8Array | null, g: ImageGeometry, axis: Axis, k: number): void {
    this.showOverlay(this.preview, mask, g, axis, k);
  }

  setLabelColours(segments: { label: number; visible: boolean }[]): void {
    const { ctf, pwf } = labelLookup(
      segments.map((s) => ({ label: s.label, rgb: segmentColour(s.label).map((c) => c / 255) as [number, number, number], opacity: s.visible ? LABEL_OPACITY : 0 })),
    );
    this.labels.actor.getProperty().setRGBTransferFunction(0, ctf);
    this.labels.actor.getProperty().setPiecewiseFunction(0, pwf);
  }

  /** Show slice `k` along image axis `axis` in every layer (all share the image's grid). */
  setSlice(axis: Axis, k: number): void {
    for (const l of [this.image, this.labels, this.preview]) {
      l.mapper.setSlicingMode(axis);
      l.mapper.setSlice(k);
    }
  }

  setWindowLevel(window: number, level: number): void {
    const p = this.image.actor.getProperty();
    p.setColorWindow(window);
    p.setColorLevel(level);
  }

  /**
   * Parallel camera looking along `dop`. The overlays are drawn a hair in front of the image (not
   * in its plane) so they are never lost to depth-test ties.
   */
  setCamera(cam: { focal: Vec3; position: Vec3; viewUp: Vec3; parallelScale: number }, dop: Vec3, nudgeMm: number): void {
    const c = this.renderer.getActiveCamera();
    c.setFocalPoint(...cam.focal);
    c.setPosition(...cam.position);
    c.setViewUp(...cam.viewUp);
    c.setParallelScale(cam.parallelScale);
    this.labels.actor.setPosition(-dop[0] * nudgeMm, -dop[1] * nudgeMm, -dop[2] * nudgeMm);
    this.preview.actor.setPosition(-dop[0] * 2 * nudgeMm, -dop[1] * 2 * nudgeMm, -dop[2] * 2 * nudgeMm);
    this.renderer.resetCameraClippingRange();
  }

  resize(cssWidth: number, cssHeight: number): void {
    const dpr = window.devicePixelRatio || 1;
    this.view.setSize(Math.max(1, Math.floor(cssWidth * dpr)), Math.max(1, Math.floor(cssHeight * dpr)));
  }

  render(): void {
    const t0 = performance.now();
    this.renderWindow.render();
    this.lastRenderMs = performance.now() - t0;
  }

  dispose(): void {
    for (const l of [this.image, this.labels, this.preview]) {
      l.actor.delete();
      l.mapper.delete();
    }
    this.labels.input?.delete();
    this.preview.input?.delete();
    this.view.setContainer(null);
    this.renderWindow.removeView(this.view);
    this.view.delete();
    this.renderer.delete();
    this.renderWindow.delete();
  }
}
