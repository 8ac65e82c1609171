// Review: the queue of extractions to check (#/review) and one of them beside its pages (#/review/<id>).
// Keys on the review screen: ↓/j next field, ↑/k previous, n next flagged field, Enter confirm and go on,
// e edit (Enter saves), x clear, u undo, a accept, r reject. Click or drag over words on a page to set the
// selected field from them: its value and its citation both change. Every change is a revision on the server.

import { api } from "./api.js";
import { announce, download, formatDate, h, toast } from "./dom.js";
import { badge, collectLeaves, display, prettyPath } from "./result.js";

const TABS = [["pending_review", "To review"], ["accepted", "Accepted"], ["rejected", "Rejected"]];
const FLAG_BELOW = 0.9;
const FORMATS = [["json", "application/json"], ["jsonl", "application/x-ndjson"], ["csv", "text/csv"]];
let queueStatus = "pending_review";

export function renderQueue(main) {
  let alive = true;
  const body = h("tbody");
  const tabs = h("div", { class: "tabs", role: "group", "aria-label": "Status" });
  const exports = h("div", { class: "head-actions" }, FORMATS.map(([format, type]) =>
    h("button", { type: "button", class: "btn btn-secondary", id: `export-${format}`, onclick: async () => {
      try {
        download(`accepted.${format}`, type, await api.exportAccepted(format));
      } catch (err) {
        toast(err.message, "error");
      }
    } }, `Export ${format.toUpperCase()}`)));
  const empty = h("div", { class: "empty", id: "queue-empty", hidden: true });
  main.append(
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Review"),
      h("p", { class: "muted" }, "Extractions routed to review by their configuration's rule, oldest first.")),
    exports),
    tabs,
    h("div", { class: "card table-card" }, h("table", { class: "jobs-table", id: "queue-table" },
      h("thead", {}, h("tr", {}, ["File", "Flags", "Confidence", "Collection", "Created"].map((c) =>
        h("th", { scope: "col" }, c)))), body)),
    empty);

  function drawTabs() {
    tabs.replaceChildren(...TABS.map(([status, label]) => h("button", {
      type: "button", class: "btn btn-sm btn-ghost tab", "aria-pressed": String(status === queueStatus),
      dataset: { status }, onclick: () => { queueStatus = status; drawTabs(); load(); } }, label)));
  }

  async function load() {
    let page;
    try {
      page = await api.reviewItems({ status: queueStatus, page_size: 200 });
    } catch (err) {
      if (alive) empty.replaceChildren(h("div", { class: "alert alert-error", role: "alert" }, err.message));
      empty.hidden = false;
      return;
    }
    if (!alive) return;
    body.replaceChildren(...page.items.map((item) => {
      const flags = item.data.metadata?.review?.flags || [];
      return h("tr", { dataset: { id: item.id } },
        h("td", {}, h("a", { href: `#/review/${encodeURIComponent(item.id)}`, class: "review-link" },
          item.data.file_name || item.data.file_id || item.id)),
        h("td", {}, flags.length ? h("span", { class: "pill pill-warn" }, `${flags.length} to check`)
          : h("span", { class: "muted" }, "—")),
        h("td", {}, badge(item.data.overall_confidence)),
        h("td", { class: "muted" }, `${item.deployment_name} / ${item.collection}`),
        h("td", {}, formatDate(item.created_at)));
    }));
    empty.hidden = page.items.length > 0;
    empty.replaceChildren(h("p", {}, queueStatus === "pending_review" ? "Nothing to review." : "No items."));
  }

  drawTabs();
  load();
  return () => { alive = false; };
}

export function renderReview(main, itemId) {
  let alive = true;
  let item = null;
  let leaves = [];
  let selected = 0;
  let pageInfo = null;
  const blobUrls = [];
  const head = h("div", { class: "page-head" });
  const fieldsBox = h("ol", { class: "review-fields", id: "review-fields" });
  const editor = h("input", { id: "field-input", type: "text", autocomplete: "off", "aria-label": "Value" });
  const history = h("ol", { class: "history", id: "history" });
  const pagesBox = h("div", { class: "pages", id: "pages" }, h("p", { class: "muted" }, "Loading pages…"));
  const keys = h("p", { class: "hint keys" },
    "Enter confirm · e edit · x clear · n next flagged · ↑↓ move · u undo · a accept · r reject · ",
    "drag over words on the page to set the value");
  main.append(h("p", { class: "crumbs" }, h("a", { href: "#/review" }, "← Review queue")), head,
    h("div", { class: "result-grid review-grid" },
      h("section", { class: "pane fields-pane", "aria-label": "Fields" },
        h("div", { class: "pane-head" }, h("h2", {}, "Fields"), keys),
        fieldsBox,
        h("div", { class: "editor" }, h("label", { for: "field-input" }, "Correct the selected field"), editor,
          h("div", { class: "editor-actions" },
            h("button", { type: "button", class: "btn btn-secondary btn-sm", id: "confirm-field",
              onclick: () => confirmField() }, "Confirm"),
            h("button", { type: "button", class: "btn btn-secondary btn-sm", id: "save-field",
              onclick: () => saveTyped() }, "Save"),
            h("button", { type: "button", class: "btn btn-ghost btn-sm", id: "clear-field",
              onclick: () => change({ action: "clear", path: leaves[selected].path }) }, "Clear"))),
        h("details", { class: "history-box" }, h("summary", {}, "Revisions"), history)),
      h("section", { class: "pane doc-pane", "aria-label": "Document" },
        h("div", { class: "pane-head" }, h("h2", {}, "Document")), pagesBox)));

  const flagsOf = () => new Set((item.data.metadata?.review?.flags || []).map((f) => f.split(":").slice(1).join(":")));
  const confirmedOf = () => new Set(item.data.metadata?.review?.confirmed || []);

  function isFlagged(leaf, flags) {
    const c = leaf.entry?.confidence;
    return flags.has(leaf.path) || (typeof c === "number" && c < FLAG_BELOW)
      || (leaf.value !== null && leaf.entry?.grounding === "none");
  }

  function drawHead() {
    const status = item.data.status;
    head.replaceChildren(
      h("div", {}, h("h1", {}, item.data.file_name || item.id),
        h("p", { class: "meta-line" }, h("span", { class: `status status-${status}`, id: "item-status" }, status),
          h("span", { class: "mono" }, item.id), h("span", {}, `${item.deployment_name} / ${item.collection}`))),
      h("div", { class: "head-actions" },
        h("button", { type: "button", class: "btn btn-ghost", id: "undo", onclick: () => change({ action: "undo" }) },
          "Undo"),
        h("button", { type: "button", class: "btn btn-secondary", id: "reject", onclick: reject }, "Reject"),
        h("button", { type: "button", class: "btn btn-primary", id: "accept", onclick: accept }, "Accept")));
  }

  function drawFields() {
    const flags = flagsOf();
    const confirmed = confirmedOf();
    fieldsBox.replaceChildren(...leaves.map((leaf, i) => {
      const flagged = isFlagged(leaf, flags);
      return h("li", {}, h("button", {
        type: "button", class: `field-row review-field${confirmed.has(leaf.path) ? " confirmed" : ""}`,
        dataset: { path: leaf.path, flagged: String(flagged) }, "aria-pressed": String(i === selected),
        onclick: () => select(i) },
      h("span", { class: "field-key mono" }, prettyPath(leaf.path)),
      h("span", { class: `field-value${leaf.value === null ? " muted" : ""}` }, display(leaf.value)),
      flagged && !confirmed.has(leaf.path) ? h("span", { class: "pill pill-warn" }, "check") : null,
      confirmed.has(leaf.path) ? h("span", { class: "pill pill-ok", "aria-label": "confirmed" }, "✓") : badge(
        leaf.entry?.confidence)));
    }));
  }

  function select(i, focus = true) {
    selected = Math.max(0, Math.min(leaves.length - 1, i));
    for (const [n, button] of [...fieldsBox.querySelectorAll("button")].entries()) {
      button.setAttribute("aria-pressed", String(n === selected));
      if (n === selected && focus) button.focus({ preventScroll: false });
    }
    const leaf = leaves[selected];
    editor.value = leaf?.value === null || leaf?.value === undefined ? "" : String(leaf.value);
    drawBoxes();
  }

  function drawBoxes() {
    pagesBox.querySelectorAll(".box").forEach((b) => b.remove());
    const leaf = leaves[selected];
    for (const citation of leaf?.entry?.citation || []) {
      const frame = pagesBox.querySelector(`.page-frame[data-page="${citation.page}"]`);
      const size = pageInfo?.pages.find((p) => p.page === citation.page);
      if (!frame || !size) continue;
      const width = citation.page_dimensions?.width || size.width;
      const height = citation.page_dimensions?.height || size.height;
      for (const b of citation.bounding_boxes || []) {
        const box = h("div", { class: "box active", dataset: { path: leaf.path } });
        place(box, [b.x, b.y, b.w, b.h], width, height);
        frame.querySelector(".overlay").append(box);
      }
      frame.querySelector(".box")?.scrollIntoView({ block: "nearest" });
    }
  }

  async function change(body, after) {
    try {
      const result = await api.reviewChange(item.id, body);
      if (!alive) return;
      apply(result.item);
      announce(`${body.action} ${body.path ? prettyPath(body.path) : ""}`.trim());
      if (after) after();
      loadHistory();
    } catch (err) {
      toast(err.message, "error");
    }
  }

  function apply(next) {
    item = next;
    leaves = collectLeaves({ extract_result: item.data.data, extract_metadata: {
      field_metadata: { document_metadata: item.data.field_metadata || {} } } });
    drawHead();
    drawFields();
    select(selected, document.activeElement !== editor);
  }

  function confirmField() {
    const at = selected;
    change({ action: "confirm", path: leaves[at].path }, () => select(nextOpen(at)));
  }

  function saveTyped() {
    change({ action: "correct", path: leaves[selected].path, value: editor.value }, () => select(selected));
  }

  function nextOpen(from) { // the next field not yet confirmed, after `from`; stays when none is left
    const confirmed = confirmedOf();
    for (let i = from + 1; i < leaves.length; i++) if (!confirmed.has(leaves[i].path)) return i;
    return Math.min(from + 1, leaves.length - 1);
  }

  function nextFlagged() {
    const flags = flagsOf();
    const confirmed = confirmedOf();
    for (let step = 1; step <= leaves.length; step++) {
      const i = (selected + step) % leaves.length;
      if (isFlagged(leaves[i], flags) && !confirmed.has(leaves[i].path)) return select(i);
    }
    toast("No flagged field is left to check.");
  }

  async function accept() {
    await change({ action: "accept" });
    if (item?.data.status !== "accepted") return;
    toast("Accepted.");
    const queue = await api.reviewItems({ status: "pending_review", page_size: 2 }).catch(() => ({ items: [] }));
    const next = queue.items.find((i) => i.id !== item.id);
    location.hash = next ? `#/review/${encodeURIComponent(next.id)}` : "#/review";
  }

  function reject() {
    const dialog = document.getElementById("reject");
    const reason = document.getElementById("reject-reason");
    reason.value = "";
    dialog.addEventListener("close", () => {
      if (dialog.returnValue === "ok" && reason.value.trim()) change({ action: "reject", reason: reason.value.trim() });
    }, { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  }

  async function loadHistory() {
    const revisions = await api.revisions(item.id).catch(() => []);
    if (!alive) return;
    history.replaceChildren(...revisions.map((r) => h("li", { class: r.undone ? "undone" : "" },
      h("span", { class: "mono" }, `#${r.seq}`), " ", h("strong", {}, r.action), " ",
      r.path ? prettyPath(r.path) : "", " ",
      h("span", { class: "muted" }, r.path ? `${display(r.before.value)} → ${display(r.after.value)}`
        : `${r.before.status} → ${r.after.status}${r.reason ? ` (${r.reason})` : ""}`),
      h("span", { class: "muted" }, ` · key …${(r.key_id || "none").slice(-6)} · ${formatDate(r.created_at)}`))));
  }

  function onKey(event) {
    if (!item || event.ctrlKey || event.metaKey || event.altKey || document.querySelector("dialog[open]")) return;
    if (event.target === editor) {
      if (event.key === "Enter") { event.preventDefault(); saveTyped(); }
      if (event.key === "Escape") { event.preventDefault(); select(selected); }
      return;
    }
    if (["INPUT", "TEXTAREA", "SELECT", "A"].includes(event.target.tagName)) return;
    if (event.target.tagName === "BUTTON" && !fieldsBox.contains(event.target)) return; // its own Enter
    const actions = {
      ArrowDown: () => select(selected + 1), j: () => select(selected + 1),
      ArrowUp: () => select(selected - 1), k: () => select(selected - 1),
      n: nextFlagged, Enter: confirmField, e: () => { editor.focus(); editor.select(); },
      x: () => change({ action: "clear", path: leaves[selected].path }), u: () => change({ action: "undo" }),
      a: accept, r: reject,
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  // --- pages, their words, and picking words with the pointer ------------------------------
  async function drawPages() {
    const fileId = item.data.file_id;
    if (!fileId) {
      pagesBox.replaceChildren(h("p", { class: "empty" }, "No document: this item names no file."));
      return;
    }
    try {
      pageInfo = await api.filePages(fileId);
    } catch (err) {
      pagesBox.replaceChildren(h("div", { class: "alert alert-error" }, `No page preview: ${err.message}`));
      return;
    }
    if (!alive) return;
    pagesBox.replaceChildren(...pageInfo.pages.map((page) => {
      const img = h("img", { class: "page-img", alt: `Page ${page.page}`, draggable: "false" });
      const overlay = h("div", { class: "overlay picker" });
      const frame = h("div", { class: "page-frame", dataset: { page: page.page } }, img, overlay);
      frame.style.aspectRatio = `${page.width} / ${page.height}`;
      requestAnimationFrame(() => loadPage(frame, fileId, page)); // after layout: the frame has its width
      return h("figure", { class: "page" }, frame, h("figcaption", {}, `Page ${page.page} of ${pageInfo.page_count}`));
    }));
    drawBoxes();
  }

  async function loadPage(frame, fileId, page) {
    const width = Math.min(2000, Math.max(400, Math.ceil((frame.clientWidth * devicePixelRatio) / 200) * 200));
    const [src, words] = await Promise.all([api.pageImage(fileId, page.page, width), api.pageWords(fileId, page.page)])
      .catch((err) => { frame.append(h("p", { class: "page-error" }, err.message)); return [null, null]; });
    if (!alive || !src) return;
    blobUrls.push(src);
    frame.querySelector("img").src = src;
    const overlay = frame.querySelector(".overlay");
    const spans = words.words.map((word, index) => {
      const span = h("div", { class: "word", dataset: { index } });
      place(span, word.box, words.width, words.height);
      return span;
    });
    overlay.prepend(...spans);
    pick(overlay, words, page.page, spans);
  }

  function pick(overlay, words, pageNumber, spans) {
    let start = null;
    const rect = h("div", { class: "drag-rect", hidden: true });
    overlay.append(rect);
    const toPoints = (event) => {
      const r = overlay.getBoundingClientRect();
      return [(event.clientX - r.left) / r.width * words.width, (event.clientY - r.top) / r.height * words.height];
    };
    overlay.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      start = toPoints(event);
      overlay.setPointerCapture(event.pointerId);
    });
    overlay.addEventListener("pointermove", (event) => {
      if (!start) return;
      const [x, y] = toPoints(event);
      rect.hidden = false;
      place(rect, [Math.min(x, start[0]), Math.min(y, start[1]), Math.abs(x - start[0]), Math.abs(y - start[1])],
        words.width, words.height);
    });
    overlay.addEventListener("pointerup", (event) => {
      if (!start) return;
      const [x, y] = toPoints(event);
      const [x0, y0, x1, y1] = [Math.min(x, start[0]), Math.min(y, start[1]), Math.max(x, start[0]), Math.max(y, start[1])];
      start = null;
      rect.hidden = true;
      const chosen = words.words.filter((w) => w.box[0] <= x1 && w.box[0] + w.box[2] >= x0
        && w.box[1] <= y1 && w.box[1] + w.box[3] >= y0);
      if (!chosen.length || !leaves.length) return;
      const picked = new Set(chosen);
      spans.forEach((span) => span.classList.toggle("picked", picked.has(words.words[span.dataset.index])));
      change({ action: "correct", path: leaves[selected].path,
        words: chosen.map((w) => ({ page: pageNumber, text: w.text, box: w.box })),
        page_dimensions: { width: words.width, height: words.height } });
    });
  }

  async function load() {
    try {
      const loaded = await api.reviewItem(itemId);
      if (!alive) return;
      apply(loaded);
      const flags = flagsOf();
      const first = leaves.findIndex((leaf) => isFlagged(leaf, flags) && !confirmedOf().has(leaf.path));
      select(first >= 0 ? first : 0);
      loadHistory();
      drawPages();
    } catch (err) {
      head.replaceChildren(h("h1", {}, "Item not available"));
      pagesBox.replaceChildren(h("div", { class: "alert alert-error", role: "alert" }, err.message));
    }
  }

  document.addEventListener("keydown", onKey);
  load();
  return () => {
    alive = false;
    document.removeEventListener("keydown", onKey);
    blobUrls.forEach((u) => URL.revokeObjectURL(u));
  };
}

function place(el, [x, y, w, h], width, height) {
  el.style.left = `${(x / width) * 100}%`;
  el.style.top = `${(y / height) * 100}%`;
  el.style.width = `${(w / width) * 100}%`;
  el.style.height = `${(h / height) * 100}%`;
}
