// The portal's form: choosing a suggested compound fills the address and the hidden compound code.
// Typing the address again clears the choice, so a stale compound is never sent.
(function () {
  "use strict";
  var address = document.getElementById("id_address");
  var compound = document.getElementById("id_compound");
  var suggestions = document.getElementById("place-suggestions");
  if (!address || !compound || !suggestions) {
    return;
  }
  suggestions.addEventListener("click", function (event) {
    var button = event.target.closest(".place-suggestion");
    if (!button) { return; }
    compound.value = button.dataset.code;
    address.value = button.dataset.name;
    suggestions.textContent = "";
    address.focus();
  });
  address.addEventListener("input", function () { compound.value = ""; });
})();
