// The HTTP API, as the UI uses it. Every call sends the API key kept in sessionStorage.

const KEY = "assay.apiKey";
// The API lives next to /static/, whatever prefix the server is mounted under.
const ROOT = new URL("../", import.meta.url);

export const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

export function getKey() {
  return sessionStorage.getItem(KEY);
}

export function setKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function clearKey() {
  sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(status, message, problems = []) {
    super(message);
    this.status = status;
    this.problems = problems; // [{loc, msg, type}] for 422 validation errors
  }
}

let onUnauthorized = () => {};
export function handleUnauthorized(callback) {
  onUnauthorized = callback;
}

export function url(path, params) {
  const target = new URL(path.replace(/^\//, ""), ROOT);
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === "") continue;
    for (const item of Array.isArray(value) ? value : [value]) target.searchParams.append(key, item);
  }
  return target;
}

export async function request(method, path, { params, json, form, raw = false, key } = {}) {
  const headers = { Authorization: `Bearer ${key ?? getKey() ?? ""}` };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  let response;
  try {
    response = await fetch(url(path, params), { method, headers, body });
  } catch (error) {
    throw new ApiError(0, "The server cannot be reached. Check that `assay serve` is running.");
  }
  if (response.status === 401 && key === undefined) onUnauthorized();
  if (!response.ok) throw await toError(response);
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get("content-type") || "";
  return type.includes("json") ? response.json() : response.text();
}

async function toError(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  const detail = body && body.detail;
  if (Array.isArray(detail)) {
    const problems = detail.map((d) => ({ loc: d.loc || [], msg: d.msg || String(d), type: d.type }));
    return new ApiError(response.status, problems.map((p) => p.msg).join("; "), problems);
  }
  const fallback = {
    401: "Your API key was not accepted.",
    404: "Not found.",
    409: "The request conflicts with the object's current state.",
    413: "The file is larger than this server accepts.",
  }[response.status] || `The server answered ${response.status}.`;
  return new ApiError(response.status, typeof detail === "string" ? detail : fallback);
}

export const api = {
  get: (path, params) => request("GET", path, { params }),
  post: (path, json, params) => request("POST", path, { json, params }),
  del: (path, params) => request("DELETE", path, { params }),

  uploadFile(file) {
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("purpose", "extract");
    return request("POST", "api/v1/beta/files", { form });
  },
  listFiles: () => request("GET", "api/v1/beta/files", { params: { page_size: 1000 } }),
  filePages: (fileId) => request("GET", `api/v1/beta/files/${encodeURIComponent(fileId)}/pages`),
  async pageImage(fileId, page, width) {
    const path = `api/v1/beta/files/${encodeURIComponent(fileId)}/pages/${page}.png`;
    const response = await request("GET", path, { params: { width }, raw: true });
    return URL.createObjectURL(await response.blob());
  },

  validateSchema: (schema) => request("POST", "api/v2/extract/schema/validation", { json: { data_schema: schema } }),
  createJob: (body) => request("POST", "api/v2/extract", { json: body }),
  listJobs: (params) => request("GET", "api/v2/extract", { params }),
  getJob: (id) => request("GET", `api/v2/extract/${encodeURIComponent(id)}`,
    { params: { expand: ["extract_metadata", "configuration"] } }),
  cancelJob: (id) => request("POST", `api/v2/extract/${encodeURIComponent(id)}/cancel`),
  deleteJob: (id) => request("DELETE", `api/v2/extract/${encodeURIComponent(id)}`),

  listConfigurations: () => request("GET", "api/v1/beta/configurations",
    { params: { product_type: "extract_v2", latest_only: "true", page_size: 200 } }),
  createConfiguration: (name, parameters) => request("POST", "api/v1/beta/configurations",
    { json: { name, parameters: { product_type: "extract_v2", ...parameters } } }),

  pageWords: (fileId, page) => request("GET",
    `api/v1/beta/files/${encodeURIComponent(fileId)}/pages/${page}/words`),
  reviewItems: (params) => request("GET", "api/v1/beta/review/items", { params }),
  reviewItem: (id) => request("GET", `api/v1/beta/agent-data/${encodeURIComponent(id)}`),
  reviewChange: (id, change) => request("POST", `api/v1/beta/agent-data/${encodeURIComponent(id)}/review`,
    { json: change }),
  revisions: (id) => request("GET", `api/v1/beta/agent-data/${encodeURIComponent(id)}/revisions`),
  exportAccepted: (format) => request("GET", "api/v1/beta/review/export", { params: { format }, raw: true })
    .then((response) => response.text()),

  checkKey: (key) => request("GET", "api/v1/beta/files", { params: { page_size: 1 }, key }),
};
