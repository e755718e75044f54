// release-watch dashboard: one subject's counts with the expected level and band, its alert periods, and the open
// incidents with "accept as new normal". Everything comes from this server's /api (interactive queries over the
// monitor's stores); the chart library (uPlot) is served from the jar.
"use strict";

const COLORS = { observed: "#0072B2", expected: "#000000", band: "#56B4E9" };
const SEVERITY_COLORS = { CRITICAL: "#D55E00", WARNING: "#E69F00", INFO: "#009E73" };
const SEVERITY_RANK = { INFO: 0, WARNING: 1, CRITICAL: 2 };

const el = (id) => document.getElementById(id);
let plot = null;
let shown = null; // { scope, subject, granularity, windows, periods }

/**
 * The alert links (Alertmanager's generatorURL, see PageLink) use the query string: ?scope=&subject=&granularity=
 * &time=; the page keeps its state in the hash. A link's time becomes a span around it.
 */
function fromLink() {
  const q = new URLSearchParams(location.search);
  if (location.hash.length > 1 || !q.get("scope")) return null;
  const h = new URLSearchParams();
  for (const k of ["scope", "subject", "granularity"]) if (q.get(k)) h.set(k, q.get(k));
  const t = Date.parse(q.get("time") || "");
  if (!Number.isNaN(t)) {
    const day = 86400000;
    const hourly = q.get("granularity") === "HOUR";
    h.set("from", new Date(t - (hourly ? 3 : 42) * day).toISOString().slice(0, 10));
    h.set("to", new Date(t + (hourly ? 3 : 21) * day).toISOString().slice(0, 10));
  }
  return h;
}

function params() {
  const link = fromLink();
  if (link) history.replaceState(null, "", "/#" + link.toString());
  const h = new URLSearchParams(location.hash.slice(1));
  const scope = h.get("scope") || "TOTAL";
  return {
    scope,
    subject: scope === "TOTAL" ? "*" : (h.get("subject") || ""),
    granularity: h.get("granularity") === "HOUR" ? "HOUR" : "DAY",
    from: h.get("from") || "",
    to: h.get("to") || "",
  };
}

function setParams(p) {
  const h = new URLSearchParams();
  h.set("scope", p.scope);
  if (p.scope !== "TOTAL") h.set("subject", p.subject);
  h.set("granularity", p.granularity);
  if (p.from) h.set("from", p.from);
  if (p.to) h.set("to", p.to);
  const next = "#" + h.toString();
  if (location.hash === next) {
    load();
  } else {
    location.hash = next;
  }
}

/** GET JSON, retrying a few times while the stores rebalance (503). */
async function getJson(url) {
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => ({ error: "HTTP " + r.status }));
    if (r.ok) return body;
    if (r.status === 503 && attempt < 10) {
      await new Promise((res) => setTimeout(res, 1000));
      continue;
    }
    throw new Error(body.error || "HTTP " + r.status);
  }
}

function status(text, isError) {
  const s = el("status");
  s.textContent = text;
  s.className = isError ? "error" : "";
}

function fmtTime(iso, granularity) {
  return granularity === "HOUR" ? iso.slice(0, 16).replace("T", " ") : iso.slice(0, 10);
}

function fmtNum(v) {
  return v === null || v === undefined ? "–" : (Math.round(v * 10) / 10).toLocaleString("en");
}

function subjectLabel(scope, subject) {
  return scope === "TOTAL" ? "whole feed" : scope.toLowerCase() + " " + subject;
}

/** Alert state changes of one subject → periods from first FIRING to RESOLVED (or still open), worst severity. */
function periodsOf(alerts) {
  const byId = new Map();
  for (const a of alerts) {
    let p = byId.get(a.alertId);
    if (!p) {
      p = { alertId: a.alertId, start: null, end: null, severity: a.severity, direction: a.direction,
        summary: a.summary, granularity: a.granularity, resolution: null };
      byId.set(a.alertId, p);
    }
    if (a.state === "FIRING") {
      if (!p.start || a.windowStart < p.start) p.start = a.windowStart;
      if (SEVERITY_RANK[a.severity] > SEVERITY_RANK[p.severity]) p.severity = a.severity;
      p.summary = a.summary;
    } else {
      p.end = a.detectedAt;
      p.resolution = a.resolution;
    }
  }
  return [...byId.values()].filter((p) => p.start).sort((x, y) => x.start.localeCompare(y.start));
}

function hatch(ctx, severity) {
  const c = document.createElement("canvas");
  c.width = c.height = 10;
  const g = c.getContext("2d");
  g.strokeStyle = SEVERITY_COLORS[severity];
  g.fillStyle = SEVERITY_COLORS[severity];
  g.globalAlpha = 0.45;
  g.lineWidth = 2;
  if (severity === "INFO") {
    g.beginPath();
    g.arc(5, 5, 1.8, 0, 2 * Math.PI);
    g.fill();
  } else {
    g.beginPath();
    g.moveTo(0, 10);
    g.lineTo(10, 0);
    if (severity === "CRITICAL") {
      g.moveTo(0, 0);
      g.lineTo(10, 10);
    }
    g.stroke();
  }
  return ctx.createPattern(c, "repeat");
}

function drawPeriods(u) {
  if (!shown) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const xs = u.data[0];
  const last = xs.length ? xs[xs.length - 1] : 0;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const p of shown.periods) {
    const s = Date.parse(p.start) / 1000;
    const e = p.end ? Date.parse(p.end) / 1000 : last + (shown.granularity === "DAY" ? 86400 : 3600);
    const x0 = Math.max(left, u.valToPos(s, "x", true));
    const x1 = Math.min(left + width, u.valToPos(e, "x", true));
    if (x1 <= x0) continue;
    ctx.fillStyle = hatch(ctx, p.severity);
    ctx.fillRect(x0, top, x1 - x0, height);
    ctx.strokeStyle = SEVERITY_COLORS[p.severity];
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(x0, top);
    ctx.lineTo(x0, top + height);
    ctx.stroke();
    ctx.fillStyle = "#1b1b1b";
    ctx.font = `bold ${11 * devicePixelRatio}px system-ui, sans-serif`;
    const label = p.severity + (p.end ? "" : " (open)");
    const pad = 4 * devicePixelRatio;
    const w = ctx.measureText(label).width;
    // a period at the right edge gets its label to the left of its start, so it is never cut
    const x = x0 + pad + w <= left + width ? x0 + pad : Math.max(left + pad, x0 - pad - w);
    ctx.fillText(label, x, top + 14 * devicePixelRatio);
  }
  ctx.restore();
}

function chartSize() {
  const w = el("chart").clientWidth || 800;
  return { width: w, height: Math.max(300, Math.min(460, Math.round(w * 0.42))) };
}

function render(p, counts, alerts) {
  const windows = counts.windows;
  const periods = periodsOf(alerts.alerts);
  shown = { ...p, windows, periods };
  const chart = el("chart");
  chart.dataset.scope = p.scope;
  chart.dataset.subject = p.subject;
  chart.dataset.granularity = p.granularity;
  chart.dataset.windows = String(windows.length);
  chart.dataset.alertPeriods = String(periods.length);

  const xs = windows.map((w) => Date.parse(w.start) / 1000);
  const data = [xs, windows.map((w) => w.observed), windows.map((w) => w.expected),
    windows.map((w) => w.low), windows.map((w) => w.high)];
  if (plot) plot.destroy();
  const opts = {
    ...chartSize(),
    title: `${p.granularity === "DAY" ? "Daily" : "Hourly"} releases: ${subjectLabel(p.scope, p.subject)}`,
    scales: { x: { time: true } },
    series: [
      { value: (u, v) => (v === null ? "–" : fmtTime(new Date(v * 1000).toISOString(), p.granularity)) },
      { label: "Observed", stroke: COLORS.observed, width: 2,
        points: { show: windows.length <= 400, size: 6, fill: COLORS.observed }, value: (u, v) => fmtNum(v) },
      { label: "Expected", stroke: COLORS.expected, width: 1.5, dash: [8, 5], points: { show: false },
        value: (u, v) => fmtNum(v) },
      { label: "Low", stroke: COLORS.band, width: 1, dash: [2, 4], points: { show: false },
        value: (u, v) => fmtNum(v) },
      { label: "High", stroke: COLORS.band, width: 1, dash: [2, 4], points: { show: false },
        value: (u, v) => fmtNum(v) },
    ],
    bands: [{ series: [4, 3], fill: "rgba(86, 180, 233, 0.25)" }],
    axes: [{}, { label: "releases", size: 60 }],
    hooks: { drawClear: [drawPeriods] },
  };
  chart.textContent = "";
  plot = new uPlot(opts, data, chart);
  chart.dataset.state = "ready";

  const tbody = el("series-table").querySelector("tbody");
  tbody.textContent = "";
  for (const w of windows) {
    const tr = document.createElement("tr");
    tr.dataset.start = w.start;
    tr.dataset.observed = String(w.observed);
    tr.dataset.expected = w.expected === null ? "" : String(w.expected);
    for (const v of [fmtTime(w.start, p.granularity), w.observed.toLocaleString("en"), fmtNum(w.expected),
      fmtNum(w.low), fmtNum(w.high)]) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.appendChild(td);
    }
    tbody.appendChild(tr);
  }

  const list = el("periods");
  list.textContent = "";
  if (!periods.length) {
    const li = document.createElement("li");
    li.textContent = "No alert for this subject in the history kept.";
    list.appendChild(li);
  }
  for (const period of periods) {
    const li = document.createElement("li");
    li.className = "alert-period";
    li.dataset.alertId = period.alertId;
    li.dataset.severity = period.severity;
    li.dataset.start = period.start;
    li.dataset.end = period.end || "";
    const badge = document.createElement("span");
    badge.className = "badge " + period.severity;
    badge.textContent = period.severity;
    li.append(badge, ` ${period.direction} ${fmtTime(period.start, "HOUR")} → `
      + (period.end ? `${fmtTime(period.end, "HOUR")} (${period.resolution || "resolved"})` : "still firing")
      + ` — ${period.summary}`);
    list.appendChild(li);
  }
  const total = windows.reduce((s, w) => s + w.observed, 0);
  status(windows.length
    ? `${windows.length} windows, ${total.toLocaleString("en")} releases, ${periods.length} alert period(s).`
    : "No counts kept for this subject in that span.");
}

async function load() {
  const p = params();
  el("scope").value = p.scope;
  el("subject").value = p.scope === "TOTAL" ? "*" : p.subject;
  el("subject").disabled = p.scope === "TOTAL";
  for (const r of document.querySelectorAll("input[name=granularity]")) r.checked = r.value === p.granularity;
  el("from").value = p.from;
  el("to").value = p.to;
  if (p.scope !== "TOTAL" && !p.subject) {
    status("Pick a subject.");
    return;
  }
  el("chart").dataset.state = "loading";
  status("Loading…");
  const q = new URLSearchParams({ scope: p.scope, subject: p.subject, granularity: p.granularity });
  if (p.from) q.set("from", p.from);
  if (p.to) q.set("to", p.to);
  const a = new URLSearchParams({ scope: p.scope, subject: p.subject });
  try {
    const [counts, alerts] = await Promise.all([getJson("/api/counts?" + q), getJson("/api/alerts?" + a)]);
    render(p, counts, alerts);
  } catch (e) {
    el("chart").dataset.state = "error";
    status(e.message, true);
  }
}

let searchTimer = null;
function searchSubjects() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const scope = el("scope").value;
    if (scope === "TOTAL") return;
    const q = new URLSearchParams({ scope, q: el("subject").value, limit: "50" });
    try {
      const body = await getJson("/api/subjects?" + q);
      const list = el("subjects");
      list.textContent = "";
      for (const s of body.subjects) {
        const o = document.createElement("option");
        o.value = s.subject;
        list.appendChild(o);
      }
    } catch (e) {
      status(e.message, true);
    }
  }, 150);
}

async function loadIncidents() {
  const ul = el("incidents");
  try {
    const body = await getJson("/api/incidents?open=true");
    ul.textContent = "";
    ul.dataset.count = String(body.incidents.length);
    if (!body.incidents.length) {
      const li = document.createElement("li");
      li.textContent = "No open incident.";
      ul.appendChild(li);
    }
    body.incidents.sort((x, y) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity]
      || x.firingAt.localeCompare(y.firingAt));
    for (const i of body.incidents) ul.appendChild(incidentItem(i));
  } catch (e) {
    ul.textContent = "Incidents unavailable: " + e.message;
  }
}

function incidentItem(i) {
  const li = document.createElement("li");
  li.className = "incident";
  li.dataset.alertId = i.alertId;
  li.dataset.scope = i.scope;
  li.dataset.subject = i.subject;
  li.dataset.severity = i.severity;
  const badge = document.createElement("span");
  badge.className = "badge " + i.severity;
  badge.textContent = i.severity;
  const head = document.createElement("div");
  head.append(badge, ` ${i.direction} · ${subjectLabel(i.scope, i.subject)}`);
  const summary = document.createElement("p");
  summary.className = "summary";
  summary.textContent = i.summary;
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = `Firing since ${fmtTime(i.firingAt, "HOUR")} UTC · observed ${i.observed.toLocaleString("en")}`
    + `, expected ~${fmtNum(i.expected)} · ${i.baseline}`;
  li.append(head, summary, meta);
  if (i.missingContributors && i.missingContributors.length) {
    const why = document.createElement("p");
    why.className = "why";
    why.textContent = i.scope === "TOTAL" ? "Categories far below their baseline:" : "Missing or far below:";
    const list = document.createElement("ul");
    list.className = "missing";
    for (const c of i.missingContributors.slice(0, 8)) {
      const item = document.createElement("li");
      item.textContent = `${c.name}: ${c.observed.toLocaleString("en")} (expected ~${fmtNum(c.expected)})`;
      list.appendChild(item);
    }
    li.append(why, list);
  }
  if (i.affectedSubjects && i.affectedSubjects.length) {
    const together = document.createElement("p");
    together.className = "why together";
    together.textContent = "Categories down together: " + i.affectedSubjects.join(", ");
    li.appendChild(together);
  }
  const buttons = document.createElement("div");
  buttons.className = "buttons";
  const show = document.createElement("button");
  show.type = "button";
  show.className = "show-incident";
  show.textContent = "Show chart";
  show.addEventListener("click", () => setParams({ scope: i.scope, subject: i.subject,
    granularity: "DAY", from: "", to: "" }));
  const accept = document.createElement("button");
  accept.type = "button";
  accept.className = "accept primary";
  accept.textContent = "Accept as new normal…";
  accept.addEventListener("click", () => openAccept(i));
  buttons.append(show, accept);
  li.appendChild(buttons);
  return li;
}

let accepting = null;
function openAccept(incident) {
  accepting = incident;
  el("accept-what").textContent = `${subjectLabel(incident.scope, incident.subject)} — ${incident.summary}`;
  el("accept-error").textContent = "";
  el("operator").value = localStorage.getItem("release-watch.operator") || "";
  el("reason").value = "";
  el("accept-dialog").showModal();
  el("operator").focus();
}

async function confirmAccept(ev) {
  ev.preventDefault();
  const operator = el("operator").value.trim();
  if (!operator) {
    el("accept-error").textContent = "Your name is required: the decision is recorded with it.";
    return;
  }
  const headers = { "Content-Type": "application/json" };
  if (el("token").value) headers.Authorization = "Bearer " + el("token").value;
  const body = { scope: accepting.scope, operator };
  if (accepting.scope !== "TOTAL") body.subject = accepting.subject;
  if (el("reason").value.trim()) body.reason = el("reason").value.trim();
  el("accept-confirm").disabled = true;
  try {
    const r = await fetch("/decisions", { method: "POST", headers, body: JSON.stringify(body) });
    const answer = await r.json().catch(() => ({}));
    if (r.status !== 202) {
      el("accept-error").textContent = (answer.error || "HTTP " + r.status)
        + (r.status === 401 ? " (enter the monitor's bearer token)" : "");
      return;
    }
    localStorage.setItem("release-watch.operator", operator);
    el("accept-dialog").close();
    status(`Decision ${answer.decisionId} recorded; the alert resolves once the monitor applies it.`);
    el("incidents").dataset.lastDecision = answer.decisionId;
    for (let n = 0; n < 15; n++) {
      await new Promise((res) => setTimeout(res, 2000));
      await loadIncidents();
      if (!document.querySelector(`#incidents li[data-alert-id="${CSS.escape(accepting.alertId)}"]`)) break;
    }
    load();
  } catch (e) {
    el("accept-error").textContent = e.message;
  } finally {
    el("accept-confirm").disabled = false;
  }
}

el("pick").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const scope = el("scope").value;
  setParams({ scope, subject: scope === "TOTAL" ? "*" : el("subject").value.trim(),
    granularity: document.querySelector("input[name=granularity]:checked").value,
    from: el("from").value, to: el("to").value });
});
el("scope").addEventListener("change", () => {
  const total = el("scope").value === "TOTAL";
  el("subject").disabled = total;
  el("subject").value = total ? "*" : "";
  if (!total) {
    searchSubjects();
    el("subject").focus();
  }
});
el("subject").addEventListener("input", searchSubjects);
el("accept-form").addEventListener("submit", confirmAccept);
el("accept-cancel").addEventListener("click", () => el("accept-dialog").close());
window.addEventListener("hashchange", load);
window.addEventListener("resize", () => {
  if (plot) plot.setSize(chartSize());
});

load();
loadIncidents();
setInterval(loadIncidents, 30000);
