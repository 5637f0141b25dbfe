/* While a booklet is being made, ask every 3 seconds whether it is ready, and show the page
 * again when it is (or when it failed). Without JavaScript, the "Check again" button does the
 * same. */
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("booklet-state");
    if (!box || !window.fetch) { return; }
    var url = box.getAttribute("data-url");
    var seen = box.getAttribute("data-state");
    var timer = null;

    function check() {
      window.fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("not available"); }
          return response.json();
        })
        .then(function (data) {
          if (data && data.state && data.state !== seen && data.state !== "making") {
            window.clearInterval(timer);
            window.location.reload();
          }
        })
        .catch(function () { /* signed out or offline: the button still works */ });
    }

    timer = window.setInterval(check, 3000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
