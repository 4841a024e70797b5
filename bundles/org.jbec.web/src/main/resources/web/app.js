// jBEC live view. Everything arrives over one Server-Sent Events stream (no polling); every text from
// the bus is put on the page with textContent, never as HTML.
"use strict";

const state = { scan: {}, points: [], queues: {}, yDevice: null };
// read by the end-to-end test: when the page got its snapshot and how long points took to be drawn
// (drawnAt: point id -> Date.now() when that point of the current scan was first drawn)
window.jbecMetrics = { snapshotAt: null, latencies: [], drawnAt: {}, drawnPoints: 0, events: 0 };

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function replaceRows(tbody, rows) {
  tbody.replaceChildren(...rows);
}

// ---- plot -----------------------------------------------------------------------------------------
let plot = null;
let drawPending = false;
let undrawn = [];

function xDevice() {
  const report = state.scan.reportDevices || [];
  return report.length ? report[0] : null;
}

function deviceChoices() {
  const names = new Set();
  for (const p of state.points) for (const d of Object.keys(p.values)) names.add(d);
  const x = xDevice();
  names.delete(x);
  return [...names].sort();
}

function refreshChoices() {
  const select = $("y-device");
  const choices = deviceChoices();
  const current = [...select.options].map((o) => o.value);
  if (choices.join("\u0000") !== current.join("\u0000")) {
    select.replaceChildren(...choices.map((d) => { const o = el("option", d); o.value = d; return o; }));
  }
  if (!state.yDevice || !choices.includes(state.yDevice)) {
    state.yDevice = choices.includes("bpm4i") ? "bpm4i" : (choices[0] || null);
  }
  if (state.yDevice) select.value = state.yDevice;
}

function plotData() {
  const x = xDevice();
  const y = state.yDevice;
  const sorted = state.points.filter((p) => x in p.values).sort((a, b) => a.point - b.point);
  const xs = sorted.map((p) => p.values[x]);
  // the fit, drawn where its x matches a point of the scan (it was computed on those points)
  const fitted = new Map();
  if (state.fit && state.fit.xDevice === x && state.fit.yDevice === y) {
    state.fit.x.forEach((fx, i) => fitted.set(fx, state.fit.y[i]));
  }
  return [xs, sorted.map((p) => (y && y in p.values ? p.values[y] : null)),
    xs.map((v) => (fitted.has(v) ? fitted.get(v) : null))];
}

function ensurePlot() {
  const box = $("plot");
  const width = Math.max(300, box.clientWidth || 600);
  const series = [{ label: xDevice() || "x" }, { label: state.yDevice || "y", stroke: "#1560bd", width: 2,
    points: { show: true, size: 5 } }, { label: "fit", stroke: "#d2691e", width: 2, dash: [6, 4],
    points: { show: false } }];
  if (plot && plot.series[0].label === series[0].label && plot.series[1].label === series[1].label) return;
  if (plot) plot.destroy();
  plot = new uPlot({ width, height: 360, scales: { x: { time: false } }, series,
    axes: [{ label: xDevice() || "" }, { label: state.yDevice || "" }] }, [[], [], []], box);
}

function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    refreshChoices();
    ensurePlot();
    plot.setData(plotData());
    const now = Date.now();
    for (const p of undrawn) {
      window.jbecMetrics.latencies.push(now - p.busMs);
      window.jbecMetrics.drawnAt[p.point] = now;
    }
    window.jbecMetrics.drawnPoints = state.points.length;
    undrawn = [];
    $("x-device").textContent = xDevice() || "–";
    $("point-count").textContent = state.points.length + " points";
    $("plot").dataset.points = String(state.points.length);
  });
}

$("y-device").addEventListener("change", (e) => { state.yDevice = e.target.value; scheduleDraw(); });

// ---- scan, queue, alarms, readbacks ----------------------------------------------------------------
function showScan(scan) {
  state.scan = scan || {};
  const s = state.scan;
  $("scan-title").textContent = s.scanNumber != null
    ? "#" + s.scanNumber + " " + (s.scanName || "") + " — " + s.status : "none yet";
  $("scan-title").dataset.status = s.status || "";
}

function showQueues(queues) {
  state.queues = queues || {};
  const primary = state.queues.primary;
  $("queue-status").textContent = primary ? primary.status : "–";
  const rows = [];
  for (const [name, q] of Object.entries(state.queues)) {
    for (const item of q.items) {
      const tr = el("tr");
      tr.append(el("td", (name === "primary" ? "" : name + ": ") + String(item.queueId).slice(0, 8)),
        el("td", (item.scanNumbers || []).filter((n) => n != null).join(", ")),
        el("td", (item.scanTypes || []).join(", ")), el("td", item.status));
      tr.dataset.status = item.status;
      rows.push(tr);
    }
  }
  replaceRows($("queue-items"), rows);
}

function addAlarm(alarm, atTop) {
  const li = el("li", null, "sev" + alarm.severity);
  const when = new Date(alarm.receivedMs).toLocaleTimeString();
  li.append(el("span", when + " "), el("b", alarm.type + (alarm.device ? " (" + alarm.device + ")" : "") + ": "),
    el("span", alarm.message));
  const list = $("alarms");
  if (atTop) list.prepend(li); else list.append(li);
  while (list.children.length > 100) list.lastChild.remove();
}

function showReadbacks(readbacks) {
  const rows = Object.keys(readbacks).sort().map((d) => {
    const tr = el("tr");
    const v = readbacks[d];
    tr.append(el("td", d), el("td", typeof v === "number" ? v.toPrecision(6) : v, "num"));
    tr.dataset.device = d;
    return tr;
  });
  replaceRows($("readbacks"), rows);
}

// ---- the stream ------------------------------------------------------------------------------------
function connect() {
  const events = new EventSource("../events");
  const on = (name, handler) => events.addEventListener(name, (e) => {
    window.jbecMetrics.events++;
    handler(JSON.parse(e.data));
  });
  events.onopen = () => { $("connection").textContent = "live"; $("connection").className = "good"; };
  events.onerror = () => { $("connection").textContent = "reconnecting…"; $("connection").className = "bad"; };
  on("snapshot", (s) => {
    showScan(s.scan);
    state.points = s.points;
    undrawn = [];
    showQueues(s.queues);
    $("alarms").replaceChildren();
    for (const a of s.alarms) addAlarm(a, false);
    showReadbacks(s.readbacks);
    scheduleDraw();
    window.jbecMetrics.snapshotAt = performance.now();
  });
  on("scan", (s) => {
    if (s.reset) {
      state.points = []; undrawn = []; state.fit = null; window.jbecMetrics.drawnAt = {};
      $("fit-result").textContent = ""; delete $("fit-result").dataset.fitted; // it was of the last scan
    }
    showScan(s);
    scheduleDraw();
  });
  on("points", (u) => {
    if (u.scanId !== state.scan.scanId) return;
    state.points.push(...u.points);
    undrawn.push(...u.points);
    scheduleDraw();
  });
  on("queue", showQueues);
  on("alarm", (a) => addAlarm(a, true));
  on("readbacks", showReadbacks);
  on("refused", (r) => { $("connection").textContent = r.error; events.close(); });
}

// ---- fit -------------------------------------------------------------------------------------------
$("fit").addEventListener("click", async () => {
  const result = $("fit-result");
  const x = xDevice();
  const y = state.yDevice;
  if (!x || !y) { result.textContent = "no scan to fit"; result.className = "error"; return; }
  result.textContent = "fitting…";
  result.className = "";
  try {
    const response = await fetch("../api/fit", { method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ model: $("fit-model").value, x, y }) });
    const answer = await response.json();
    if (answer.error) {
      result.textContent = "fit: " + answer.error;
      result.className = "error";
      return;
    }
    state.fit = { xDevice: x, yDevice: y, x: answer.x, y: answer.y };
    result.textContent = $("fit-model").value + ": " + Object.entries(answer.parameters || {})
      .map(([k, v]) => k + " = " + Number(v).toPrecision(5)).join(", ");
    result.dataset.fitted = String(answer.x.length);
    scheduleDraw();
  } catch (e) {
    result.textContent = "fit failed: " + e;
    result.className = "error";
  }
});

// ---- buttons ---------------------------------------------------------------------------------------
for (const button of document.querySelectorAll("button[data-action]")) {
  button.addEventListener("click", async () => {
    const result = $("action-result");
    try {
      const response = await fetch("../api/queue", { method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ action: button.dataset.action, queue: "primary" }) });
      const answer = await response.json();
      result.textContent = response.ok ? "sent " + answer.sent : "refused: " + answer.error;
      result.className = response.ok ? "" : "error";
    } catch (e) {
      result.textContent = "failed: " + e;
      result.className = "error";
    }
  });
}

connect();
