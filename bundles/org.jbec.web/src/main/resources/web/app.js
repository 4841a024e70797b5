// jBEC live view. Everything arrives over one Server-Sent Events stream (no polling); every text from
// the bus is put on the page with textContent, never as HTML.
"use strict";

const state = { scan: {}, points: [], queues: {}, yDevice: null, compare: null };
// read by the end-to-end test: when the page got its snapshot and how long points took to be drawn
// (drawnAt: point id -> Date.now() when that point of the current scan was first drawn)
window.jbecMetrics = { snapshotAt: null, latencies: [], drawnAt: {}, drawnPoints: 0, events: 0 };


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

// the current scan's (x, y) and fit, and an earlier scan's (x, y) when one is chosen for comparison;
// uPlot wants one x array for all series, so with a comparison the x values of both are merged
function plotData() {
  const x = xDevice();
  const y = state.yDevice;
  const sorted = state.points.filter((p) => x in p.values).sort((a, b) => a.point - b.point);
  const xs = sorted.map((p) => p.values[x]);
  const ys = sorted.map((p) => (y && y in p.values ? p.values[y] : null));
  // the fit, drawn where its x matches a point of the scan (it was computed on those points)
  const fitted = new Map();
  if (state.fit && state.fit.xDevice === x && state.fit.yDevice === y) {
    state.fit.x.forEach((fx, i) => fitted.set(fx, state.fit.y[i]));
  }
  const fit = (v) => (fitted.has(v) ? fitted.get(v) : null);
  const other = state.compare ? state.compare.points.filter((p) => x in p.values && y in p.values) : [];
  if (!other.length) return [xs, ys, xs.map(fit), xs.map(() => null)];
  const mine = new Map(xs.map((v, i) => [v, ys[i]]));
  const theirs = new Map(other.map((p) => [p.values[x], p.values[y]]));
  const all = [...new Set([...xs, ...theirs.keys()])].sort((a, b) => a - b);
  return [all, all.map((v) => (mine.has(v) ? mine.get(v) : null)), all.map(fit),
    all.map((v) => (theirs.has(v) ? theirs.get(v) : null))];
}

function ensurePlot() {
  const box = $("plot");
  const width = Math.max(300, box.clientWidth || 600);
  const compareLabel = state.compare ? "#" + state.compare.scan.scanNumber : "earlier";
  const series = [{ label: xDevice() || "x" }, { label: state.yDevice || "y", stroke: "#1560bd", width: 2,
    points: { show: true, size: 5 }, spanGaps: true }, { label: "fit", stroke: "#d2691e", width: 2, dash: [6, 4],
    points: { show: false }, spanGaps: true }, { label: compareLabel, stroke: "#999", width: 1.5,
    points: { show: true, size: 4 }, spanGaps: true }];
  if (plot && plot.series[0].label === series[0].label && plot.series[1].label === series[1].label
    && plot.series[3].label === series[3].label) return;
  if (plot) plot.destroy();
  plot = new uPlot({ width, height: 360, scales: { x: { time: false } }, series,
    axes: [{ label: xDevice() || "" }, { label: state.yDevice || "" }] }, [[], [], [], []], box);
}

function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    refreshChoices();
    ensurePlot();
    plot.setData(plotData());
    drawGridMap($("map"), state.scan.reportDevices || [], state.points, state.yDevice, state.scan.gridShape);
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

$("queue-choice").addEventListener("change", () => showQueues(state.queues));
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
  // the buttons act on the queue chosen here (primary unless another is picked)
  const choice = $("queue-choice");
  const names = Object.keys(state.queues).sort((a, b) => (a === "primary" ? -1 : b === "primary" ? 1 : a < b ? -1 : 1));
  if (names.join("\u0000") !== [...choice.options].map((o) => o.value).join("\u0000")) {
    const chosen = choice.value;
    choice.replaceChildren(...names.map((n) => { const o = el("option", n); o.value = n; return o; }));
    if (names.includes(chosen)) choice.value = chosen;
  }
  const shown = state.queues[choice.value];
  $("queue-status").textContent = shown ? shown.status : "–";
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
  const values = readbacks.values || {};
  const moving = new Set(readbacks.moving || []);
  const rows = Object.keys(values).sort().map((d) => {
    const tr = el("tr", null, moving.has(d) ? "moving" : "");
    const v = values[d];
    tr.append(el("td", d), el("td", typeof v === "number" ? v.toPrecision(6) : v, "num"),
      el("td", moving.has(d) ? "moving" : ""));
    tr.dataset.device = d;
    tr.dataset.moving = String(moving.has(d));
    return tr;
  });
  replaceRows($("readbacks"), rows);
}

// ---- earlier scans, for comparison -----------------------------------------------------------------
function showEarlier(earlier) {
  const select = $("compare");
  const chosen = select.value;
  select.replaceChildren(el("option", "none"), ...(earlier || []).map((e) => {
    const o = el("option", "#" + e.scanNumber + " " + (e.scanName || "") + " (" + e.points + " points, "
      + e.status + ")");
    o.value = String(e.scanNumber);
    return o;
  }));
  select.firstChild.value = "";
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

$("compare").addEventListener("change", async (e) => {
  const number = e.target.value;
  if (!number) { state.compare = null; scheduleDraw(); return; }
  try {
    const response = await fetch("../api/scan?number=" + encodeURIComponent(number));
    const answer = await response.json();
    state.compare = answer.error ? null : answer;
    $("compare").dataset.loaded = answer.error ? "" : number;
  } catch (err) {
    state.compare = null;
  }
  scheduleDraw();
});

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
    showEarlier(s.earlier);
    for (const p of s.previews || []) showPreview(p);
    scheduleDraw();
    window.jbecMetrics.snapshotAt = performance.now();
  });
  on("scan", (s) => {
    if (s.reset) {
      state.points = []; undrawn = []; state.fit = null; window.jbecMetrics.drawnAt = {};
      $("fit-result").textContent = ""; delete $("fit-result").dataset.fitted; // it was of the last scan
    }
    if (s.earlier) showEarlier(s.earlier);
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
  on("preview", showPreview);
  on("earlier", (e) => showEarlier(e.earlier));
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
      headers: FORM_HEADERS,
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
        headers: FORM_HEADERS,
        body: new URLSearchParams({ action: button.dataset.action, queue: $("queue-choice").value || "primary" }) });
      const answer = await response.json();
      result.textContent = response.ok ? "sent " + answer.sent + (answer.queue === "primary" ? "" : " to " + answer.queue)
        : "refused: " + answer.error;
      result.className = response.ok ? "" : "error";
    } catch (e) {
      result.textContent = "failed: " + e;
      result.className = "error";
    }
  });
}

// with ACLs on, the page starts once the operator logged in (login.js)
startWhenAllowed(connect);
