// Entry point: the API key gate and a hash router (#/new, #/jobs, #/jobs/<id>, #/sort, #/review, #/review/<id>,
// #/layouts).

import { api, clearKey, getKey, handleUnauthorized, setKey } from "./api.js";
import { clear, h } from "./dom.js";
import { renderJobs } from "./jobs.js";
import { renderLayouts } from "./layouts.js";
import { renderNew } from "./new.js";
import { renderResult } from "./result.js";
import { renderQueue, renderReview } from "./review.js";
import { renderSort } from "./sort.js";

const main = document.getElementById("main");
let cleanup = null;
let signInMessage = "";

function route() {
  if (cleanup) cleanup();
  cleanup = null;
  clear(main);
  const signedIn = Boolean(getKey());
  document.getElementById("nav").hidden = !signedIn;
  document.getElementById("session").hidden = !signedIn;
  if (!signedIn) {
    renderSignIn();
    return;
  }
  const key = getKey();
  document.getElementById("key-hint").textContent = `Key …${key.slice(-4)}`;
  const hash = location.hash.replace(/^#\/?/, "");
  const [path] = hash.split("?");
  const parts = path.split("/").filter(Boolean);
  let active = "new";
  if (parts[0] === "jobs" && parts[1]) {
    active = "jobs";
    cleanup = renderResult(main, decodeURIComponent(parts[1]));
  } else if (parts[0] === "jobs") {
    active = "jobs";
    cleanup = renderJobs(main);
  } else if (parts[0] === "review") {
    active = "review";
    cleanup = parts[1] ? renderReview(main, decodeURIComponent(parts[1])) : renderQueue(main);
  } else if (parts[0] === "layouts") {
    active = "layouts";
    cleanup = renderLayouts(main);
  } else if (parts[0] === "sort") {
    active = "sort";
    cleanup = renderSort(main);
  } else {
    cleanup = renderNew(main);
  }
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const heading = main.querySelector("h1");
  if (heading && document.activeElement !== document.body) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
}

function renderSignIn() {
  const error = h("p", { class: "field-error", id: "key-error", role: "alert" }, signInMessage);
  const input = h("input", {
    id: "api-key", name: "api-key", type: "password", autocomplete: "off", spellcheck: "false",
    required: true, placeholder: "llx-…", "aria-describedby": "key-help key-error",
  });
  const button = h("button", { class: "btn btn-primary", type: "submit" }, "Continue");
  const form = h("form", { class: "card signin", novalidate: true },
    h("h1", {}, "Sign in"),
    h("p", { class: "muted", id: "key-help" },
      "Enter an API key for this server. It is kept in this browser tab only and sent with every request."),
    h("p", { class: "hint", id: "key-source" },
      "Where to get one: the first ", h("code", {}, "assay serve"), " prints the default project's key (or uses ",
      h("code", {}, "ASSAY_API_KEY"), "); ", h("code", {}, "assay keys create"),
      " on the server's machine makes another."),
    h("label", { for: "api-key" }, "API key"),
    input,
    error,
    button,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      error.textContent = "Enter an API key.";
      input.focus();
      return;
    }
    button.disabled = true;
    error.textContent = "";
    try {
      await api.checkKey(key);
      setKey(key);
      signInMessage = "";
      if (!location.hash || location.hash === "#") location.hash = "#/new";
      route();
    } catch (err) {
      error.textContent = err.status === 401 ? "That key was not accepted. Check it and try again." : err.message;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } finally {
      button.disabled = false;
    }
  });
  main.append(h("div", { class: "signin-wrap" }, form));
  input.focus();
}

handleUnauthorized(() => {
  clearKey();
  signInMessage = "Your API key was not accepted any more. Sign in again.";
  route();
});

document.getElementById("sign-out").addEventListener("click", () => {
  clearKey();
  signInMessage = "";
  route();
});
document.getElementById("skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener("hashchange", route);
route();
