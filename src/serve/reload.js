// statusgen serve: reload the page when the site is rebuilt (after a good or a failed build).
// A long poll: the server answers /__statusgen/version?since=N once the build version differs
// from N, or after about 25 s with N unchanged; then we ask again.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script && script.getAttribute("data-statusgen-version");
  if (!version) {
    return;
  }
  function poll() {
    var asked = Date.now();
    fetch("/__statusgen/version?since=" + encodeURIComponent(version), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (text) {
        if (text.trim() !== version) {
          window.location.reload();
          return;
        }
        // An answer that came back at once (a busy server) must not become a busy loop.
        setTimeout(poll, Date.now() - asked < 1000 ? 1000 : 0);
      })
      .catch(function () {
        // The server is restarting or gone: try again in a while.
        setTimeout(poll, 1000);
      });
  }
  poll();
})();
