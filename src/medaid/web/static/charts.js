// Charts of a page, drawn with the ECharts file medaid serves itself. The data come from a
// <script type="application/json" id="chart-data"> block written by the server (never executed).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const block = document.getElementById("chart-data");
  if (!block || typeof echarts === "undefined") return;
  const data = JSON.parse(block.textContent);
  const charts = [];
  const fund = document.getElementById("fund-chart");
  if (fund && data.months) {
    const chart = echarts.init(fund);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["收入", "支出"], top: 0 },
      grid: { left: 70, right: 20, top: 50, bottom: 30 },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", name: "元" },
      series: [
        { name: "收入", type: "bar", data: data.income },
        { name: "支出", type: "bar", data: data.spending },
      ],
    });
    charts.push(chart);
  }
  const scores = document.getElementById("score-chart");
  if (scores && data.dimensions && data.dimensions.length) {
    const chart = echarts.init(scores);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["分值", "得分"], top: 0 },
      grid: { left: 110, right: 30, top: 50, bottom: 30 },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: data.dimensions.map((d) => d.name), inverse: true },
      series: [
        { name: "分值", type: "bar", data: data.dimensions.map((d) => d.weight) },
        { name: "得分", type: "bar", data: data.dimensions.map((d) => d.score) },
      ],
    });
    charts.push(chart);
  }
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
});
