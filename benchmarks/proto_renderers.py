# ruff: noqa: E501  (a throw-away prototype: the notebook code inside is kept compact)
"""Prototype behind the Playground's renderer choice (issue 11): the same
frame (a 64x64 output image, 20 neuron maps of 16x16, 96 coloured edges)
painted by anywidget (an ES module of ours, raw uint8/float32 buffers, colours
looked up in the browser) and by ipycanvas (drawing commands from Python,
RGB image data), while the kernel trains the default 2-8-8-2 network 10
epochs per frame.  Counted in the page: a canvas repaint is a change of a
pixel hash, checked on every animation frame.

Run: python benchmarks/proto_renderers.py   (JupyterLab + headless Chromium)
"""

from __future__ import annotations

import json

from _page import gaps, kernel_eval, notebook_page, stop_watching, watch

SETUP = r'''
import asyncio, time, numpy as np, anywidget, traitlets, ipycanvas
from ipycanvas import Canvas, hold_canvas
from nnlib import Dense, Network, datasets, optim
from nnlib.colors import sign_rgb, CLASS_COLORS, hex_to_rgb
X, y = datasets.load("spirals", n=300, noise=0.1, classes=2, rng=0)
g = np.linspace(-1.3, 1.3, 64); G = np.c_[[a for b in g for a in g], np.repeat(g, 64)]
def frame(net):
    acts, A = [], G
    for layer in net.layers:
        A = layer.forward(A, cache=False); acts.append(A)
    p = acts[-1]
    maps = np.concatenate([a.reshape(64, 64, -1)[::4, ::4] for a in acts[:-1]], axis=2)
    return p, maps
ESM = """
export default { render({ model, el }) {
  const c = document.createElement("canvas"); c.width = 600; c.height = 300; el.appendChild(c);
  const ctx = c.getContext("2d"); const pal = model.get("palette");
  const off = document.createElement("canvas"); off.width = 64; off.height = 64;
  const octx = off.getContext("2d"); const img = octx.createImageData(64, 64);
  const m = document.createElement("canvas"); m.width = 16; m.height = 16;
  const mctx = m.getContext("2d"); const mimg = mctx.createImageData(16, 16);
  let pending = false;
  function paint() {
    pending = false;
    const out = new Uint8Array(model.get("out").buffer);
    for (let i = 0; i < 4096; i++) { const k = out[i] >> 5, t = (out[i] & 31) / 31;
      const col = pal[k]; const a = 0.3 + 0.6 * t;
      img.data[4*i] = 247 + a * (col[0] - 247); img.data[4*i+1] = 247 + a * (col[1] - 247);
      img.data[4*i+2] = 247 + a * (col[2] - 247); img.data[4*i+3] = 255; }
    octx.putImageData(img, 0, 0); ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 300, 0, 256, 256);
    const maps = new Uint8Array(model.get("maps").buffer); const sg = model.get("sign");
    for (let j = 0; j < 16; j++) { for (let i = 0; i < 256; i++) {
        const v = maps[j * 256 + i]; mimg.data[4*i] = sg[v][0]; mimg.data[4*i+1] = sg[v][1];
        mimg.data[4*i+2] = sg[v][2]; mimg.data[4*i+3] = 255; }
      mctx.putImageData(mimg, 0, 0); ctx.drawImage(m, 20 + 90 * Math.floor(j / 8), 10 + 34 * (j % 8), 30, 30); }
    const w = new Float32Array(model.get("w").buffer);
    ctx.clearRect(0, 0, 0, 0);
    for (let e = 0; e < w.length; e++) { ctx.beginPath(); ctx.strokeStyle = w[e] > 0 ? "#5E3C99" : "#E66101";
      ctx.lineWidth = Math.min(4, Math.abs(w[e])); ctx.moveTo(50, 10 + 3 * (e % 90)); ctx.lineTo(110, 20 + 2 * e % 250); ctx.stroke(); }
  }
  model.on("change:out", () => { if (!pending) { pending = true; requestAnimationFrame(paint); } });
}};
"""
class Proto(anywidget.AnyWidget):
    _esm = ESM
    out = traitlets.Bytes().tag(sync=True); maps = traitlets.Bytes().tag(sync=True)
    w = traitlets.Bytes().tag(sync=True)
    palette = traitlets.List().tag(sync=True); sign = traitlets.List().tag(sync=True)
pal = [[int(255 * v) for v in hex_to_rgb(c)] for c in CLASS_COLORS]
sign = sign_rgb(np.linspace(-1, 1, 256)).tolist()
proto = Proto(palette=pal, sign=sign)
canvas = Canvas(width=600, height=300); small = Canvas(width=64, height=64)
stats = {}
async def run(kind, seconds=6.0):
    net = Network([Dense(2, 8, "tanh", rng=0), Dense(8, 8, "tanh", rng=1), Dense(8, 2, "softmax", rng=2)])
    opt = optim.get("adam", lr=0.03); t0 = time.perf_counter(); n = 0; sent = 0
    while time.perf_counter() - t0 < seconds:
        net.fit(X, y, loss="cross_entropy", optimizer=opt, epochs=10, batch_size=32, rng=n)
        p, maps = frame(net); n += 1
        w = np.concatenate([l.W.ravel() for l in net.layers]).astype(np.float32)
        if kind == "anywidget":
            cls = p.argmax(1); conf = np.clip(2 * p.max(1) - 1, 0, 1)
            out = (cls * 32 + np.round(conf * 31)).astype(np.uint8).tobytes()
            m = np.round((np.clip(maps, -1, 1) + 1) * 127.5).astype(np.uint8)
            m = np.moveaxis(m, 2, 0).tobytes()
            with proto.hold_sync():
                proto.out, proto.maps, proto.w = out, m, w.tobytes()
            sent += len(out) + len(m) + 4 * len(w)
        else:
            cls = p.argmax(1); conf = np.clip(2 * p.max(1) - 1, 0, 1)[:, None]
            col = np.array(pal)[cls]; rgb = (247 + (0.3 + 0.6 * conf) * (col - 247)).astype(np.uint8)
            with hold_canvas(canvas):
                small.put_image_data(rgb.reshape(64, 64, 3), 0, 0)
                canvas.draw_image(small, 300, 0, 256, 256)
                for j in range(maps.shape[2]):
                    canvas.put_image_data(np.repeat(np.repeat(sign_rgb(maps[:, :, j]), 2, 0), 2, 1), 20 + 90 * (j // 8), 10 + 34 * (j % 8))
                for e, v in enumerate(w):
                    canvas.stroke_style = "#5E3C99" if v > 0 else "#E66101"
                    canvas.line_width = float(min(4, abs(v))); canvas.stroke_line(50, 10 + 3 * (e % 90), 110, 20 + 2 * e % 250)
        await asyncio.sleep(0.001)
    stats[kind] = dict(kernel_frames=n, seconds=time.perf_counter() - t0, bytes=sent / max(n, 1))
'''



def measure(page, kind, selector):
    watch(page, selector)
    kernel_eval(page, f"await run('{kind}')")
    stop_watching(page)
    t = page.evaluate("window.__changes")
    stats = json.loads(kernel_eval(page, f"import json; print(json.dumps(stats['{kind}']))"))
    p50, p95 = gaps(t) if len(t) > 2 else (float("nan"), float("nan"))
    span = (t[-1] - t[0]) / 1000 if len(t) > 2 else float("nan")
    return dict(kind=kind, painted_fps=(len(t) - 1) / span, p50=p50, p95=p95,
                kernel_fps=stats["kernel_frames"] / stats["seconds"])


def main():
    with notebook_page(SETUP, "proto", "canvas", name="proto.ipynb", run=False) as (page, root):
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_timeout(15000)
        rows = []
        for _ in range(2):
            rows.append(measure(page, "anywidget", ".jp-Notebook .jp-Cell:nth-child(2) canvas"))
            rows.append(measure(page, "ipycanvas", ".jp-Notebook .jp-Cell:nth-child(3) canvas"))
        print(f"{'renderer':<10} {'painted fps':>11} {'p50 gap ms':>10} {'p95 gap ms':>10} {'kernel fps':>10}")
        for r in rows:
            print(f"{r['kind']:<10} {r['painted_fps']:11.1f} {r['p50']:10.1f} {r['p95']:10.1f} "
                  f"{r['kernel_fps']:10.1f}")
        page.screenshot(path=str(root / "proto.png"))
        print("screenshot:", root / "proto.png")


if __name__ == "__main__":
    main()
