// Drawing helpers of the Playground's painter, free of any widget state:
// buffers from the kernel, canvases, the sign colour code, a neuron's map as
// an image, the network's geometry (where every neuron, edge and bias sits).
// playground_canvas.py puts this file in front of playground.js: one module.

function bytes(dv) {
  if (!dv || !dv.byteLength) return new Uint8Array(0);
  return new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength);
}
function floats(dv) {
  const b = bytes(dv);
  return new Float32Array(b.slice().buffer);   // a copy: aligned for float32
}
function canvas(cls, w, h) {
  const c = document.createElement("canvas");
  c.className = cls; c.width = w; c.height = h;
  return c;
}
const css = ([r, g, b]) => `rgb(${r},${g},${b})`;
function signAt(pal, code) { const s = pal.sign; return [s[3 * code], s[3 * code + 1], s[3 * code + 2]]; }
function signCode(v, top) { return Math.round(127.5 * (Math.max(-1, Math.min(1, v / (top || 1))) + 1)); }

// Where the network is drawn, from the kernel's layout (sizes per layer):
// cells (neuron maps, box px square), edges (weights, [l, "W", i, j]) and
// biases ([l, "b", j]), and the canvas size w x h that holds them.
function netGeometry(lay) {
  const sizes = lay.sizes, L = sizes.length;
  const most = Math.max(...sizes), box = most > 8 ? 20 : 30, gap = most > 8 ? 6 : 10;
  const col = Math.min(100, Math.max(60, 560 / Math.max(L - 1, 1)));
  const w = Math.round(50 + col * (L - 1) + box + 20), h = 30 + most * (box + gap) + 10;
  const cells = sizes.map((n, l) => Array.from({ length: n }, (_, i) => ({
    x: 40 + l * col, y: 30 + (most - n) * (box + gap) / 2 + i * (box + gap) })));
  const edges = [];
  for (let l = 0; l + 1 < L; l++)
    for (let i = 0; i < sizes[l]; i++)
      for (let j = 0; j < sizes[l + 1]; j++) {
        const a = cells[l][i], b = cells[l + 1][j];
        edges.push({ key: [l, "W", i, j], x0: a.x + box, y0: a.y + box / 2, x1: b.x, y1: b.y + box / 2 });
      }
  const biases = [];
  for (let l = 1; l < L; l++)
    cells[l].forEach((c, j) => biases.push({ key: [l - 1, "b", j], x: c.x - 9, y: c.y + box - 7 }));
  return { lay, sizes, cells, edges, biases, box, w, h };
}

function mapImage(target, codes, offset, n, pal, oneD) {
  const ctx = target.getContext("2d"), img = ctx.createImageData(target.width, target.height);
  const W = target.width;
  for (let p = 0; p < W * target.height; p++) {
    const v = codes[offset + (oneD ? p % W : p)], c = signAt(pal, v);
    img.data.set([c[0], c[1], c[2], 255], 4 * p);
  }
  ctx.putImageData(img, 0, 0);
  return target;
}

function niceMax(n) {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(n, 1))));
  for (const f of [1, 2, 5, 10]) if (f * p >= n) return f * p;
  return 10 * p;
}
