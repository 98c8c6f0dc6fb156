// The policy calculator and what-if: the answers of /api/policy/calc and /api/policy/simulate drawn as
// tables (and the calculator's split of the total as a chart). Texts are set with textContent only.
"use strict";

(function () {
  const yuan = (x) => (x === null || x === undefined) ? "—"
    : Number(x).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const signed = (x) => (x > 0 ? "+" : x < 0 ? "−" : "") + yuan(Math.abs(x));
  const cell = (row, text, cls) => { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; row.appendChild(td); return td; };
  let chart = null;

  function drawCalc(data) {
    document.getElementById("calc-empty").hidden = true;
    document.getElementById("calc-result").hidden = false;
    const p = data.policy || {};
    document.getElementById("calc-policy").textContent = "政策：" + (p.region || "") + "（" + (p.valid_from || "") + " 起）" + (p.source || "");
    const formulas = {};
    (data.trace || []).forEach((s) => { formulas[s.layer] = s.formula; });
    const body = document.getElementById("calc-rows");
    body.replaceChildren();
    const paid = data.layers.filter((l) => l.layer !== "out_of_pocket_total");
    paid.forEach((l) => {
      if (l.layer === "supplementary" && !l.amount && !formulas[l.label]) return;
      const tr = document.createElement("tr");
      cell(tr, l.label);
      cell(tr, yuan(l.amount), "num");
      cell(tr, formulas[l.label] || "", "hint");
      body.appendChild(tr);
    });
    document.getElementById("calc-oop-scope").textContent = yuan(data.out_of_pocket_in_scope);
    document.getElementById("calc-oop-total").textContent = yuan(data.out_of_pocket_total);
    const holder = document.getElementById("calc-chart");
    if (typeof echarts === "undefined" || !holder) return;
    chart = chart || echarts.init(holder);
    const parts = data.layers.filter((l) => l.amount > 0).map((l) => ({ name: l.label, value: l.amount }));
    chart.setOption({
      tooltip: { trigger: "item", formatter: (d) => d.name + "：" + yuan(d.value) + " 元（" + d.percent + "%）" },
      legend: { bottom: 0 },
      series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "45%"], data: parts,
                 label: { formatter: (d) => d.name + "\n" + yuan(d.value) } }],
    }, true);
  }

  function rows(body, items, labelOf) {
    body.replaceChildren();
    items.forEach((r) => {
      const tr = document.createElement("tr");
      cell(tr, labelOf(r));
      cell(tr, yuan(r.before), "num");
      cell(tr, yuan(r.after), "num");
      cell(tr, signed(r.change), "num" + (r.change > 0 ? " up" : r.change < 0 ? " down" : ""));
      body.appendChild(tr);
    });
  }

  function drawWhatIf(data) {
    document.getElementById("whatif-result").hidden = false;
    const m = data.months_of_coverage || {};
    const months = (x) => (x === null || x === undefined) ? "—" : x + " 个月";
    document.getElementById("whatif-summary").textContent = data.year + " 年：医疗救助或倾斜救助金额改变的有 "
      + data.people_affected + " 人；基金可支撑月数 " + months(m.before) + " → " + months(m.after) + "。";
    rows(document.getElementById("whatif-layers"), data.layers, (r) => r.label);
    rows(document.getElementById("whatif-categories"), data.categories.filter((r) => r.before || r.after), (r) => r.category);
  }

  const calc = document.getElementById("calc-form");
  if (calc) calc.addEventListener("medaid:done", (event) => drawCalc(event.detail));
  const whatif = document.getElementById("whatif-form");
  if (whatif) {
    const busy = whatif.querySelector(".busy");
    const button = whatif.querySelector("button[type=submit]");
    whatif.addEventListener("submit", () => { busy.hidden = false; });
    new MutationObserver(() => { if (!button.disabled) busy.hidden = true; }).observe(button, { attributes: true });
    whatif.addEventListener("medaid:done", (event) => drawWhatIf(event.detail));
  }
  window.addEventListener("resize", () => { if (chart) chart.resize(); });
})();
