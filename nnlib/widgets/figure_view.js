// The browser view of an explorer's figure (figure_view.py): the kernel draws
// the figure with matplotlib (Agg) and sends each frame as one whole PNG;
// this paints it on a canvas.  A frame is decoded off the main thread
// (createImageBitmap) and drawn 1:1; a frame decoded after a newer one is
// dropped, so the newest whole frame is always what shows.  No diff frames,
// no copy of the canvas sent back (ipympl does both).

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "nnlib-figure";
  const note = document.createElement("div");
  note.className = "nnlib-figure-error";
  note.style.cssText = "color:#B00020;font-size:12px";
  el.append(canvas, note);
  const ctx = canvas.getContext("2d");
  let asked = 0, drawn = 0;

  async function paint() {
    const dv = model.get("frame");
    if (!dv || !dv.byteLength) return;
    const n = ++asked, got = performance.now();
    const png = new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength);
    try {
      const image = await createImageBitmap(new Blob([png], { type: "image/png" }));
      if (n < drawn) { image.close(); return; }          // a newer frame is already up
      drawn = n;
      const [w, h] = model.get("size");
      if (canvas.width !== image.width || canvas.height !== image.height) {
        canvas.width = image.width; canvas.height = image.height;
      }
      canvas.style.width = `${w}px`; canvas.style.height = `${h}px`;
      ctx.drawImage(image, 0, 0);
      image.close();
      // a benchmark that sets this list learns when each frame came and was painted
      if (window.__figTrace) window.__figTrace.push([got, performance.now()]);
      note.textContent = "";
    } catch (err) {
      note.textContent = `This figure could not be shown: ${err}`;
    }
  }
  model.on("change:frame", paint);
  paint();
  // the kernel draws at this many pixels per CSS pixel, so text stays sharp
  model.send({ type: "ratio", ratio: window.devicePixelRatio || 1 });
}

export default { render };
