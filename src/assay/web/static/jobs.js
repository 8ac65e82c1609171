// Jobs: filters, newest first, page_token pagination, live status polling, cancel and delete.

import { api, TERMINAL } from "./api.js";
import { announce, confirmDialog, formatDate, h, shortId, statusBadge, toast } from "./dom.js";

const PAGE_SIZE = 10;
const POLL_MS = 1500;
const IDLE_POLL_MS = 5000; // new jobs still show up on their own
const STATUSES = ["PENDING", "THROTTLED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"];

// Filters survive a visit to a result and back.
const filters = { status: "", configuration_id: "", file_input: "", from: "", to: "" };

export function renderJobs(main) {
  let alive = true;
  let timer;
  let tokens = [null]; // tokens[i] = page_token of page i; going back pops
  let page = 0;
  let lastStatuses = new Map();
  let fileNames = new Map();
  let configNames = new Map();
  let loading = false;
  let lastSignature = "";

  const status = h("select", { id: "f-status", name: "status" }, h("option", { value: "" }, "Any status"),
    STATUSES.map((s) => h("option", { value: s }, s.charAt(0) + s.slice(1).toLowerCase())));
  const config = h("select", { id: "f-config", name: "configuration_id" },
    h("option", { value: "" }, "Any configuration"));
  const file = h("select", { id: "f-file", name: "file_input" }, h("option", { value: "" }, "Any file"));
  const from = h("input", { id: "f-from", name: "from", type: "date" });
  const to = h("input", { id: "f-to", name: "to", type: "date" });
  const reset = h("button", { type: "button", class: "btn btn-ghost", id: "f-reset" }, "Clear filters");
  const message = h("div", { class: "alert", id: "jobs-message", role: "alert", hidden: true });
  const body = h("tbody");
  const table = h("table", { class: "jobs-table", id: "jobs-table" },
    h("caption", { class: "visually-hidden" }, "Extraction jobs, newest first"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "File"),
      h("th", { scope: "col" }, "Status"),
      h("th", { scope: "col" }, "Configuration"),
      h("th", { scope: "col" }, "Created"),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    body);
  const empty = h("div", { class: "empty", id: "jobs-empty", hidden: true });
  const prev = h("button", { type: "button", class: "btn btn-secondary", id: "page-prev" }, "← Newer");
  const next = h("button", { type: "button", class: "btn btn-secondary", id: "page-next" }, "Older →");
  const range = h("span", { class: "muted", id: "page-range", "aria-live": "polite" });

  status.value = filters.status;
  from.value = filters.from;
  to.value = filters.to;

  for (const input of [status, config, file, from, to]) {
    input.addEventListener("change", () => {
      filters[input.name] = input.value;
      restart();
    });
  }
  reset.addEventListener("click", () => {
    Object.assign(filters, { status: "", configuration_id: "", file_input: "", from: "", to: "" });
    for (const input of [status, config, file, from, to]) input.value = "";
    restart();
  });
  prev.addEventListener("click", () => {
    if (page === 0) return;
    page -= 1;
    load();
  });
  next.addEventListener("click", () => {
    if (!tokens[page + 1]) return;
    page += 1;
    load();
  });

  function restart() {
    tokens = [null];
    page = 0;
    load();
  }

  function query() {
    const params = { page_size: PAGE_SIZE, page_token: tokens[page] || undefined };
    if (filters.status) params.status = filters.status;
    if (filters.configuration_id) params.configuration_id = filters.configuration_id;
    if (filters.file_input) params.file_input = filters.file_input;
    // date inputs are local days; the API takes instants (inclusive)
    if (filters.from) params.created_at_on_or_after = new Date(`${filters.from}T00:00:00`).toISOString();
    if (filters.to) params.created_at_on_or_before = new Date(`${filters.to}T23:59:59.999`).toISOString();
    return params;
  }

  async function load(quiet = false) {
    clearTimeout(timer);
    if (loading && quiet) return;
    loading = true;
    if (!quiet) table.setAttribute("aria-busy", "true");
    try {
      const result = await api.listJobs(query());
      if (!alive) return;
      tokens[page + 1] = result.next_page_token || null;
      if (!quiet) message.hidden = true;
      draw(result);
    } catch (err) {
      if (!alive) return;
      showMessage(`The jobs could not be loaded: ${err.message}`);
    } finally {
      loading = false;
      table.removeAttribute("aria-busy");
      // poll quickly while a shown job is still moving, slowly otherwise, and not at all in a hidden tab
      const moving = [...body.querySelectorAll("tr")].some((tr) => !TERMINAL.has(tr.dataset.status));
      if (alive) timer = setTimeout(() => load(true), document.hidden ? 10_000 : moving ? POLL_MS : IDLE_POLL_MS);
    }
  }

  function showMessage(text, kind = "error") {
    message.className = `alert alert-${kind}`;
    message.textContent = text;
    message.hidden = false;
  }

  function draw(result) {
    const items = result.items || [];
    for (const job of items) {
      const before = lastStatuses.get(job.id);
      if (before && before !== job.status) {
        announce(`${fileNames.get(job.file_input) || "A job"}: ${job.status.toLowerCase()}.`);
      }
      lastStatuses.set(job.id, job.status);
    }
    const signature = JSON.stringify([page, items.map((j) => [j.id, j.status, j.error_message])]);
    if (signature !== lastSignature) {
      // keep keyboard focus on the same control across a redraw
      const focused = document.activeElement;
      const focusRow = focused?.closest?.("tr")?.dataset.jobId;
      const focusAction = focused?.dataset?.action;
      body.replaceChildren(...items.map(row));
      lastSignature = signature;
      if (focusRow && body.contains(focused) === false) {
        const target = body.querySelector(`tr[data-job-id="${CSS.escape(focusRow)}"] ` +
          (focusAction ? `[data-action="${focusAction}"]` : "a"));
        (target || body.querySelector(`tr[data-job-id="${CSS.escape(focusRow)}"] a`))?.focus();
      }
    }
    const filtered = Object.values(filters).some(Boolean);
    empty.hidden = items.length > 0;
    table.hidden = items.length === 0;
    empty.replaceChildren(filtered
      ? h("div", {}, h("p", { class: "empty-title" }, "No jobs match these filters."),
        h("button", { type: "button", class: "btn btn-secondary", onclick: () => reset.click() }, "Clear filters"))
      : h("div", {}, h("p", { class: "empty-title" }, "No extraction jobs yet."),
        h("a", { class: "btn btn-primary", href: "#/new" }, "Start an extraction")));
    const total = result.total_size;
    const first = page * PAGE_SIZE + 1;
    range.textContent = items.length
      ? `${first}–${first + items.length - 1}${total != null ? ` of ${total}` : ""}`
      : "";
    prev.disabled = page === 0;
    next.disabled = !tokens[page + 1];
  }

  function row(job) {
    const name = fileNames.get(job.file_input) || job.file_input;
    const configName = job.configuration_id ? configNames.get(job.configuration_id) || job.configuration_id : "Inline";
    const open = h("a", { href: `#/jobs/${encodeURIComponent(job.id)}`, class: "job-link" },
      h("span", { class: "job-file" }, name),
      h("span", { class: "job-id mono" }, shortId(job.id)));
    const actions = [];
    if (!TERMINAL.has(job.status)) {
      actions.push(h("button", { type: "button", class: "btn btn-secondary btn-sm", "data-action": "cancel",
        "aria-label": `Cancel job for ${name}`, onclick: () => cancel(job, name) }, "Cancel"));
    }
    actions.push(h("button", { type: "button", class: "btn btn-ghost btn-sm danger-text", "data-action": "delete",
      "aria-label": `Delete job for ${name}`, onclick: () => remove(job, name) }, "Delete"));
    return h("tr", { dataset: { jobId: job.id, status: job.status } },
      h("td", { "data-label": "File" }, open),
      h("td", { "data-label": "Status" }, statusBadge(job.status, job.warnings),
        job.error_message ? h("span", { class: "row-error", title: job.error_message }, job.error_message) : null),
      h("td", { "data-label": "Configuration" }, h("span", { class: job.configuration_id ? "" : "muted" }, configName)),
      h("td", { "data-label": "Created" }, h("time", { datetime: job.created_at }, formatDate(job.created_at))),
      h("td", { class: "actions" }, actions));
  }

  async function cancel(job, name) {
    try {
      await api.cancelJob(job.id);
      message.hidden = true;
      toast(`Cancelled the job for ${name}.`);
    } catch (err) {
      showMessage(err.status === 409 ? `Cannot cancel: ${err.message}` : `Cancel failed: ${err.message}`);
    }
    load(true);
  }

  async function remove(job, name) {
    const ok = await confirmDialog("Delete this job?", `The job for ${name} and its result will be deleted. ` +
      "The uploaded file is kept.");
    if (!ok) return;
    try {
      await api.deleteJob(job.id);
      message.hidden = true;
      toast(`Deleted the job for ${name}.`);
    } catch (err) {
      showMessage(err.status === 409 ? `Cannot delete: ${err.message}` : `Delete failed: ${err.message}`);
    }
    load(true);
  }

  async function loadNames() {
    const [filesPage, configsPage] = await Promise.allSettled([api.listFiles(), api.listConfigurations()]);
    if (!alive) return;
    if (filesPage.status === "fulfilled") {
      fileNames = new Map(filesPage.value.items.map((f) => [f.id, f.name]));
      file.replaceChildren(h("option", { value: "" }, "Any file"),
        ...filesPage.value.items.map((f) => h("option", { value: f.id }, f.name)));
      file.value = filters.file_input;
    }
    if (configsPage.status === "fulfilled") {
      configNames = new Map(configsPage.value.items.map((c) => [c.id, c.name]));
      config.replaceChildren(h("option", { value: "" }, "Any configuration"),
        ...configsPage.value.items.map((c) => h("option", { value: c.id }, c.name)));
      config.value = filters.configuration_id;
    } else {
      config.disabled = true;
      config.title = "Saved configurations are unavailable.";
    }
  }

  main.append(
    h("div", { class: "page-head" },
      h("div", {}, h("h1", {}, "Jobs"), h("p", { class: "muted" }, "Newest first. Statuses update live.")),
      h("a", { class: "btn btn-primary", href: "#/new" }, "New extraction")),
    h("form", { class: "filters card", "aria-label": "Filter jobs", onsubmit: (e) => e.preventDefault() },
      h("div", { class: "field" }, h("label", { for: "f-status" }, "Status"), status),
      h("div", { class: "field" }, h("label", { for: "f-config" }, "Configuration"), config),
      h("div", { class: "field" }, h("label", { for: "f-file" }, "File"), file),
      h("div", { class: "field" }, h("label", { for: "f-from" }, "Created from"), from),
      h("div", { class: "field" }, h("label", { for: "f-to" }, "Created to"), to),
      h("div", { class: "field field-end" }, reset)),
    message,
    h("div", { class: "card table-card" }, table, empty,
      h("div", { class: "pager" }, range, h("div", { class: "pager-buttons" }, prev, next))),
  );
  loadNames().then(() => alive && load());
  return () => { alive = false; clearTimeout(timer); };
}
