// Classify & split: upload one document, name the kinds of document it may hold, and see which kind it
// is (classify) or where its documents begin and end (split), shown as coloured page ranges.

import { api, request } from "./api.js";
import { announce, h } from "./dom.js";

const EXAMPLE = "invoice: A bill from a supplier requesting payment for goods or services\n"
  + "contract: An agreement between two parties setting out terms and obligations\n"
  + "receipt: Proof of a purchase already paid at a shop or restaurant";
const COLOURS = 8; // .kind-0 … .kind-7 in app.css; uncategorized pages get .kind-none
const state = { kindsText: EXAMPLE, mode: "split", uncategorized: "include" };

function kinds(text) {
  return text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf(":");
    return at < 0 ? { name: line, description: "" }
      : { name: line.slice(0, at).trim(), description: line.slice(at + 1).trim() };
  });
}

function ranges(pages) {
  const runs = [];
  for (const page of pages) {
    const last = runs[runs.length - 1];
    if (last && page === last[1] + 1) last[1] = page;
    else runs.push([page, page]);
  }
  return runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ");
}

export function renderSort(main) {
  let alive = true;
  const fileInput = h("input", { type: "file", id: "sort-file",
    accept: ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.webp,.docx,.pptx,.html,.md,.txt,.eml" });
  const kindsInput = h("textarea", { id: "kinds", rows: 5, spellcheck: "false",
    "aria-describedby": "kinds-help" }, state.kindsText);
  kindsInput.addEventListener("input", () => { state.kindsText = kindsInput.value; });
  const mode = h("select", { id: "sort-mode" },
    h("option", { value: "split", selected: state.mode === "split" }, "Split a bundle into documents"),
    h("option", { value: "classify", selected: state.mode === "classify" }, "Classify one document"));
  const uncategorized = h("select", { id: "uncategorized" },
    ...["include", "omit", "forbid"].map((v) => h("option", { value: v, selected: state.uncategorized === v }, v)));
  const uncategorizedField = h("div", { class: "field" },
    h("label", { for: "uncategorized" }, "Pages that fit no kind"), uncategorized);
  const showOptions = () => { uncategorizedField.hidden = mode.value !== "split"; };
  mode.addEventListener("change", () => { state.mode = mode.value; showOptions(); });
  uncategorized.addEventListener("change", () => { state.uncategorized = uncategorized.value; });
  showOptions();
  const status = h("p", { id: "sort-status", class: "muted", role: "status" });
  const result = h("section", { id: "sort-result", "aria-label": "Result" });
  const start = h("button", { class: "btn btn-primary", type: "submit", id: "sort-start" }, "Run");

  const form = h("form", { class: "card", novalidate: true },
    h("div", { class: "field" }, h("label", { for: "sort-file" }, "Document"), fileInput),
    h("div", { class: "field" }, h("label", { for: "sort-mode" }, "Task"), mode),
    h("div", { class: "field" }, h("label", { for: "kinds" }, "Kinds of document"),
      h("p", { class: "hint", id: "kinds-help" }, "One per line: name: what it looks like."), kindsInput),
    uncategorizedField, start, status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = fileInput.files[0];
    const named = kinds(kindsInput.value);
    if (!file) { status.textContent = "Choose a document first."; fileInput.focus(); return; }
    if (!named.length) { status.textContent = "Name at least one kind of document."; kindsInput.focus(); return; }
    start.disabled = true;
    result.replaceChildren();
    try {
      status.textContent = "Uploading…";
      const uploaded = await api.uploadFile(file);
      const job = mode.value === "split"
        ? await api.post("api/v1/split/jobs", { file_input: uploaded.id, configuration: {
          categories: named, splitting_strategy: { allow_uncategorized: uncategorized.value } } })
        : await api.post("api/v2/classify", { file_input: uploaded.id, configuration: {
          rules: named.map((k) => ({ type: k.name, description: k.description })) } });
      const done = await poll(mode.value, job.id);
      if (!alive) return;
      const failed = ["FAILED", "failed", "CANCELLED", "cancelled"].includes(done.status);
      status.textContent = failed ? `The job ${done.status.toLowerCase()}: ${done.error_message || ""}` : "Done.";
      if (!failed) {
        result.replaceChildren(mode.value === "split" ? bundle(done, named) : classification(done));
        announce(mode.value === "split" ? `${done.result.segments.length} documents found.`
          : `Classified as ${done.result.type || "no kind"}.`);
      }
    } catch (err) {
      status.textContent = err.message;
    } finally {
      start.disabled = false;
    }
  });

  async function poll(kind, id) {
    const path = kind === "split" ? `api/v1/split/jobs/${encodeURIComponent(id)}`
      : `api/v2/classify/${encodeURIComponent(id)}`;
    for (;;) {
      const job = await request("GET", path);
      if (!alive || ["COMPLETED", "FAILED", "CANCELLED", "completed", "failed", "cancelled"].includes(job.status)) {
        return job;
      }
      status.textContent = `${job.status.toLowerCase()}…`;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  }

  main.append(h("h1", {}, "Classify & split"), form, result);
  return () => { alive = false; };
}

function bundle(job, named) {
  const index = new Map(named.map((k, i) => [k.name, i % COLOURS]));
  const colour = (category) => (index.has(category) ? `kind-${index.get(category)}` : "kind-none");
  const pages = job.result.segments.reduce((n, s) => n + s.pages.length, 0) || 1;
  const bar = h("ol", { class: "bundle", "aria-label": "Documents in the bundle" },
    ...job.result.segments.map((s) => {
      const item = h("li", {
        class: `segment ${colour(s.category)}`, dataset: { category: s.category, pages: s.pages.join(",") },
        title: `${s.category}: pages ${ranges(s.pages)} (${s.confidence_category} confidence)`,
      }, h("strong", {}, s.category), h("span", {}, `p. ${ranges(s.pages)}`),
      h("span", { class: "muted" }, s.confidence_category));
      item.style.flexGrow = String(s.pages.length); // as wide as its pages (CSSOM: the CSP allows no inline style)
      return item;
    }));
  const legend = h("table", { class: "table", id: "segments" },
    h("thead", {}, h("tr", {}, h("th", {}, "Pages"), h("th", {}, "Kind"), h("th", {}, "Confidence"))),
    h("tbody", {}, ...job.result.segments.map((s) => h("tr", {},
      h("td", {}, ranges(s.pages)),
      h("td", {}, h("span", { class: `swatch ${colour(s.category)}`, "aria-hidden": "true" }), s.category),
      h("td", {}, s.confidence_category)))));
  return h("div", { class: "card" }, h("h2", {}, `${job.result.segments.length} documents, ${pages} pages`),
    bar, legend);
}

function classification(job) {
  const r = job.result;
  return h("div", { class: "card", id: "classification" },
    h("h2", {}, r.type ? `Kind: ${r.type}` : "No kind matches"),
    h("p", {}, `Confidence ${(r.confidence * 100).toFixed(0)}%`),
    h("p", { class: "reasoning" }, r.reasoning));
}
