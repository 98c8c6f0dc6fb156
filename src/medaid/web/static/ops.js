// The ledger, warnings and registry pages: identities revealed in place (never in a URL), the
// history of a finding or warning read when its <details> is opened, a whole 身份证号 typed into a
// filter masked before it goes into the address, and the registry's monthly chart.
"use strict";

(() => {
  const REVEAL_SECONDS = 120;
  const ID_NUMBER = /^\s*(\d{6})(\d{8})(\d{3}[\dXx])\s*$/;

  // the answer of POST /api/reveal, shown in the form that asked, and hidden again after a while
  document.addEventListener("medaid:done", (event) => {
    const form = event.target;
    if (!form.matches("form[data-reveal]")) return;
    const data = event.detail || {};
    const out = form.querySelector(".revealed");
    out.textContent = (data.name || "（无姓名）") + "　" + (data.id_number || "");
    out.hidden = false;
    form.querySelector('input[name="reason"]').value = "";
    window.setTimeout(() => { out.textContent = ""; out.hidden = true; }, REVEAL_SECONDS * 1000);
  });

  function historyLine(item) {
    const li = document.createElement("li");
    const when = (item.at || "").replace("T", " ").slice(0, 16);
    const from = item.from_state ? (item.from_label || item.from_state) + " → " : "";
    const to = item.state_label || item.to_label || item.to_state || item.state || "";
    const head = document.createElement("div");
    head.textContent = when + "　" + (item.actor || "") + "　" + from + to;
    li.appendChild(head);
    if (item.note) {
      const note = document.createElement("div");
      note.className = "hint";
      note.textContent = item.note;
      li.appendChild(note);
    }
    return li;
  }

  const LABELS = { pushed: "已推送", confirmed: "已认定", rejected: "未认定" };

  document.addEventListener("toggle", async (event) => {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.history || details.dataset.loaded) return;
    const list = details.querySelector(".history");
    try {
      const response = await fetch(details.dataset.history, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const data = await response.json();
      if (!response.ok) throw (data && data.error) || { message: "读取失败（" + response.status + "）" };
      const items = (data.history || data.events || []).map((e) => {
        if (e.to_state) { e.to_label = LABELS[e.to_state] || e.to_state; e.from_label = LABELS[e.from_state] || e.from_state; }
        return e;
      });
      list.replaceChildren(...(items.length ? items.map(historyLine) : [Object.assign(document.createElement("li"), { className: "hint", textContent: "尚无记录" })]));
      details.dataset.loaded = "1";
    } catch (err) {
      const li = document.createElement("li");
      li.className = "form-error";
      li.textContent = err.message || String(err);
      list.replaceChildren(li);
    }
  }, true);

  // a whole 身份证号 in a filter becomes its mask (4599**********1234): the address never holds it in clear
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("form.filters")) return;
    const input = form.querySelector('input[name="query"]');
    const found = input && input.value.match(ID_NUMBER);
    if (found) input.value = found[1].slice(0, 4) + "*".repeat(10) + found[3].slice(-4);
  }, true);

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
    const block = document.getElementById("flow-data");
    const holder = document.getElementById("flow-chart");
    if (!block || !holder || typeof echarts === "undefined") return;
    const data = JSON.parse(block.textContent);
    const chart = echarts.init(holder);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["新增", "退出", "类别变更"], top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", name: "人", minInterval: 1 },
      series: [
        { name: "新增", type: "bar", data: data.joined },
        { name: "退出", type: "bar", data: data.left },
        { name: "类别变更", type: "bar", data: data.changed },
      ],
    });
    window.addEventListener("resize", () => chart.resize());
  });
})();
