// The agentlevels playground: plain JavaScript over the JSON endpoints (docs/editor.md).
// Offsets are UTF-16 code units, as the textarea's selectionStart counts them.
"use strict";

const $ = (id) => document.getElementById(id);
const input = $("formula");
const backdrop = $("backdrop");
const measure = $("measure");
const list = $("completions");
const DEBOUNCE_MS = 150;

let texts = {};
let locale = "en";
let generation = 0; // answers to an older text are dropped
let checkTimer = 0;
let hoverTimer = 0;
let shownTeam = null; // the request whose answer the team table shows
let items = [];
let selected = 0;

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  return { ok: response.ok, status: response.status, data };
}

function t(key) {
  return (texts[locale] || texts.en || {})[key] || key;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function request(extra) {
  return Object.assign({ text: input.value, kind: $("kind").value, locale }, extra || {});
}

// ---- words -----------------------------------------------------------------

function applyTexts() {
  document.documentElement.lang = locale;
  for (const node of document.querySelectorAll("[data-text]")) {
    node.textContent = t(node.dataset.text);
  }
  input.placeholder = t("placeholder");
  document.title = t("title");
}

// ---- diagnostics -----------------------------------------------------------

// Marks the spans of the diagnostics in the backdrop; overlapping spans are cut
// at every boundary so that each character is in at most one mark.
function underline(text, diagnostics) {
  backdrop.textContent = "";
  const cuts = new Set([0, text.length]);
  for (const d of diagnostics) {
    cuts.add(Math.min(d.start, text.length));
    cuts.add(Math.min(d.end, text.length));
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const points = diagnostics.filter((d) => d.start === d.end);
  for (let i = 0; i < bounds.length; i += 1) {
    const at = bounds[i];
    for (const d of points.filter((p) => Math.min(p.start, text.length) === at)) {
      const mark = element("mark", "point " + d.severity);
      Object.assign(mark.dataset, { start: at, end: at, code: d.code });
      backdrop.appendChild(mark);
    }
    if (i + 1 === bounds.length) break;
    const end = bounds[i + 1];
    const covering = diagnostics.filter((d) => d.start <= at && d.end >= end && d.start < d.end);
    const piece = text.slice(at, end);
    if (covering.length === 0) {
      backdrop.appendChild(document.createTextNode(piece));
      continue;
    }
    const error = covering.some((d) => d.severity === "error");
    const mark = element("mark", error ? "error" : "warning", piece);
    Object.assign(mark.dataset, { start: at, end, code: covering.map((d) => d.code).join(" ") });
    mark.title = covering.map((d) => d.message).join("\n");
    backdrop.appendChild(mark);
  }
  // A trailing newline needs a character after it to take up its line.
  backdrop.appendChild(document.createTextNode("\u200b"));
  backdrop.scrollTop = input.scrollTop;
}

function listProblems(diagnostics) {
  const out = $("problems");
  out.textContent = "";
  if (diagnostics.length === 0) {
    out.appendChild(element("li", "none", t("no_problems")));
    return;
  }
  for (const d of diagnostics) {
    const item = element("li", d.severity);
    item.dataset.code = d.code;
    item.appendChild(element("span", "where", `${d.line}:${d.column} `));
    item.appendChild(element("span", "message", d.message));
    item.appendChild(element("span", "code", ` [${d.code}]`));
    if (d.hint) item.appendChild(element("span", "hint", `${t("hint")}: ${d.hint}`));
    out.appendChild(item);
  }
}

// ---- words and the team ----------------------------------------------------

function showTeam(answer) {
  const body = $("team").tBodies[0];
  body.textContent = "";
  $("summary").textContent = answer ? answer.summary || "" : "";
  if (!answer) return;
  for (const row of answer.agents) {
    const tr = element("tr");
    tr.dataset.agent = row.agent;
    tr.appendChild(element("td", "agent", row.agent));
    let cell;
    if (answer.kind === "number") {
      cell = element("td", row.value === null ? "unknown" : "value",
        row.value === null ? t("unknown") : row.value.toLocaleString(locale));
    } else if (row.value === null) {
      cell = element("td", "unknown", t("unknown"));
    } else {
      cell = element("td", row.value ? "met" : "not-met", row.value ? "✓ " + t("met") : t("not_met"));
    }
    if (row.error) cell.title = row.error;
    tr.appendChild(cell);
    body.appendChild(tr);
  }
}

async function refresh() {
  const mine = ++generation;
  const body = request();
  try {
    const checked = await post("/api/check", body);
    if (mine !== generation) return;
    const diagnostics = checked.ok ? checked.data.diagnostics : [];
    underline(body.text, diagnostics);
    listProblems(diagnostics);
    $("status").textContent = checked.ok ? "" : checked.data.error.message;
    if (!checked.ok || !checked.data.ok) {
      // The last answers stay, dimmed, until the formula is whole again.
      $("explanation").textContent = t("waiting");
      $("explanation").className = "explanation muted";
      $("team-panel").classList.add("stale");
      if (shownTeam && shownTeam.locale !== locale) {
        const again = await post("/api/evaluate", Object.assign({}, shownTeam, { locale }));
        if (mine === generation && again.ok) {
          shownTeam.locale = locale;
          showTeam(again.data);
        }
      }
      return;
    }
    const [explained, evaluated] = await Promise.all([
      post("/api/explain", body),
      post("/api/evaluate", body),
    ]);
    if (mine !== generation) return;
    $("explanation").className = "explanation";
    $("explanation").textContent = explained.ok ? explained.data.explanation : "";
    $("team-panel").classList.remove("stale");
    shownTeam = evaluated.ok ? body : null;
    showTeam(evaluated.ok ? evaluated.data : null);
  } catch (error) {
    if (mine === generation) $("status").textContent = t("offline");
  }
}

function scheduleRefresh() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(refresh, DEBOUNCE_MS);
}

// ---- hover: what is under the cursor --------------------------------------

async function showHover() {
  const box = $("hover");
  const text = input.value;
  let answer = null;
  try {
    const found = await post("/api/hover", request({ offset: input.selectionStart }));
    if (text !== input.value) return;
    answer = found.ok ? found.data.hover : null;
  } catch (error) {
    answer = null;
  }
  box.textContent = "";
  if (!answer) {
    box.appendChild(element("p", "muted", t("cursor_none")));
    return;
  }
  box.appendChild(element("p", "title", answer.title));
  for (const line of answer.contents || []) box.appendChild(element("p", "", line));
}

function scheduleHover() {
  clearTimeout(hoverTimer);
  hoverTimer = setTimeout(showHover, DEBOUNCE_MS);
}

// ---- completion ------------------------------------------------------------

function caretPoint(offset) {
  measure.textContent = input.value.slice(0, offset);
  const probe = element("span", "", "\u200b");
  measure.appendChild(probe);
  return { left: probe.offsetLeft, top: probe.offsetTop + probe.offsetHeight - input.scrollTop };
}

function closeCompletions() {
  items = [];
  list.hidden = true;
  list.textContent = "";
}

function renderCompletions() {
  list.textContent = "";
  items.forEach((item, index) => {
    const li = element("li");
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", String(index === selected));
    li.dataset.label = item.label;
    li.appendChild(element("span", "label", item.label));
    li.appendChild(element("span", "detail", item.detail || ""));
    if (item.documentation) li.title = item.documentation;
    li.addEventListener("mousedown", (event) => {
      event.preventDefault(); // keep the focus in the textarea
      accept(index);
    });
    list.appendChild(li);
  });
  const chosen = list.children[selected];
  if (chosen) chosen.scrollIntoView({ block: "nearest" });
}

async function complete() {
  const offset = input.selectionStart;
  const text = input.value;
  let found;
  try {
    found = await post("/api/complete", request({ offset }));
  } catch (error) {
    return;
  }
  if (text !== input.value || offset !== input.selectionStart) return;
  items = found.ok ? found.data.completions : [];
  if (items.length === 0) {
    closeCompletions();
    return;
  }
  selected = 0;
  const point = caretPoint(offset);
  list.style.left = `${point.left}px`;
  list.style.top = `${point.top + 4}px`;
  list.hidden = false;
  renderCompletions();
}

function accept(index) {
  const item = items[index];
  if (!item) return;
  const text = input.value;
  input.value = text.slice(0, item.start) + item.insert_text + text.slice(item.end);
  const caret = item.start + item.insert_text.length;
  input.setSelectionRange(caret, caret);
  closeCompletions();
  scheduleRefresh();
  scheduleHover();
}

// Typing `$` or a name's letters offers completions; Ctrl+Space asks anywhere.
function typedName() {
  const before = input.value.slice(0, input.selectionStart);
  return /\$[A-Za-z0-9_]*$/.test(before);
}

input.addEventListener("input", () => {
  scheduleRefresh();
  scheduleHover();
  if (typedName()) complete();
  else closeCompletions();
});

input.addEventListener("keydown", (event) => {
  if (event.key === " " && event.ctrlKey) {
    event.preventDefault();
    complete();
    return;
  }
  if (list.hidden || items.length === 0) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    selected = (selected + step + items.length) % items.length;
    renderCompletions();
  } else if (event.key === "Enter" || event.key === "Tab") {
    event.preventDefault();
    accept(selected);
  } else if (event.key === "Escape") {
    event.preventDefault();
    closeCompletions();
  }
});

input.addEventListener("scroll", () => {
  backdrop.scrollTop = input.scrollTop;
});
input.addEventListener("blur", () => setTimeout(closeCompletions, 100));
input.addEventListener("click", scheduleHover);
input.addEventListener("keyup", (event) => {
  if (event.key.startsWith("Arrow") || event.key === "Home" || event.key === "End") scheduleHover();
});

$("locale").addEventListener("change", (event) => {
  locale = event.target.value;
  applyTexts();
  closeCompletions();
  refresh();
  showHover();
});
$("kind").addEventListener("change", () => refresh());

async function start() {
  const wanted = new URLSearchParams(location.search).get("locale");
  try {
    const response = await fetch("/api/texts");
    const data = await response.json();
    texts = data.texts;
    const shipped = data.locales;
    locale = shipped.includes(wanted) ? wanted : "en";
  } catch (error) {
    $("status").textContent = "The playground server does not answer.";
    return;
  }
  $("locale").value = locale;
  applyTexts();
  if (!input.value) input.value = t("placeholder");
  await refresh();
  showHover();
}

start();
