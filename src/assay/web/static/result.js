// A job's result: fields (review list first, arrays as tables) beside the document's pages with the
// citation boxes drawn on them. Boxes are PDF points, origin top-left, so they are placed in percent of
// page_dimensions and line up with the page image at any rendered width.

import { api, TERMINAL } from "./api.js";
import { announce, download, formatDate, h, statusBadge, toast } from "./dom.js";

const REVIEW_BELOW = 0.9;
const POLL_MS = 1000;

export function renderResult(main, jobId) {
  let alive = true;
  let timer;
  let observer;
  const blobUrls = [];
  const head = h("div", { class: "page-head result-head" });
  const content = h("div", { class: "result-body" }, h("p", { class: "muted loading" }, "Loading the job…"));
  main.append(h("p", { class: "crumbs" }, h("a", { href: "#/jobs" }, "← Jobs")), head, content);

  async function load() {
    let job;
    try {
      job = await api.getJob(jobId);
    } catch (err) {
      if (!alive) return;
      head.replaceChildren(h("h1", {}, "Job not available"));
      content.replaceChildren(h("div", { class: "alert alert-error", role: "alert" },
        err.status === 404 ? "This job does not exist, or it was deleted." : err.message));
      return;
    }
    if (!alive) return;
    const file = await api.get(`api/v1/beta/files/${encodeURIComponent(job.file_input)}`).catch(() => null);
    if (!alive) return;
    drawHead(job, file);
    if (!TERMINAL.has(job.status)) {
      content.replaceChildren(h("div", { class: "card waiting" },
        h("div", { class: "spinner", "aria-hidden": "true" }),
        h("p", {}, `The job is ${job.status.toLowerCase()}. The result appears here when it is done.`),
        h("button", { type: "button", class: "btn btn-secondary", onclick: async () => {
          try {
            await api.cancelJob(job.id);
            toast("Job cancelled.");
          } catch (err) {
            toast(err.message, "error");
          }
          load();
        } }, "Cancel job")));
      timer = setTimeout(load, POLL_MS);
      return;
    }
    announce(`The job is ${job.status.toLowerCase()}.`);
    if (job.status === "FAILED") {
      content.replaceChildren(h("div", { class: "alert alert-error", role: "alert" },
        h("strong", {}, "The extraction failed. "), job.error_message || "No reason was recorded."));
      return;
    }
    if (job.status === "CANCELLED") {
      content.replaceChildren(h("div", { class: "alert alert-info" }, "This job was cancelled before it finished."));
      return;
    }
    drawResult(job, file);
  }

  function drawHead(job, file) {
    const config = job.configuration || {};
    const name = file ? file.name : job.file_input;
    const actions = h("div", { class: "head-actions" });
    if (job.status === "COMPLETED") {
      const base = name.replace(/\.[^.]+$/, "") || "result";
      actions.append(
        h("button", { type: "button", class: "btn btn-secondary", id: "download-json", onclick: () =>
          download(`${base}.json`, "application/json", JSON.stringify(job.extract_result, null, 2)) },
        "Download JSON"),
        h("button", { type: "button", class: "btn btn-secondary", id: "download-csv", onclick: () =>
          download(`${base}.csv`, "text/csv", toCsv(collectLeaves(job))) }, "Download CSV"));
    }
    head.replaceChildren(
      h("div", {},
        h("h1", {}, name),
        h("p", { class: "meta-line" }, statusBadge(job.status, job.warnings),
          h("span", { class: "mono" }, job.id),
          h("span", {}, formatDate(job.created_at)),
          config.tier ? h("span", {}, `Tier: ${config.tier.replace("_", " ")}`) : null,
          config.extraction_target ? h("span", {}, `Target: ${config.extraction_target.replace(/_/g, " ")}`) : null)),
      actions);
  }

  function drawResult(job, file) {
    const leaves = collectLeaves(job);
    const byPath = new Map(leaves.map((leaf) => [leaf.path, leaf]));
    const fieldsPane = h("section", { class: "pane fields-pane", "aria-labelledby": "fields-title" });
    const docPane = h("section", { class: "pane doc-pane", "aria-labelledby": "doc-title" });
    const selection = h("div", { class: "selection", id: "selection", "aria-live": "polite" },
      h("span", { class: "muted" }, "Select a field to see where it comes from."));
    let selected = null;

    function select(path, origin) {
      selected = path;
      for (const el of main.querySelectorAll("[data-path]")) {
        const on = el.dataset.path === path;
        if (el.classList.contains("box")) el.classList.toggle("active", on);
        else el.setAttribute("aria-pressed", String(on));
      }
      const leaf = byPath.get(path);
      const boxes = [...docPane.querySelectorAll(".box")].filter((b) => b.dataset.path === path);
      main.querySelectorAll(".callout").forEach((c) => c.remove());
      selection.replaceChildren(
        h("span", { class: "selection-path mono" }, prettyPath(path)),
        h("span", { class: "selection-value" }, display(leaf?.value)),
        badge(leaf?.entry?.confidence),
        h("span", { class: "muted" }, boxes.length
          ? `page ${leaf.entry.citation.map((c) => c.page).filter(unique).join(", ")}`
          : "no source box"));
      if (boxes.length) {
        const first = boxes[0];
        const callout = h("div", { class: "callout", "aria-hidden": "true" },
          h("strong", {}, lastKey(path)), " ", display(leaf.value));
        // above the value, so that it never covers the line printed below it (below only at a page's top)
        callout.style.left = first.style.left;
        if (parseFloat(first.style.top) > 4) {
          callout.style.top = `calc(${first.style.top} - 6px)`;
          callout.style.transform = "translateY(-100%)";
        } else {
          callout.style.top = `calc(${first.style.top} + ${first.style.height} + 6px)`;
        }
        first.parentElement.append(callout);
        first.scrollIntoView({ block: "center", inline: "nearest", behavior: motion() });
      }
      if (origin === "box") {
        const target = fieldsPane.querySelector(`.tree [data-path="${CSS.escape(path)}"]`);
        if (target) {
          target.scrollIntoView({ block: "center", behavior: motion() });
          target.focus({ preventScroll: true });
        }
      }
    }

    // --- fields ---
    const review = leaves.filter(needsReview(job)).sort((a, b) => conf(a) - conf(b));
    const reviewSection = h("div", { class: "review", id: "review" },
      h("h3", {}, "Review first", h("span", { class: "count" }, String(review.length))),
      review.length
        ? h("ol", { class: "review-list" }, review.map((leaf) => h("li", {},
          h("button", { type: "button", class: "field-row review-row", dataset: { path: leaf.path },
            "aria-pressed": "false", onclick: () => select(leaf.path, "list") },
          h("span", { class: "field-key" }, prettyPath(leaf.path)),
          h("span", { class: "field-value" }, display(leaf.value)),
          leaf.value === null || leaf.entry?.citation?.length || !job.configuration?.cite_sources ? null
            : h("span", { class: "pill pill-warn" }, "no source"),
          badge(leaf.entry?.confidence)))))
        : h("p", { class: "muted ok-note" }, `Every field is at or above ${REVIEW_BELOW * 100}% confidence.`));
    const tree = h("div", { class: "tree", id: "tree" },
      renderValue(job.extract_result, rootMeta(job), "", select, job.extract_metadata?.table_rows || {}));
    for (const missing of job.warnings?.find((w) => w.code === "required_fields_missing")?.fields || []) {
      tree.querySelector(`[data-path="${CSS.escape(missing)}"] .field-value`)?.after(
        h("span", { class: "pill pill-bad required-missing", title: "The schema requires this field" }, "required"));
    }
    fieldsPane.append(
      h("div", { class: "pane-head" }, h("h2", { id: "fields-title" }, "Extracted data"),
        h("span", { class: "muted" }, `${leaves.length} value${leaves.length === 1 ? "" : "s"}`)),
      reviewSection, h("h3", { class: "all-title" }, "All fields"), tree);
    fieldsPane.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const buttons = [...fieldsPane.querySelectorAll("button[data-path]")];
      const index = buttons.indexOf(document.activeElement);
      if (index < 0) return;
      event.preventDefault();
      buttons[Math.max(0, Math.min(buttons.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)))].focus();
    });

    // --- pages ---
    docPane.append(h("div", { class: "pane-head" }, h("h2", { id: "doc-title" }, "Document"), selection));
    const pagesBox = h("div", { class: "pages", id: "pages" }, h("p", { class: "muted" }, "Loading pages…"));
    docPane.append(pagesBox);
    const warnings = job.warnings?.length ? h("div", { class: "alert alert-warn", id: "warnings", role: "status" },
      h("strong", {}, "Check this result."),
      h("ul", {}, job.warnings.map((w) => h("li", { dataset: { code: w.code } }, w.message)))) : null;
    content.replaceChildren(...[warnings, h("div", { class: "result-grid" }, fieldsPane, docPane)].filter(Boolean));
    drawPages(pagesBox, job, file, leaves, select);
  }

  async function drawPages(pagesBox, job, file, leaves, select) {
    if (!file) {
      pagesBox.replaceChildren(h("div", { class: "empty" },
        h("p", {}, "No page preview: this job's input is not an uploaded file (or the file was deleted).")));
      return;
    }
    let info;
    try {
      info = await api.filePages(file.id);
    } catch (err) {
      if (alive) pagesBox.replaceChildren(h("div", { class: "alert alert-error" }, `No page preview: ${err.message}`));
      return;
    }
    if (!alive) return;
    const boxesByPage = new Map();
    for (const leaf of leaves) {
      for (const citation of leaf.entry?.citation || []) {
        for (const bbox of citation.bounding_boxes || []) {
          if (!boxesByPage.has(citation.page)) boxesByPage.set(citation.page, []);
          boxesByPage.get(citation.page).push({ path: leaf.path, bbox, dims: citation.page_dimensions });
        }
      }
    }
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        loadImage(entry.target, file.id);
      }
    }, { root: null, rootMargin: "800px" });
    const figures = info.pages.map((page) => {
      const img = h("img", { alt: `Page ${page.page} of ${file.name}`, class: "page-img", draggable: "false" });
      const overlay = h("div", { class: "overlay" });
      for (const { path, bbox, dims } of boxesByPage.get(page.page) || []) {
        const width = dims?.width || page.width;
        const height = dims?.height || page.height;
        const box = h("div", { class: "box", dataset: { path }, title: prettyPath(path),
          onclick: () => select(path, "box") });
        box.style.left = `${(bbox.x / width) * 100}%`;
        box.style.top = `${(bbox.y / height) * 100}%`;
        box.style.width = `${(bbox.w / width) * 100}%`;
        box.style.height = `${(bbox.h / height) * 100}%`;
        overlay.append(box);
      }
      const frame = h("div", { class: "page-frame", dataset: { page: page.page } }, img, overlay);
      frame.style.aspectRatio = `${page.width} / ${page.height}`;
      observer.observe(frame);
      return h("figure", { class: "page", id: `page-${page.page}` }, frame,
        h("figcaption", {}, `Page ${page.page} of ${info.page_count}`));
    });
    pagesBox.replaceChildren(...figures);
    if (info.render === "text") {
      pagesBox.prepend(h("p", { class: "hint" },
        "This format has no page images: the page shows the parsed words where the parser placed them."));
    }
  }

  async function loadImage(frame, fileId) {
    const img = frame.querySelector("img");
    const width = Math.min(2000, Math.max(400, Math.ceil((frame.clientWidth * devicePixelRatio) / 200) * 200));
    frame.classList.add("loading");
    try {
      const src = await api.pageImage(fileId, frame.dataset.page, width);
      if (!alive) return URL.revokeObjectURL(src);
      blobUrls.push(src);
      img.src = src;
    } catch (err) {
      frame.append(h("p", { class: "page-error" }, `This page could not be drawn: ${err.message}`));
    } finally {
      frame.classList.remove("loading");
    }
  }

  load();
  return () => {
    alive = false;
    clearTimeout(timer);
    observer?.disconnect();
    blobUrls.forEach((u) => URL.revokeObjectURL(u));
  };
}

// --- the result and its metadata, walked together -------------------------------------------

function rootMeta(job) {
  const fm = job.extract_metadata?.field_metadata || {};
  if (Array.isArray(job.extract_result)) return fm.page_metadata || fm.row_metadata || [];
  return fm.document_metadata || {};
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isEntry(meta) {
  return isObject(meta) && (Array.isArray(meta.citation) || typeof meta.confidence === "number");
}

export function collectLeaves(job) {
  const leaves = [];
  const walk = (value, meta, path) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, Array.isArray(meta) ? meta[i] : undefined, `${path}[${i}]`));
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        walk(child, isObject(meta) && !isEntry(meta) ? meta[key] : undefined, path ? `${path}.${key}` : key);
      }
    } else {
      leaves.push({ path, value, entry: isEntry(meta) ? meta : null });
    }
  };
  walk(job.extract_result, rootMeta(job), "");
  return leaves;
}

function needsReview(job) {
  const cites = job.configuration?.cite_sources;
  return (leaf) => {
    const c = leaf.entry?.confidence;
    if (typeof c === "number" && c < REVIEW_BELOW) return true;
    return Boolean(cites) && leaf.value !== null && !(leaf.entry?.citation?.length);
  };
}

function conf(leaf) {
  const c = leaf.entry?.confidence;
  return typeof c === "number" ? c : -1;
}

// `tableRows`: extract_metadata.table_rows, each array of objects' rows shown in the document vs extracted, by path
function renderValue(value, meta, path, select, tableRows) {
  if (Array.isArray(value)) return renderArray(value, Array.isArray(meta) ? meta : [], path, select, tableRows);
  if (isObject(value)) {
    const rows = Object.entries(value).map(([key, child]) => {
      const childPath = path ? `${path}.${key}` : key;
      const childMeta = isObject(meta) ? meta[key] : undefined;
      if (Array.isArray(child) || isObject(child)) {
        return h("div", { class: "group" },
          h("div", { class: "group-title" }, h("span", {}, humanize(key)),
            Array.isArray(child) ? rowCount(child.length, tableRows[childPath]) : null),
          renderValue(child, childMeta, childPath, select, tableRows));
      }
      return fieldRow(humanize(key), child, isEntry(childMeta) ? childMeta : null, childPath, select);
    });
    return h("div", { class: "fields" }, rows.length ? rows : h("p", { class: "muted" }, "No fields."));
  }
  return fieldRow("value", value, isEntry(meta) ? meta : null, path, select);
}

function rowCount(extracted, counted) {
  if (!counted || counted.table_rows <= extracted) return h("span", { class: "count" }, String(extracted));
  return h("span", { class: "count count-short",
    title: `The document shows ${counted.table_rows} rows; ${extracted} were extracted.` },
  `${extracted} of ${counted.table_rows}`);
}

function renderArray(items, meta, path, select, tableRows) {
  if (!items.length) return h("p", { class: "muted empty-array" }, "No items.");
  if (items.every(isObject)) {
    const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
    return h("div", { class: "table-scroll" }, h("table", { class: "array-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "#"),
        columns.map((c) => h("th", { scope: "col" }, humanize(c))))),
      h("tbody", {}, items.map((item, i) => h("tr", {},
        h("th", { scope: "row" }, String(i + 1)),
        columns.map((column) => {
          const value = item[column];
          const cellPath = `${path}[${i}].${column}`;
          const cellMeta = isObject(meta[i]) ? meta[i][column] : undefined;
          if (Array.isArray(value) || isObject(value)) {
            return h("td", {}, renderValue(value, cellMeta, cellPath, select, tableRows));
          }
          const entry = isEntry(cellMeta) ? cellMeta : null;
          return h("td", {}, h("button", { type: "button", class: "cell-btn", dataset: { path: cellPath },
            "aria-pressed": "false", "aria-label": `${humanize(column)}, item ${i + 1}: ${display(value)}`,
            onclick: () => select(cellPath, "list") },
          h("span", { class: value === null || value === undefined ? "muted" : "" }, display(value)),
          badge(entry?.confidence, true)));
        }))))));
  }
  return h("div", { class: "fields" }, items.map((item, i) =>
    isObject(item) || Array.isArray(item)
      ? renderValue(item, meta[i], `${path}[${i}]`, select, tableRows)
      : fieldRow(`#${i + 1}`, item, isEntry(meta[i]) ? meta[i] : null, `${path}[${i}]`, select)));
}

function fieldRow(label, value, entry, path, select) {
  return h("button", { type: "button", class: "field-row", dataset: { path }, "aria-pressed": "false",
    onclick: () => select(path, "list") },
  h("span", { class: "field-key" }, label),
  h("span", { class: `field-value${value === null || value === undefined ? " muted" : ""}` }, display(value)),
  entry?.citation?.length ? h("span", { class: "src", "aria-label": "has a source box", title: "Has a source box" }, "◎")
    : null,
  badge(entry?.confidence));
}

export function badge(confidence, compact = false) {
  if (typeof confidence !== "number") return null;
  const pct = Math.round(confidence * 100);
  const level = confidence >= REVIEW_BELOW ? "high" : confidence >= 0.7 ? "mid" : "low";
  return h("span", { class: `conf conf-${level}${compact ? " conf-compact" : ""}`,
    title: `Confidence ${pct}%`, "aria-label": `confidence ${pct}%` }, `${pct}%`);
}

export function display(value) {
  if (value === null || value === undefined) return "Not found";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

function humanize(key) {
  const text = String(key).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// "line_items[1].unit_price" → "Line items #2 › Unit price": the labels the fields list shows
export function prettyPath(path) {
  return path.split(".").map((part) => humanize(part.replace(/\[(\d+)\]/g, (_, i) => ` #${Number(i) + 1}`)))
    .join(" › ");
}

function lastKey(path) {
  return humanize(path.split(".").pop().replace(/\[\d+\]$/, ""));
}

function unique(value, index, all) {
  return all.indexOf(value) === index;
}

function motion() {
  return matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
}

function toCsv(leaves) {
  const quote = (v) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = [["field", "value", "confidence", "page", "matching_text"]];
  for (const leaf of leaves) {
    const citation = leaf.entry?.citation?.[0];
    rows.push([leaf.path, leaf.value, leaf.entry?.confidence ?? "", citation?.page ?? "", citation?.matching_text ?? ""]);
  }
  return rows.map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
}
