/* Live sessions: timers, a retry on a failed submit, confirmations. No inline scripts (CSP). */
(function () {
  "use strict";

  // Timers count down from the seconds the server rendered, so a phone's wrong clock does
  // not matter; the server's value comes back with every change.
  var shownAt = new WeakMap();
  function tick() {
    document.querySelectorAll(".live-timer[data-seconds]").forEach(function (el) {
      if (!shownAt.has(el)) shownAt.set(el, Date.now());
      var elapsed = Math.floor((Date.now() - shownAt.get(el)) / 1000);
      var left = Math.max(0, Number(el.dataset.seconds) - elapsed);
      var text = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (el.textContent !== text) el.textContent = text;
      el.classList.toggle("done", left === 0);
    });
  }
  setInterval(tick, 1000);

  function texts(elt) {
    var holder = elt.closest("[data-retry-text]") || document.querySelector("[data-retry-text]");
    return holder ? holder.dataset : {};
  }

  function note(form) {
    var el = form.querySelector(".live-note");
    if (!el) {
      el = document.createElement("span");
      el.className = "live-note";
      el.setAttribute("role", "alert");
      form.appendChild(el);
    }
    return el;
  }

  function showOffline(show) {
    var banner = document.getElementById("live-offline");
    if (banner) banner.hidden = !show;
  }

  // The request never reached the server (or its answer never came back). The form keeps
  // its submission id, so sending it again is safe: the server counts it once.
  document.addEventListener("htmx:sendError", function (event) {
    showOffline(true);
    var form = event.detail.elt.closest("form");
    if (!form) return;
    var t = texts(form);
    var el = note(form);
    el.textContent = (t.retryText || "Not sent.") + " ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "live-retry secondary";
    button.textContent = t.retryButton || "Send again";
    el.appendChild(button);
  });

  document.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt.closest("form");
    if (!form) return;
    var t = texts(form);
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    note(form).textContent = status === 429 ? (t.busyText || "") : (t.errorText || "");
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) return;
    showOffline(false);
    var form = event.detail.elt.closest && event.detail.elt.closest("form");
    var el = form && form.querySelector(".live-note");
    if (el) el.textContent = "";
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".live-retry");
    if (!button) return;
    var form = button.closest("form");
    if (form) form.requestSubmit();
  });

  // Plain (non-HTMX) forms whose button asks first, e.g. ending the session.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.dataset.confirm && !button.hasAttribute("hx-post")) {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    }
  });
})();
