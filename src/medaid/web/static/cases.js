// 依申请救助 pages: the forms whose JSON has lists (household members, bills), and the eligibility trial.
// Uses api(), formFields() and postJson() of medaid.js (loaded before this file; all are deferred).
"use strict";

function columns(form, prefix, names) {
  // the rows of a repeated group of fields (member_relation, member_id_number …), empty rows left out
  const lists = names.map((n) => Array.from(form.querySelectorAll(`[name="${prefix}_${n}"]`)).map((e) => e.value.trim()));
  const rows = [];
  for (let i = 0; i < lists[0].length; i++) {
    const row = {};
    names.forEach((n, j) => { if (lists[j][i] !== "") row[n] = lists[j][i]; });
    if (Object.keys(row).length) rows.push(row);
  }
  return rows;
}

function bills(form) {
  return columns(form, "bill", ["date", "total", "in_scope", "self_pay", "hospital"]);
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.matches("form[data-case-open]")) {
    event.preventDefault();
    const body = formFields(form, ["id_number", "name", "category", "applied_on", "income", "assets", "assets_note",
                                   "area", "department", "at"]);
    if (form.elements.warning_id.value) body.warning_id = Number(form.elements.warning_id.value);
    body.members = columns(form, "member", ["relation", "id_number", "name"]);
    body.bills = bills(form);
    postJson(form, "/api/cases", body, (data) => "/cases/" + data.id);
  } else if (form.matches("form[data-case-bills]")) {
    event.preventDefault();
    const ids = form.elements.settlement_ids.value.split(/[,，\s]+/).filter((s) => s !== "");
    postJson(form, form.dataset.caseBills, { settlement_ids: ids, bills: bills(form) }, null);
  }
});

document.addEventListener("click", async (event) => {
  const button = event.target;
  if (!button.matches("[data-eligibility]")) return;
  const box = button.parentElement.querySelector(".eligibility-result");
  box.hidden = false;
  box.textContent = "正在测算…";
  try {
    const found = await api("POST", button.dataset.eligibility, null, false);
    const lines = [(found.eligible === null || found.eligible === undefined ? "未测算（历史案件按台账补录）" : found.eligible ? "符合条件" : "不符合条件") + (found.category ? "（" + found.category + "）" : "")];
    for (const reason of found.reasons || []) lines.push(reason);
    box.replaceChildren(...lines.map((t) => { const p = document.createElement("p"); p.textContent = t; return p; }));
  } catch (err) {
    box.textContent = (err.message || String(err)) + (err.hint ? "（" + err.hint + "）" : "");
  }
});
