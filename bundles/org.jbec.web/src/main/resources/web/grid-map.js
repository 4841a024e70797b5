// The current scan as a 2-D map when it moves two motors (grid scans): each point a cell coloured by
// the chosen monitored device. A grid scan's cells are its steps per motor (from its request, so
// readback jitter and snake order do not matter); other scans over two motors get square cells sized
// for their number of points.
"use strict";

const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

function viridis(t) {
  const f = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(f));
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  const u = f - i;
  return "rgb(" + a.map((v, k) => Math.round(v + (b[k] - v) * u)).join(",") + ")";
}

function range(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return [lo, hi];
}

// motors: the scan's report devices; z: the monitored device to colour by
// shape: [steps of the first motor, steps of the second] for a grid scan, else null
function drawGridMap(canvas, motors, points, z, shape) {
  const panel = canvas.parentElement;
  const isMap = motors.length >= 2 && !!z;
  panel.hidden = !isMap;
  $("plot").hidden = isMap && !!shape; // a grid reads better as a map alone; other 2-motor scans keep both
  if (!isMap) { canvas.dataset.cells = "0"; return; }
  const [mx, my] = motors;
  const usable = points.filter((p) => mx in p.values && my in p.values && z in p.values)
    .sort((a, b) => a.point - b.point);
  const xs = usable.map((p) => p.values[mx]);
  const ys = usable.map((p) => p.values[my]);
  const zs = usable.map((p) => p.values[z]);
  const ctx = canvas.getContext("2d");
  const width = canvas.width;
  const height = canvas.height;
  const pad = 40;
  ctx.clearRect(0, 0, width, height);
  canvas.dataset.cells = String(usable.length);
  $("map-title").textContent = z + " over " + mx + " × " + my;
  if (!usable.length) return;
  const side = Math.max(1, Math.round(Math.sqrt(usable.length)));
  const [gridX, gridY] = shape && shape.length === 2 ? shape : [side, side];
  canvas.dataset.shape = gridX + "x" + gridY;
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys);
  const [z0, z1] = range(zs.filter((v) => Number.isFinite(v)));
  const cw = (width - 2 * pad) / gridX;
  const ch = (height - 2 * pad) / gridY;
  const px = (v) => pad + cw / 2 + (x1 > x0 ? (v - x0) / (x1 - x0) : 0.5) * (width - 2 * pad - cw);
  const py = (v) => height - pad - ch / 2 - (y1 > y0 ? (v - y0) / (y1 - y0) : 0.5) * (height - 2 * pad - ch);
  for (let i = 0; i < usable.length; i++) {
    ctx.fillStyle = Number.isFinite(zs[i]) ? viridis(z1 > z0 ? (zs[i] - z0) / (z1 - z0) : 0.5) : "#ccc";
    ctx.fillRect(px(xs[i]) - cw / 2, py(ys[i]) - ch / 2, Math.ceil(cw), Math.ceil(ch));
  }
  ctx.fillStyle = "#222";
  ctx.font = "12px system-ui, sans-serif";
  ctx.fillText(mx + " " + x0.toPrecision(4) + " … " + x1.toPrecision(4), pad, height - 12);
  ctx.save();
  ctx.translate(14, height - pad);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(my + " " + y0.toPrecision(4) + " … " + y1.toPrecision(4), 0, 0);
  ctx.restore();
  $("map-scale").textContent = z + ": " + z0.toPrecision(5) + " (dark) … " + z1.toPrecision(5) + " (bright)";
}
