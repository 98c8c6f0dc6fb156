// The evaluator's workbench and the reports page. No inline script (CSP): this file is loaded with defer.
"use strict";

(function () {
  const only = document.getElementById("only-pending");
  const tree = document.getElementById("tree");
  if (only && tree) {
    only.addEventListener("change", () => tree.classList.toggle("only-pending", only.checked));
  }

  // 生成报告: the formats checked go as a JSON list; the button stays busy while the files are made
  const form = document.getElementById("report-form");
  if (!form) return;
  const token = () => { const m = document.querySelector('meta[name="csrf-token"]'); return m ? m.content : ""; };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = form.querySelector(".form-error");
    const busy = form.querySelector(".busy");
    const button = form.querySelector("button[type=submit]");
    const formats = Array.from(form.querySelectorAll("input[name=formats]:checked")).map((i) => i.value);
    error.hidden = true;
    if (formats.length === 0) { error.textContent = "请至少选择一种格式"; error.hidden = false; return; }
    button.disabled = true;
    busy.hidden = false;
    try {
      const response = await fetch("/api/reports", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": token() },
        body: JSON.stringify({ formats: formats }),
      });
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      if (!response.ok) {
        const err = (data && data.error) || { message: "生成失败（" + response.status + "）", hint: "" };
        throw err;
      }
      window.location.reload();
    } catch (err) {
      error.textContent = (err.message || String(err)) + (err.hint ? "（" + err.hint + "）" : "");
      error.hidden = false;
    } finally {
      button.disabled = false;
      busy.hidden = true;
    }
  });
})();
