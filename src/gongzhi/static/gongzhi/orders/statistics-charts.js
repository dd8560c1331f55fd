// The statistics page's two charts (ECharts): completion rate per group, and the monthly trend of
// orders dispatched and completed with the completion rate. The table beside them holds the figures.
(function () {
  "use strict";
  var source = document.getElementById("statistics-chart-data");
  if (!source || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var charts = [];

  var completion = document.getElementById("chart-completion");
  if (completion) {
    var bars = echarts.init(completion);
    bars.setOption({
      title: { text: data.names.completion, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis", valueFormatter: function (value) { return value == null ? "—" : value + " %"; } },
      grid: { left: 8, right: 56, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value} %" } },
      yAxis: { type: "category", data: data.labels, inverse: true, axisLabel: { width: 120, overflow: "truncate" } },
      series: [{ type: "bar", data: data.completion, name: data.names.completion,
                 label: { show: true, position: "right", formatter: "{c} %" } }]
    });
    charts.push(bars);
  }

  var trend = document.getElementById("chart-trend");
  if (trend) {
    var lines = echarts.init(trend);
    lines.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: "category", data: data.months },
      yAxis: [{ type: "value", minInterval: 1 }, { type: "value", max: 100, axisLabel: { formatter: "{value} %" } }],
      series: [
        { type: "bar", name: data.names.dispatched, data: data.dispatched },
        { type: "bar", name: data.names.completed, data: data.completed },
        { type: "line", name: data.names.completion, data: data.monthlyCompletion, yAxisIndex: 1 }
      ]
    });
    charts.push(lines);
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();
