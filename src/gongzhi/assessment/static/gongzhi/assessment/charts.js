// The assessment's charts (ECharts): the ranking of the departments by total on a period's page,
// and a department's total with its two parts over the periods on its page. Tables beside them
// hold the figures.
(function () {
  "use strict";
  if (typeof echarts === "undefined") {
    return;
  }
  var charts = [];

  function data(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  var ranking = data("assessment-ranking-data");
  var rankingElement = document.getElementById("chart-ranking");
  if (ranking && rankingElement) {
    var bars = echarts.init(rankingElement);
    bars.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 48, bottom: 8, top: 8, containLabel: true },
      xAxis: { type: "value", max: 100 },
      yAxis: { type: "category", data: ranking.labels, inverse: true, axisLabel: { width: 120, overflow: "truncate" } },
      series: [{ type: "bar", name: ranking.names.total, data: ranking.totals, label: { show: true, position: "right" } }]
    });
    charts.push(bars);
  }

  var trend = data("assessment-trend-data");
  var trendElement = document.getElementById("chart-trend");
  if (trend && trendElement) {
    var lines = echarts.init(trendElement);
    lines.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: "category", data: trend.labels },
      yAxis: { type: "value", max: 100 },
      series: [
        { type: "line", name: trend.names.total, data: trend.totals, connectNulls: true },
        { type: "line", name: trend.names.automatic, data: trend.automatic, connectNulls: true, lineStyle: { type: "dashed" } },
        { type: "line", name: trend.names.streets, data: trend.streets, connectNulls: true, lineStyle: { type: "dotted" } }
      ]
    });
    charts.push(lines);
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();
