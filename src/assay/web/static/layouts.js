// Layouts: the project's remembered layouts (layout memory), each field's places, and forgetting one.

import { api } from "./api.js";
import { announce, confirmDialog, formatDate, h, toast } from "./dom.js";

export function renderLayouts(main) {
  const message = h("div", { class: "alert", id: "layouts-message", role: "alert", hidden: true });
  const body = h("tbody");
  const table = h("table", { class: "table", id: "layouts-table" },
    h("caption", { class: "visually-hidden" }, "Remembered layouts, newest first"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Layout"),
      h("th", { scope: "col" }, "Fields"),
      h("th", { scope: "col" }, "Reviewed documents"),
      h("th", { scope: "col" }, "Updated"),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    body);
  const empty = h("p", { class: "empty", id: "layouts-empty", hidden: true },
    "No layout remembered yet. Post a reviewed job's accepted result to /api/v1/layouts " +
    "(or `assay layouts remember JOB RESULT.json`): the next documents of its layout are read where it " +
    "printed each value.");
  const detail = h("div", { id: "layout-detail" });
  main.append(h("h1", {}, "Layouts"),
    h("p", { class: "muted" }, "What reviewed documents taught: where each sender's layout prints each field."),
    message, h("div", { class: "card" }, table, empty), detail);

  async function load() {
    try {
      const page = await api.get("api/v1/layouts", { page_size: 200 });
      body.replaceChildren(...page.items.map(row));
      empty.hidden = page.items.length > 0;
      table.hidden = page.items.length === 0;
      message.hidden = true;
    } catch (err) {
      message.textContent = err.message;
      message.hidden = false;
    }
  }

  function row(layout) {
    const show = h("button", { type: "button", class: "btn btn-ghost btn-sm", dataset: { show: layout.id } },
      layout.name || layout.id);
    show.addEventListener("click", () => {
      detail.replaceChildren(describe(layout));
      detail.querySelector("h2").focus();
    });
    const remove = h("button", { type: "button", class: "btn btn-ghost btn-sm", dataset: { delete: layout.id },
      "aria-label": `Forget layout ${layout.name || layout.id}` }, "Forget");
    remove.addEventListener("click", async () => {
      if (!(await confirmDialog("Forget this layout?",
        "Its documents will be read by the engine alone again.", "Forget"))) return;
      try {
        await api.del(`api/v1/layouts/${encodeURIComponent(layout.id)}`);
        detail.replaceChildren();
        toast("Layout forgotten.");
        announce("Layout forgotten.");
        load();
      } catch (err) {
        toast(err.message, "error");
      }
    });
    return h("tr", { dataset: { id: layout.id } },
      h("td", {}, show),
      h("td", {}, String(Object.keys(layout.fields).length)),
      h("td", {}, String(layout.examples.length)),
      h("td", {}, formatDate(layout.updated_at)),
      h("td", {}, remove));
  }

  load();
  return () => {};
}

function describe(layout) {
  const rows = Object.entries(layout.fields).flatMap(([path, places]) => places.map((p, i) =>
    h("tr", {},
      h("th", { scope: "row" }, i === 0 ? path : ""),
      h("td", {}, "value" in p ? `not printed as such: ${p.value}`
        : p.anchors.filter(Boolean).join(" · ") || "its place on the page"),
      h("td", {}, "value" in p ? "wherever the engine reads nothing"
        : `page ${p.page}, at ${Math.round(p.box[0])}, ${Math.round(p.box[1])} pt`),
      h("td", {}, `${p.right} of ${p.seen}`),
      h("td", {}, p.confidence.toFixed(2)))));
  return h("section", { class: "card", id: "layout-fields" },
    h("h2", { tabindex: "-1" }, layout.name || layout.id),
    h("p", { class: "muted" }, `Learnt from ${layout.examples.join(", ")}.`),
    h("table", { class: "table" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, "Field"), h("th", { scope: "col" }, "Printed beside"),
        h("th", { scope: "col" }, "Where"), h("th", { scope: "col" }, "Right"),
        h("th", { scope: "col" }, "Confidence"))),
      h("tbody", {}, rows)));
}
