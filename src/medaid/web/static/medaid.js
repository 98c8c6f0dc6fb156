// medaid web: every state-changing request goes through fetch with the session's CSRF token.
// No inline script anywhere (the CSP forbids it): pages mark their forms with data-api.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

function showError(form, message, hint) {
  let box = form ? form.querySelector(".form-error") : null;
  if (!box) box = document.querySelector("main > .form-error");
  // a medaid error's message already ends with its fix; the hint is added only when it says more
  box.textContent = hint && !message.includes(hint) ? message + "（" + hint + "）" : message;
  box.hidden = false;
  box.scrollIntoView({ block: "nearest" });
}

function showOk(form, message) {
  let box = form.querySelector(".form-ok");
  if (!box) { box = document.createElement("p"); box.className = "form-ok"; form.appendChild(box); }
  box.textContent = message;
}

async function api(method, url, body, isJson) {
  const headers = { "X-CSRF-Token": csrfToken(), "Accept": "application/json" };
  if (isJson) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method: method, headers: headers, body: body, credentials: "same-origin" });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (response.status === 401 && !url.startsWith("/api/session")) { window.location = "/login?next=" + encodeURIComponent(window.location.pathname); }
  if (!response.ok) {
    const err = (data && data.error) || { message: "请求失败（" + response.status + "）", hint: "" };
    throw err;
  }
  return data;
}

function formFields(form, names) {
  // the named fields of a form that are filled in, trimmed (for the pages that build their own JSON)
  const body = {};
  for (const name of names) {
    const field = form.elements[name];
    if (field && field.value.trim() !== "") body[name] = field.value.trim();
  }
  return body;
}

async function postJson(form, url, body, next) {
  // POST body as JSON for a page's own form; then to next(data) (or this page again), or the error under the form
  const button = form.querySelector("button[type=submit]");
  if (button) button.disabled = true;
  try {
    const data = await api("POST", url, JSON.stringify(body), true);
    window.location = next ? next(data) : window.location.href;
  } catch (err) {
    showError(form, err.message || String(err), err.hint);
  } finally {
    if (button) button.disabled = false;
  }
}

function formBody(form) {
  const data = new FormData(form);
  if (form.hasAttribute("data-json")) {
    const out = {};
    for (const [key, value] of data.entries()) { if (value !== "") out[key] = value; }
    return [JSON.stringify(out), true];
  }
  return [data, false];
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.matches("form[data-api]")) return;
  event.preventDefault();
  const button = form.querySelector("button[type=submit]");
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
  if (button) button.disabled = true;
  try {
    const [body, isJson] = formBody(form);
    const data = await api(form.dataset.method || "POST", form.dataset.api, body, isJson);
    if (form.dataset.download && data && data.download) { window.location = data.download; }
    if (form.dataset.ok) showOk(form, form.dataset.ok);
    if (form.dataset.next) { window.location = form.dataset.next; return; }
    if (form.hasAttribute("data-reload")) { window.location.reload(); return; }
    form.dispatchEvent(new CustomEvent("medaid:done", { detail: data, bubbles: true }));
  } catch (err) {
    showError(form, err.message || String(err), err.hint);
  } finally {
    if (button) button.disabled = false;
  }
});

document.addEventListener("click", async (event) => {
  const target = event.target;
  if (target.matches("[data-sign-out]")) {
    try { await api("DELETE", "/api/session", null, false); } catch (e) { /* already out */ }
    window.location = "/login";
  }
});

// the login page: JSON to /api/session (a form post from another site cannot send JSON)
document.addEventListener("DOMContentLoaded", () => {
  const login = document.getElementById("login");
  if (login) {
    login.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = login.querySelector("button[type=submit]");
      button.disabled = true;
      const fields = {};
      for (const [k, v] of new FormData(login).entries()) { if (v !== "") fields[k] = v; }
      try {
        const data = await api("POST", "/api/session", JSON.stringify(fields), true);
        window.location = data.must_enrol_totp ? "/totp" : (login.dataset.next || "/");
      } catch (err) {
        showError(null, err.message, err.hint);
      } finally { button.disabled = false; }
    });
  }
  const enrol = document.getElementById("totp-enrol");
  if (enrol) {
    enrol.addEventListener("click", async () => {
      try {
        const data = await api("POST", "/api/totp/enrolment", null, false);
        const holder = document.getElementById("totp-qr");
        const doc = new DOMParser().parseFromString(data.qr_svg, "image/svg+xml");
        holder.replaceChildren(document.importNode(doc.documentElement, true));
        const secret = document.getElementById("totp-secret");
        secret.textContent = "无法扫码时手动输入密钥：" + data.secret;
        secret.hidden = false;
      } catch (err) { showError(null, err.message, err.hint); }
    });
  }
});

// Every file picker (label.file-pick): the browser's own file button speaks the browser's language, so the input
// is hidden behind a button of ours and this says what was chosen ("名称（1.2 MB）", several joined by 、).
function showChosenFiles(input) {
  const shown = input.closest(".file-pick").querySelector("[data-file-name]");
  if (!shown) return;
  const files = Array.from(input.files || []);
  const size = (f) => f.size >= 1048576 ? (f.size / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(f.size / 1024)) + " KB";
  shown.textContent = files.length ? files.map((f) => f.name + "（" + size(f) + "）").join("、") : "未选择文件";
}
document.addEventListener("change", (event) => {
  if (event.target.matches(".file-pick input[type=file]")) showChosenFiles(event.target);
});
document.addEventListener("reset", (event) => {
  window.setTimeout(() => event.target.querySelectorAll(".file-pick input[type=file]").forEach(showChosenFiles), 0);
});
