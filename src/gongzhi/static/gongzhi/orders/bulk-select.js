// "Select all" for the bulk dispatch checkboxes of the queue page.
(function () {
  "use strict";
  var all = document.getElementById("bulk-select-all");
  if (!all) {
    return;
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll(".bulk-row"));
  all.addEventListener("change", function () {
    rows.forEach(function (box) { box.checked = all.checked; });
  });
  rows.forEach(function (box) {
    box.addEventListener("change", function () {
      var checked = rows.filter(function (row) { return row.checked; }).length;
      all.checked = checked === rows.length;
      all.indeterminate = checked > 0 && checked < rows.length;
    });
  });
})();
