// The upload page: the file goes up with XMLHttpRequest (for upload.onprogress), the session's CSRF
// token in the X-CSRF-Token header; the validation report is written with textContent only.
"use strict";

(() => {
  const number = (n) => (typeof n === "number" ? n.toLocaleString("zh-CN") : String(n ?? "—"));

  function token() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function cell(row, text, cls) {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  function showError(form, message, hint) {
    const box = form.querySelector(".form-error");
    box.textContent = hint && !message.includes(hint) ? message + "（" + hint + "）" : message; // a MedaidError's message already ends with its fix
    box.hidden = false;
  }

  function report(data) {
    const card = document.getElementById("upload-report");
    card.querySelectorAll("[data-field]").forEach((el) => {
      const key = el.dataset.field;
      el.textContent = key === "shown" ? String((data.first_rejects || []).length) : number(data[key]);
    });
    const notes = card.querySelector('[data-list="notes"]');
    notes.replaceChildren(...(data.notes || []).map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
    const columns = card.querySelector('[data-list="by_column"]');
    columns.replaceChildren(...Object.entries(data.by_column || {}).map(([column, rows]) => {
      const tr = document.createElement("tr");
      cell(tr, column);
      cell(tr, number(rows), "num");
      return tr;
    }));
    const rows = card.querySelector('[data-list="first_rejects"]');
    rows.replaceChildren(...(data.first_rejects || []).map((r) => {
      const tr = document.createElement("tr");
      cell(tr, r.row, "num");
      cell(tr, r.column);
      cell(tr, r.value, "mono");
      cell(tr, r.reason);
      return tr;
    }));
    card.querySelector('[data-part="rejects"]').hidden = !data.rejected;
    const link = card.querySelector('[data-field-href="rejects_url"]');
    link.hidden = !data.rejects_url;
    if (data.rejects_url) link.href = data.rejects_url;
    card.hidden = false;
    card.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  async function refreshImports() {
    const body = document.getElementById("imports-body");
    if (!body) return;
    const response = await fetch("/api/imports", { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) return;
    const data = await response.json();
    body.replaceChildren(...data.imports.map((i) => {
      const tr = document.createElement("tr");
      cell(tr, String(i.import_id), "num");
      cell(tr, i.imported_at);
      cell(tr, i.label);
      cell(tr, i.file);
      for (const key of ["rows_read", "new", "changed", "unchanged", "rejected"]) cell(tr, number(i[key]), "num");
      const last = cell(tr, i.has_rejects ? "" : "—");
      if (i.has_rejects) {
        const a = document.createElement("a");
        a.href = "/api/imports/" + i.import_id + "/rejects";
        a.setAttribute("download", "");
        a.textContent = "下载";
        last.appendChild(a);
      }
      return tr;
    }));
  }

  function send(form) {
    const file = form.querySelector('input[type="file"]').files[0];
    const box = form.querySelector(".form-error");
    box.hidden = true;
    if (!file) { showError(form, "请选择要上传的文件"); return; }
    const max = Number(form.dataset.max || 0);
    if (max && file.size > max) {
      showError(form, "文件有 " + (file.size / 1048576).toFixed(1) + " MB，超过 " + form.dataset.maxMb + " MB 的上限", "请拆分文件后分批上传");
      return;
    }
    const button = form.querySelector("button[type=submit]");
    const progress = form.querySelector(".upload-progress");
    const bar = progress.querySelector("progress");
    const text = progress.querySelector("[data-progress-text]");
    progress.hidden = false;
    bar.value = 0;
    bar.setAttribute("value", "0");
    text.textContent = "正在上传…";
    button.disabled = true;
    const request = new XMLHttpRequest();
    request.open("POST", "/api/imports");
    request.setRequestHeader("X-CSRF-Token", token());
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.round((event.loaded / event.total) * 100);
      bar.value = percent;
      text.textContent = "已上传 " + percent + "%（" + (event.loaded / 1048576).toFixed(1) + " / " + (event.total / 1048576).toFixed(1) + " MB）";
    };
    request.upload.onload = () => {
      bar.removeAttribute("value"); // indeterminate while the server checks and imports
      text.textContent = "上传完成，正在检查并导入…";
    };
    request.onload = () => {
      button.disabled = false;
      let data = null;
      try { data = JSON.parse(request.responseText); } catch (e) { data = null; }
      if (request.status === 401) { window.location = "/login?next=/upload"; return; }
      if (request.status !== 200 || !data) {
        progress.hidden = true;
        const err = (data && data.error) || { message: "上传失败（" + request.status + "）", hint: "" };
        showError(form, err.message, err.hint);
        return;
      }
      bar.value = 100;
      text.textContent = "导入完成";
      report(data);
      form.reset();
      refreshImports();
    };
    request.onerror = () => {
      button.disabled = false;
      progress.hidden = true;
      showError(form, "上传中断：网络连接失败", "请检查网络后重新上传");
    };
    request.send(new FormData(form));
  }

  // Chinese messages for the browser's own checks of required fields (data-invalid on the field)
  document.addEventListener("invalid", (event) => {
    const field = event.target;
    if (field.dataset && field.dataset.invalid) field.setCustomValidity(field.dataset.invalid);
  }, true);
  ["input", "change"].forEach((type) => document.addEventListener(type, (event) => {
    const field = event.target;
    if (field.dataset && field.dataset.invalid) field.setCustomValidity("");
  }, true));

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("upload-form");
    if (!form) return;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(form);
    });
  });
})();
