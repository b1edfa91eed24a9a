// The Playground's painter (anywidget ES module).  The kernel sends numbers
// (nnlib/lessons/l10_model.py documents every array); this module turns them
// into pixels on three canvases: the network (neuron maps, edges, biases),
// the output over the plane (with the points on an overlay) and the loss chart.
// Colours come from Python (model "palette"), so nnlib/colors.py stays the one
// definition.  Clicks and hovers go back to the kernel as small messages.
// The helpers it calls (bytes, floats, canvas, css, signAt, signCode,
// netGeometry, mapImage, niceMax) are in playground_draw.js.

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "nnlib-playground";
  root.style.cssText = "display:flex;gap:16px;align-items:flex-start;font:11px sans-serif";
  const net = canvas("pg-net", 600, 360);
  const outBox = document.createElement("div");
  outBox.style.cssText = "position:relative;width:256px;height:256px";
  const out = canvas("pg-out", 256, 256), over = canvas("pg-points", 256, 256);
  over.style.cssText = "position:absolute;left:0;top:0;cursor:crosshair";
  out.style.cssText = "position:absolute;left:0;top:0";
  outBox.append(out, over);
  const lossC = canvas("pg-loss", 256, 120);
  const right = document.createElement("div");
  const title = document.createElement("div");
  title.textContent = "output (test points outlined; click adds a point)";
  right.append(title, outBox, lossC);
  root.append(net, right);
  el.appendChild(root);

  const small = canvas("", 16, 16), big = canvas("", 64, 64);
  let geo = null, hover = null, painted = 0, pending = false;
  let train = [], test = [];

  function palette() {
    const p = model.get("palette");
    return { classes: p.classes, sign: p.sign, ink: p.ink };
  }

  function geometry() {
    geo = netGeometry(model.get("layout_info"));
    if (net.width !== geo.w || net.height !== geo.h) { net.width = geo.w; net.height = geo.h; }
    root.pgGeometry = geo;                 // for tests: where edges, biases and maps are
  }

  function paintNet(pal) {
    const ctx = net.getContext("2d"), { lay, cells, edges, biases, box } = geo;
    ctx.clearRect(0, 0, net.width, net.height);
    const w = floats(model.get("weights")), b = floats(model.get("biases"));
    const info = model.get("info"), sel = JSON.stringify(info.selected || null);
    let top = 0; w.forEach((v) => { top = Math.max(top, Math.abs(v)); });
    edges.forEach((e, k) => {
      const chosen = JSON.stringify(e.key) === sel;
      ctx.strokeStyle = chosen ? "#000" : css(signAt(pal, signCode(w[k], top)));
      ctx.lineWidth = chosen ? 3 : 0.5 + 3.5 * Math.abs(w[k]) / (top || 1);
      ctx.beginPath(); ctx.moveTo(e.x0, e.y0); ctx.lineTo(e.x1, e.y1); ctx.stroke();
    });
    const maps = bytes(model.get("maps")), m = lay.m, oneD = lay.dim === 1;
    small.width = m; small.height = oneD ? 4 : m;
    let n = 0;
    ctx.imageSmoothingEnabled = true;
    cells.forEach((layer) => layer.forEach((c) => {
      mapImage(small, maps, n * (oneD ? m : m * m), m, pal, oneD);
      ctx.drawImage(small, c.x, c.y, box, box);
      const on = hover && hover[0] === cellLayer(c) && hover[1] === cellIndex(c);
      ctx.strokeStyle = on ? "#000" : pal.ink; ctx.lineWidth = on ? 2 : 0.5;
      ctx.strokeRect(c.x, c.y, box, box);
      n++;
    }));
    let btop = 0; b.forEach((v) => { btop = Math.max(btop, Math.abs(v)); });
    biases.forEach((q, k) => {
      ctx.fillStyle = css(signAt(pal, signCode(b[k], btop)));
      ctx.fillRect(q.x, q.y, 7, 7);
      const chosen = JSON.stringify(q.key) === sel;
      ctx.strokeStyle = chosen ? "#000" : pal.ink; ctx.lineWidth = chosen ? 2 : 0.5;
      ctx.strokeRect(q.x, q.y, 7, 7);
    });
    ctx.fillStyle = pal.ink; ctx.textAlign = "center";
    ["input", ...lay.activations].forEach((name, l) => ctx.fillText(name, cells[l][0].x + box / 2, 14));
    ctx.textAlign = "right";
    cells[0].forEach((c, i) => ctx.fillText(`x${i + 1}`, c.x - 4, c.y + box / 2 + 4));
  }
  function cellLayer(c) { return geo.cells.findIndex((layer) => layer.includes(c)); }
  function cellIndex(c) { return geo.cells[cellLayer(c)].indexOf(c); }

  function paintOut(pal) {
    const lay = geo.lay, ctx = out.getContext("2d"), res = lay.res;
    const hv = bytes(model.get("hover_map"));
    ctx.clearRect(0, 0, 256, 256);
    if (lay.dim === 1) {
      const y = floats(model.get("out"));
      if (hover && hv.length === res) { big.width = res; big.height = 1;
        ctx.imageSmoothingEnabled = false; ctx.drawImage(mapImage(big, hv, 0, res, pal, true), 0, 0, 256, 256); }
      const [lo, hi] = yRange(y);
      ctx.strokeStyle = "#000"; ctx.lineWidth = 2; ctx.beginPath();
      y.forEach((v, i) => { const px = (i + 0.5) * 256 / res, py = 256 * (hi - v) / (hi - lo);
        if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py); });
      ctx.stroke();
      return;
    }
    const useHover = hover && hv.length === res * res;
    const codes = useHover ? hv : bytes(model.get("out"));
    big.width = res; big.height = res;
    const bctx = big.getContext("2d"), img = bctx.createImageData(res, res);
    const regionOf = !useHover && !lay.regression;
    for (let p = 0; p < res * res; p++) {
      const v = codes[p];
      let c;
      if (regionOf) {
        const col = pal.classes[v >> 5], a = 0.3 + 0.6 * (v & 31) / 31;
        c = [255 + a * (col[0] - 255), 255 + a * (col[1] - 255), 255 + a * (col[2] - 255)];
      } else c = signAt(pal, v);
      img.data.set([c[0], c[1], c[2], 255], 4 * p);
    }
    bctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(big, 0, 0, 256, 256);
  }
  function yRange(curve) {
    const pts = floats(model.get("points_xy"));
    let lo = Infinity, hi = -Infinity;
    curve.forEach((v) => { lo = Math.min(lo, v); hi = Math.max(hi, v); });
    for (let i = 1; i < pts.length; i += 2) { lo = Math.min(lo, pts[i]); hi = Math.max(hi, pts[i]); }
    const pad = 0.1 * (hi - lo || 1);
    return [lo - pad, hi + pad];
  }

  function paintPoints(pal) {
    const lay = geo.lay, ctx = over.getContext("2d"), [x0, x1, y0, y1] = lay.extent;
    ctx.clearRect(0, 0, 256, 256);
    const xy = floats(model.get("points_xy")), lab = bytes(model.get("points_label"));
    const tst = bytes(model.get("points_test"));
    let lo = y0, hi = y1;
    if (lay.dim === 1) [lo, hi] = yRange(floats(model.get("out")));
    for (let k = 0; k < lab.length; k++) {
      const px = 256 * (xy[2 * k] - x0) / (x1 - x0), py = 256 * (hi - xy[2 * k + 1]) / (hi - lo);
      ctx.beginPath(); ctx.arc(px, py, 3.6, 0, 2 * Math.PI);
      ctx.fillStyle = lay.dim === 1 ? (tst[k] ? "#fff" : pal.ink) : css(pal.classes[lab[k]]);
      ctx.fill();
      ctx.strokeStyle = tst[k] ? "#000" : pal.ink; ctx.lineWidth = tst[k] ? 1.5 : 0.6;
      ctx.stroke();
    }
  }

  function paintLoss(pal) {
    const ctx = lossC.getContext("2d"), W = lossC.width, H = lossC.height, L = 34, B = 18;
    ctx.clearRect(0, 0, W, H);
    const epoch = model.get("info").epoch, xmax = niceMax(Math.max(epoch, 10));
    let lo = Infinity, hi = -Infinity;
    for (const v of [...train, ...test]) if (v > 0 && isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!isFinite(lo)) { lo = 0.01; hi = 1; }
    const d0 = Math.floor(Math.log10(lo)), d1 = Math.max(Math.ceil(Math.log10(hi)), d0 + 1);
    const X = (e) => L + (W - L - 6) * e / xmax, Y = (v) => 8 + (H - B - 8) * (d1 - Math.log10(v)) / (d1 - d0);
    ctx.strokeStyle = pal.ink; ctx.lineWidth = 0.6; ctx.fillStyle = pal.ink;
    ctx.strokeRect(L, 8, W - L - 6, H - B - 8);
    ctx.textAlign = "center";
    for (const e of [0, xmax / 2, xmax]) ctx.fillText(String(e), X(e), H - 5);
    ctx.textAlign = "right";
    for (let d = d0; d <= d1; d++) ctx.fillText(`1e${d}`, L - 3, Y(Math.pow(10, d)) + 3);
    ctx.textAlign = "left"; ctx.fillText("train", L + 6, 19); ctx.fillStyle = "#888";
    ctx.fillText("- - test", L + 40, 19);
    [[train, pal.ink, []], [test, "#888", [4, 3]]].forEach(([curve, color, dash]) => {
      ctx.strokeStyle = color; ctx.lineWidth = 1.4; ctx.setLineDash(dash); ctx.beginPath();
      let started = false;
      curve.forEach((v, i) => { if (!(v > 0)) return; const px = X(i + 1), py = Y(v);
        if (started) ctx.lineTo(px, py); else { ctx.moveTo(px, py); started = true; } });
      ctx.stroke(); ctx.setLineDash([]);
    });
    lossC.dataset.xmax = xmax; lossC.dataset.points = train.length;
  }

  function takeLoss() {
    const info = model.get("info"), pts = floats(model.get("loss"));
    if (info.loss_from === 0) { train = []; test = []; }
    else if (info.loss_from !== train.length) { model.send({ type: "resync" }); return; }
    for (let i = 0; i < pts.length; i += 2) { train.push(pts[i]); test.push(pts[i + 1]); }
  }

  function paint() {
    pending = false;
    if (!geo) return;
    const pal = palette();
    paintNet(pal); paintOut(pal); paintPoints(pal); paintLoss(pal);
    root.dataset.painted = ++painted;
    root.dataset.epoch = model.get("info").epoch;
    if (window.__pgTrace) window.__pgTrace.push(performance.now());
  }
  function schedule() { if (!pending) { pending = true; requestAnimationFrame(paint); } }

  model.on("change:layout_info", () => { geometry(); schedule(); });
  model.on("change:info", () => { takeLoss(); schedule(); });
  model.on("change:points_xy", schedule);
  model.on("change:hover_map", schedule);

  over.addEventListener("click", (ev) => {
    const lay = geo && geo.lay;
    if (!lay || lay.dim !== 2 || lay.regression) return;
    const r = over.getBoundingClientRect(), [x0, x1, y0, y1] = lay.extent;
    const x = x0 + (x1 - x0) * (ev.clientX - r.left) / r.width;
    const y = y1 - (y1 - y0) * (ev.clientY - r.top) / r.height;
    model.send({ type: "add", x, y });
  });
  function netPoint(ev) { const r = net.getBoundingClientRect();
    return [(ev.clientX - r.left) * net.width / r.width, (ev.clientY - r.top) * net.height / r.height]; }
  net.addEventListener("click", (ev) => {
    if (!geo) return;
    const [x, y] = netPoint(ev);
    const q = geo.biases.find((s) => Math.abs(x - s.x - 3.5) <= 6 && Math.abs(y - s.y - 3.5) <= 6);
    if (q) return model.send({ type: "select", key: q.key });
    let best = null, dist = 6;
    for (const e of geo.edges) {
      const dx = e.x1 - e.x0, dy = e.y1 - e.y0, s = ((x - e.x0) * dx + (y - e.y0) * dy) / (dx * dx + dy * dy);
      if (s < 0.05 || s > 0.95) continue;
      const d = Math.hypot(e.x0 + s * dx - x, e.y0 + s * dy - y);
      if (d < dist) { dist = d; best = e; }
    }
    if (best) model.send({ type: "select", key: best.key });
  });
  net.addEventListener("mousemove", (ev) => {
    if (!geo) return;
    const [x, y] = netPoint(ev), b = geo.box;
    let found = null;
    geo.cells.forEach((layer, l) => layer.forEach((c, i) => {
      if (x >= c.x && x <= c.x + b && y >= c.y && y <= c.y + b) found = [l, i]; }));
    if (JSON.stringify(found) !== JSON.stringify(hover)) {
      hover = found; model.send({ type: "hover", neuron: found }); schedule();
    }
  });
  net.addEventListener("mouseleave", () => {
    if (hover) { hover = null; model.send({ type: "hover", neuron: null }); schedule(); }
  });

  geometry();
  const info = model.get("info");
  if (info && info.epoch > 0 && info.loss_from !== 0) model.send({ type: "resync" });
  else takeLoss();
  schedule();
}

export default { render };
