// New extraction: upload files, pick or paste a JSON Schema (validated by the server), options, start jobs.

import { api } from "./api.js";
import { announce, formatBytes, h, toast } from "./dom.js";

const EXAMPLE = {
  type: "object",
  properties: {
    invoice_number: { type: "string", description: "The invoice number" },
    invoice_date: { type: "string", description: "The date of issue" },
    total: { type: "number", description: "Total amount due" },
    line_items: {
      type: "array",
      items: {
        type: "object",
        properties: {
          description: { type: "string" },
          quantity: { type: "number" },
          amount: { type: "number" },
        },
      },
    },
  },
};

// Kept while the tab lives, so that going to Jobs and back keeps the work in progress.
const state = {
  uploads: [], // {id, name, size, status: uploading|ready|error, fileId, error}
  schemaText: JSON.stringify(EXAMPLE, null, 2),
  configId: "", // the saved configuration in use, until the schema or options are edited
  options: { extraction_target: "per_doc", tier: "cost_effective", target_pages: "",
    cite_sources: true, confidence_scores: true },
};
let nextUploadId = 1;

export function renderNew(main) {
  let alive = true;
  let schemaValid = false;
  let validateTimer;
  let configs = [];

  // --- documents -------------------------------------------------------------------------
  const fileInput = h("input", { type: "file", id: "file-input", multiple: true, class: "visually-hidden",
    accept: ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.webp,.gif,.bmp,.docx,.xlsx,.pptx,.csv,.html,.htm,.md,.txt,.eml" });
  const uploadList = h("ul", { class: "upload-list", "aria-label": "Uploaded files" });
  const dropzone = h("div", { class: "dropzone", id: "dropzone" },
    h("div", { class: "dropzone-icon", "aria-hidden": "true" }, "⇪"),
    h("p", {}, h("strong", {}, "Drop files here"), " or"),
    h("label", { for: "file-input", class: "btn btn-secondary", tabindex: "0", id: "choose-files",
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); fileInput.click(); } } },
    "Choose files"),
    fileInput,
    h("p", { class: "hint" }, "PDF, images, Office documents, HTML or text. Several at once is fine."),
  );
  fileInput.addEventListener("change", () => {
    addFiles([...fileInput.files]);
    fileInput.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    dropzone.addEventListener(type, (e) => { e.preventDefault(); dropzone.classList.add("dragging"); });
  }
  for (const type of ["dragleave", "drop"]) {
    dropzone.addEventListener(type, () => dropzone.classList.remove("dragging"));
  }
  dropzone.addEventListener("drop", (e) => {
    e.preventDefault();
    addFiles([...(e.dataTransfer?.files || [])]);
  });

  function addFiles(list) {
    for (const file of list) {
      const entry = { id: nextUploadId++, name: file.name, size: file.size, status: "uploading" };
      state.uploads.push(entry);
      api.uploadFile(file).then((record) => {
        entry.status = "ready";
        entry.fileId = record.id;
        announce(`${file.name} uploaded.`);
      }).catch((err) => {
        entry.status = "error";
        entry.error = err.message;
        announce(`${file.name} could not be uploaded: ${err.message}`);
      }).finally(() => { if (alive) { drawUploads(); updateSubmit(); } });
    }
    drawUploads();
    updateSubmit();
  }

  function drawUploads() {
    uploadList.replaceChildren(...state.uploads.map((entry) => {
      const status = {
        uploading: h("span", { class: "pill pill-muted" }, "Uploading…"),
        ready: h("span", { class: "pill pill-ok" }, "Ready"),
        error: h("span", { class: "pill pill-bad" }, "Failed"),
      }[entry.status];
      return h("li", { class: "upload", dataset: { status: entry.status } },
        h("span", { class: "file-icon", "aria-hidden": "true" }, "▤"),
        h("span", { class: "upload-name" },
          h("span", { class: "name" }, entry.name),
          h("span", { class: "meta" }, entry.error || formatBytes(entry.size))),
        status,
        h("button", { type: "button", class: "btn btn-icon", "aria-label": `Remove ${entry.name}`,
          onclick: () => {
            state.uploads = state.uploads.filter((u) => u !== entry);
            drawUploads();
            updateSubmit();
          } }, "×"),
      );
    }));
    uploadList.hidden = state.uploads.length === 0;
  }

  // --- schema ----------------------------------------------------------------------------
  const configSelect = h("select", { id: "config-select", "aria-describedby": "config-help" },
    h("option", { value: "" }, "None: use the schema below"));
  const configHelp = h("p", { class: "hint", id: "config-help" }, "Loading saved configurations…");
  const schemaArea = h("textarea", { id: "schema", rows: "16", spellcheck: "false", class: "code",
    "aria-describedby": "schema-status", autocapitalize: "off" });
  schemaArea.value = state.schemaText;
  const schemaStatus = h("div", { id: "schema-status", class: "schema-status", "aria-live": "polite" });
  const schemaFile = h("input", { type: "file", accept: ".json,application/json", class: "visually-hidden",
    id: "schema-file" });
  const saveName = h("input", { id: "config-name", type: "text", placeholder: "e.g. Invoices",
    autocomplete: "off" });
  const saveStatus = h("p", { class: "hint", role: "status" });

  schemaFile.addEventListener("change", async () => {
    const file = schemaFile.files[0];
    if (!file) return;
    schemaArea.value = await file.text();
    schemaFile.value = "";
    schemaEdited();
  });
  schemaArea.addEventListener("input", schemaEdited);

  function schemaEdited() {
    state.schemaText = schemaArea.value;
    useConfig("");
    scheduleValidation();
  }

  function scheduleValidation() {
    clearTimeout(validateTimer);
    schemaValid = false;
    updateSubmit();
    validateTimer = setTimeout(validate, 350);
  }

  async function validate() {
    const text = schemaArea.value;
    let schema;
    try {
      schema = JSON.parse(text);
    } catch (err) {
      return showProblems([{ loc: [], msg: `Not valid JSON: ${err.message}` }]);
    }
    try {
      const result = await api.validateSchema(schema);
      if (text !== schemaArea.value) return;
      const count = countFields(result.data_schema);
      schemaValid = true;
      schemaArea.removeAttribute("aria-invalid");
      schemaStatus.className = "schema-status ok";
      schemaStatus.replaceChildren(h("span", { "aria-hidden": "true" }, "✓ "),
        `Valid schema, ${count} field${count === 1 ? "" : "s"}.`);
    } catch (err) {
      if (text !== schemaArea.value) return;
      showProblems(err.problems?.length ? err.problems : [{ loc: [], msg: err.message }]);
    }
    updateSubmit();
  }

  function showProblems(problems) {
    schemaValid = false;
    schemaArea.setAttribute("aria-invalid", "true");
    schemaStatus.className = "schema-status bad";
    schemaStatus.replaceChildren(
      h("p", {}, problems.length === 1 ? "The schema has a problem:" : `The schema has ${problems.length} problems:`),
      h("ul", { class: "problems" }, problems.map((p) => h("li", {}, p.msg))),
    );
    updateSubmit();
  }

  configSelect.addEventListener("change", () => {
    const config = configs.find((c) => c.id === configSelect.value);
    if (!config) {
      useConfig("");
      return;
    }
    const { product_type: _, data_schema: schema, ...options } = config.parameters || {};
    schemaArea.value = JSON.stringify(schema || {}, null, 2);
    state.schemaText = schemaArea.value;
    for (const key of Object.keys(state.options)) {
      if (options[key] !== undefined && options[key] !== null) state.options[key] = options[key];
    }
    drawOptions();
    useConfig(config.id);
    scheduleValidation();
    announce(`Using saved configuration ${config.name}.`);
  });

  function useConfig(id) {
    state.configId = id;
    configSelect.value = id;
    const config = configs.find((c) => c.id === id);
    configHelp.textContent = config
      ? `Jobs will reference “${config.name}” (${config.id}). Editing the schema or options switches to an inline configuration.`
      : configs.length ? `${configs.length} saved configuration${configs.length === 1 ? "" : "s"}.`
        : "No saved configurations yet: save the schema below to reuse it.";
  }

  async function loadConfigs(selectId) {
    try {
      const page = await api.listConfigurations();
      configs = page.items || [];
    } catch (err) {
      configs = [];
      if (alive) configHelp.textContent = `Saved configurations are unavailable: ${err.message}`;
      return;
    }
    if (!alive) return;
    configSelect.replaceChildren(h("option", { value: "" }, "None: use the schema below"),
      ...configs.map((c) => h("option", { value: c.id }, c.name)));
    useConfig(selectId ?? state.configId);
  }

  async function saveConfig(event) {
    event.preventDefault();
    const name = saveName.value.trim();
    if (!name) {
      saveStatus.textContent = "Give the configuration a name.";
      saveName.focus();
      return;
    }
    let schema;
    try {
      schema = JSON.parse(schemaArea.value);
    } catch {
      saveStatus.textContent = "Fix the schema first.";
      return;
    }
    try {
      const saved = await api.createConfiguration(name, { data_schema: schema, ...configuration(false) });
      saveStatus.textContent = `Saved “${saved.name}”.`;
      toast(`Saved configuration “${saved.name}”.`);
      saveName.value = "";
      await loadConfigs(saved.id);
    } catch (err) {
      saveStatus.textContent = `Could not save: ${err.message}`;
    }
  }

  // --- options ---------------------------------------------------------------------------
  const target = h("select", { id: "opt-target" },
    h("option", { value: "per_doc" }, "Whole document (one result)"),
    h("option", { value: "per_page" }, "Each page (a result per page)"),
    h("option", { value: "per_table_row" }, "Each table row or list item"));
  const tier = h("select", { id: "opt-tier" },
    h("option", { value: "cost_effective" }, "Cost effective"),
    h("option", { value: "agentic" }, "Agentic"),
    h("option", { value: "agentic_plus" }, "Agentic plus"),
    h("option", { value: "turbo" }, "Turbo"));
  const pages = h("input", { id: "opt-pages", type: "text", inputmode: "numeric", placeholder: "All pages",
    "aria-describedby": "pages-help", autocomplete: "off" });
  const cite = h("input", { id: "opt-cite", type: "checkbox" });
  const confidence = h("input", { id: "opt-confidence", type: "checkbox" });

  function drawOptions() {
    target.value = state.options.extraction_target;
    tier.value = state.options.tier;
    pages.value = state.options.target_pages || "";
    cite.checked = Boolean(state.options.cite_sources);
    confidence.checked = Boolean(state.options.confidence_scores);
  }
  for (const input of [target, tier, pages, cite, confidence]) {
    input.addEventListener(input.type === "text" ? "input" : "change", () => {
      state.options = {
        extraction_target: target.value, tier: tier.value, target_pages: pages.value.trim(),
        cite_sources: cite.checked, confidence_scores: confidence.checked,
      };
      useConfig("");
    });
  }

  function configuration(withSchema = true) {
    const config = {
      extraction_target: state.options.extraction_target,
      tier: state.options.tier,
      cite_sources: state.options.cite_sources,
      confidence_scores: state.options.confidence_scores,
    };
    if (state.options.target_pages) config.target_pages = state.options.target_pages;
    if (withSchema) config.data_schema = JSON.parse(schemaArea.value);
    return config;
  }

  // --- submit ----------------------------------------------------------------------------
  const submit = h("button", { type: "submit", class: "btn btn-primary btn-lg", id: "start" }, "Start extraction");
  const submitHelp = h("p", { class: "hint", id: "submit-help" });
  const submitError = h("div", { class: "alert alert-error", role: "alert", hidden: true });

  function updateSubmit() {
    const ready = state.uploads.filter((u) => u.status === "ready");
    const busy = state.uploads.some((u) => u.status === "uploading");
    submit.disabled = !ready.length || !schemaValid || busy;
    submit.textContent = ready.length > 1 ? `Start ${ready.length} extractions` : "Start extraction";
    submitHelp.textContent = busy ? "Waiting for uploads to finish…"
      : !ready.length ? "Add at least one file."
        : !schemaValid ? "The schema must be valid." : "";
  }

  async function start(event) {
    event.preventDefault();
    const ready = state.uploads.filter((u) => u.status === "ready");
    if (!ready.length || !schemaValid) return;
    submit.disabled = true;
    submitError.hidden = true;
    const body = state.configId ? { configuration_id: state.configId } : { configuration: configuration() };
    const failures = [];
    let started = 0;
    for (const upload of ready) {
      try {
        await api.createJob({ file_input: upload.fileId, ...body });
        started += 1;
      } catch (err) {
        failures.push(`${upload.name}: ${err.message}`);
      }
    }
    if (failures.length) {
      submitError.replaceChildren(h("strong", {}, started ? `Started ${started}; some jobs failed:` : "No job was started:"),
        h("ul", {}, failures.map((f) => h("li", {}, f))));
      submitError.hidden = false;
      updateSubmit();
      return;
    }
    state.uploads = [];
    toast(`Started ${started} extraction job${started === 1 ? "" : "s"}.`);
    location.hash = "#/jobs";
  }

  // --- layout ----------------------------------------------------------------------------
  const form = h("form", { class: "new-grid", id: "new-form", novalidate: true, onsubmit: start },
    h("section", { class: "card", "aria-labelledby": "docs-title" },
      h("h2", { id: "docs-title" }, h("span", { class: "step" }, "1"), "Documents"),
      dropzone,
      uploadList,
    ),
    h("section", { class: "card span-rows", "aria-labelledby": "schema-title" },
      h("h2", { id: "schema-title" }, h("span", { class: "step" }, "2"), "Schema"),
      h("div", { class: "field" },
        h("label", { for: "config-select" }, "Saved configuration"),
        configSelect,
        configHelp),
      h("div", { class: "field" },
        h("div", { class: "label-row" },
          h("label", { for: "schema" }, "JSON Schema"),
          h("span", { class: "label-actions" },
            h("label", { for: "schema-file", class: "link-btn", tabindex: "0",
              onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); schemaFile.click(); } } },
            "Open .json…"),
            schemaFile,
            h("button", { type: "button", class: "link-btn", onclick: () => {
              schemaArea.value = JSON.stringify(EXAMPLE, null, 2);
              schemaEdited();
            } }, "Example"),
            h("button", { type: "button", class: "link-btn", onclick: () => {
              try {
                schemaArea.value = JSON.stringify(JSON.parse(schemaArea.value), null, 2);
                state.schemaText = schemaArea.value;
              } catch { /* the status already says why */ }
            } }, "Format"))),
        schemaArea,
        schemaStatus),
      h("div", { class: "save-config" },
        h("label", { for: "config-name" }, "Save as configuration"),
        h("div", { class: "inline" }, saveName,
          h("button", { type: "button", class: "btn btn-secondary", id: "save-config", onclick: saveConfig }, "Save")),
        saveStatus),
    ),
    h("section", { class: "card", "aria-labelledby": "options-title" },
      h("h2", { id: "options-title" }, h("span", { class: "step" }, "3"), "Options"),
      h("div", { class: "options" },
        h("div", { class: "field" }, h("label", { for: "opt-target" }, "Extraction target"), target),
        h("div", { class: "field" }, h("label", { for: "opt-tier" }, "Tier"), tier),
        h("div", { class: "field" }, h("label", { for: "opt-pages" }, "Pages"), pages,
          h("p", { class: "hint", id: "pages-help" }, "1-based, e.g. 1-3,5. Empty for all pages.")),
      ),
      h("div", { class: "checks" },
        h("div", { class: "check" }, cite, h("label", { for: "opt-cite" }, "Cite sources",
          h("span", { class: "hint" }, "Page and boxes for every value"))),
        h("div", { class: "check" }, confidence, h("label", { for: "opt-confidence" }, "Confidence scores",
          h("span", { class: "hint" }, "A 0–100% score per field")))),
      h("div", { class: "submit-row" }, submit, submitHelp),
      submitError,
    ),
  );

  main.append(
    h("div", { class: "page-head" },
      h("div", {}, h("h1", {}, "New extraction"),
        h("p", { class: "muted" }, "Upload documents, describe the data you want as a JSON Schema, and start a job per file."))),
    form,
  );
  drawUploads();
  drawOptions();
  updateSubmit();
  validate();
  loadConfigs();
  return () => { alive = false; clearTimeout(validateTimer); };
}

function countFields(schema) {
  let n = 0;
  const walk = (node) => {
    if (!node || typeof node !== "object") return;
    if (node.properties) {
      for (const child of Object.values(node.properties)) {
        n += 1;
        walk(child);
      }
    }
    if (node.items) walk(node.items);
  };
  walk(schema);
  return n;
}
