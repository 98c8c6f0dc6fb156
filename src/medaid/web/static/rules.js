// 评分标准试算: the answers of /api/rules/try (one rule) and /api/rules/table (a table of rules) shown in place.
// Texts are set with textContent only.
"use strict";

(function () {
  const NOT_READ = "未能识别（不会猜测）";
  const score = (t) => !t.understood ? "—" : (t.score === null || t.score === undefined) ? "不计分" : String(t.score);
  const kind = (t) => t.understood ? (t.rule.label || t.rule.type) : NOT_READ;
  const reason = (t) => t.understood ? (t.reason || "") : (t.message || "");
  const cell = (row, text, cls) => { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; row.appendChild(td); };

  function drawOne(t) {
    document.getElementById("rule-empty").hidden = true;
    document.getElementById("rule-result").hidden = false;
    document.getElementById("rule-kind").textContent = kind(t);
    const full = t.understood && t.rule.full_marks !== undefined ? t.rule.full_marks + " 分" : "同分值";
    document.getElementById("rule-full").textContent = full;
    document.getElementById("rule-score").textContent = score(t);
    document.getElementById("rule-reason").textContent = reason(t);
    const differ = document.getElementById("rule-differ");
    differ.hidden = !t.full_marks_differ;
    differ.textContent = t.full_marks_differ ? "注意：评分标准写明的满分与填写的分值不同，请核对（审核时列为“评分标准满分与分值不符”）。" : "";
    const spec = Object.assign({}, t.understood ? t.rule : {});
    delete spec.label;
    document.getElementById("rule-spec").textContent = t.understood ? JSON.stringify(spec, null, 2) : "";
  }

  function drawTable(data) {
    document.getElementById("table-result").hidden = false;
    const s = data.summary;
    document.getElementById("table-summary").textContent = data.name + "：共 " + s.rows + " 行，读懂 " + s.understood
      + " 行，计出得分 " + s.scored + " 行；其余各行的依据列说明缺什么。";
    const body = document.getElementById("table-rows");
    body.replaceChildren();
    data.rows.forEach((r) => {
      const tr = document.createElement("tr");
      cell(tr, String(r.row), "num");
      cell(tr, r.understood ? (r.rule.text || "") : r.text);
      cell(tr, kind(r));
      cell(tr, score(r), "num");
      cell(tr, reason(r), "hint");
      body.appendChild(tr);
    });
  }

  const one = document.getElementById("rule-form");
  if (one) one.addEventListener("medaid:done", (event) => drawOne(event.detail));
  const table = document.getElementById("table-form");
  if (table) table.addEventListener("medaid:done", (event) => drawTable(event.detail));
})();
