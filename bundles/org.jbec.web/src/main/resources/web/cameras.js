// The newest frame of each camera that publishes previews, as the server encoded it (a grey PNG scaled
// between the frame's 0.5th and 99.5th percentiles, at most 512 px a side).
"use strict";

const cameras = {};

function showPreview(p) {
  const key = p.device + "/" + p.signal;
  cameras[key] = p;
  const select = $("camera");
  if (![...select.options].some((o) => o.value === key)) {
    const o = el("option", key);
    o.value = key;
    select.append(o);
    if (!select.value) select.value = key;
  }
  $("camera-panel").hidden = false;
  if (select.value === key) drawPreview(p);
}

function drawPreview(p) {
  const img = $("camera-image");
  img.src = p.png; // a data: URL made by the server from the frame; nothing else is put there
  img.dataset.device = p.device;
  img.dataset.frames = String(Number(img.dataset.frames || 0) + 1);
  $("camera-info").textContent = p.rows + " × " + p.cols + ", values " + p.min + " … " + p.max
    + " (shown " + Number(p.scaledFrom).toPrecision(4) + " … " + Number(p.scaledTo).toPrecision(4) + "), "
    + new Date(p.receivedMs).toLocaleTimeString();
}

$("camera").addEventListener("change", (e) => { if (cameras[e.target.value]) drawPreview(cameras[e.target.value]); });
