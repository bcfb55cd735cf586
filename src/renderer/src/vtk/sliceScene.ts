// vtk.js objects for one slice pane: a renderer with the image slice, the label-map overlay and
// the interpolation preview. Plain class (no Vue), owned by VtkSliceView.vue.
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
import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type { Axis, Vec3 } from '../tools/grid';
import { segmentColour } from '../tools/segmentColours';

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
  private readonly labels = layer();
  private readonly preview = layer();
  /** Duration of the last render (ms), for the benchmark. */
  lastRenderMs = 0;

  constructor(container: HTMLElement) {
    this.renderWindow.addRenderer(this.renderer);
    this.view = this.renderWindow.newAPISpecificView('WebGL') as vtkOpenGLRenderWindow;
    this.renderWindow.addView(this.view);
    this.view.setContainer(container);
    this.renderer.getActiveCamera().setParallelProjection(true);
    // Nearest: voxels are shown as the blocks the brush paints (and it is cheaper in software GL).
    this.image.actor.getProperty().setInterpolationTypeToNearest();
    for (const l of [this.labels, this.preview]) {
      l.actor.getProperty().setInterpolationTypeToNearest();
      l.actor.getProperty().setUseLookupTableScalarRange(true);
    }
    const { ctf, pwf } = labelLookup([{ label: 1, rgb: PREVIEW_RGB, opacity: 0.65 }]);
    this.preview.actor.getProperty().setRGBTransferFunction(0, ctf);
    this.preview.actor.getProperty().setPiecewiseFunction(0, pwf);
  }

  private setInput(l: Layer, data: vtkImageData | null): void {
    if (l.input === data) return;
    if (l.input) this.renderer.removeActor(l.actor);
    l.input = data;
    if (data) {
      l.mapper.setInputData(data);
      this.renderer.addActor(l.actor);
    }
  }

  setImage(data: vtkImageData | null): void {
    this.setInput(this.image, data);
  }

  setLabels(data: vtkImageData | null): void {
    this.setInput(this.labels, data);
  }

  setPreview(data: vtkImageData | null): void {
    this.setInput(this.preview, data);
  }

  /** Skip drawing the label layer on slices without labels (a full-view quad of clear pixels). */
  setLabelsVisible(visible: boolean): void {
    this.labels.actor.setVisibility(visible);
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
    this.view.setContainer(null);
    this.renderWindow.removeView(this.view);
    this.view.delete();
    this.renderer.delete();
    this.renderWindow.delete();
  }
}
