// Polls the reading status of an uploaded policy version and reloads the page when it is done.
(function () {
  "use strict";
  var box = document.getElementById("reading-progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-status-text]");
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (bar) { bar.value = state.progress; bar.textContent = state.progress + "%"; }
        if (text) { text.textContent = state.status; }
        if (state.status === "ready" || state.status === "failed") { window.location.reload(); }
        else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
