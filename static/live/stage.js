/* The facilitator's stage: one journey stage per slide, keys and clickers move, F toggles full
   screen, and the room view and the speaker view (two tabs) stay on the same slide. No inline
   scripts (CSP). */
(function () {
  "use strict";
  var root = document.querySelector(".stage[data-session]");
  if (!root) return;
  var channel = null;
  try {
    channel = new BroadcastChannel("arvopolku-stage-" + root.dataset.session);
  } catch (e) {
    channel = null; // an old browser: each tab moves on its own
  }
  var controls = document.querySelector(".stage-controls");

  function deck() {
    return document.getElementById("live-results");
  }
  function count() {
    var d = deck();
    return d ? Number(d.dataset.slideCount) || 1 : 1;
  }
  var current = deck() ? Number(deck().dataset.slide) || 0 : 0;
  var fromHash = /^#slide-(\d+)$/.exec(window.location.hash);
  if (fromHash) current = Math.min(Number(fromHash[1]), count() - 1);

  function apply() {
    var d = deck();
    if (!d) return;
    d.dataset.slide = String(current);
    d.querySelectorAll(".stage-slide[data-slide]").forEach(function (el) {
      el.hidden = Number(el.dataset.slide) !== current;
    });
    var number = document.querySelector("[data-stage-number]");
    if (number) number.textContent = String(current + 1);
  }

  function go(index, broadcast) {
    index = Math.max(0, Math.min(index, count() - 1));
    if (index === current && broadcast) return;
    current = index;
    apply();
    history.replaceState(null, "", "#slide-" + current);
    if (broadcast) tell(current);
  }

  var storageKey = "arvopolku-stage-" + root.dataset.session;
  if (channel) {
    channel.onmessage = function (event) {
      if (event.data && typeof event.data.slide === "number") go(event.data.slide, false);
    };
  } else {
    // Without BroadcastChannel the other tab hears of the move through localStorage.
    window.addEventListener("storage", function (event) {
      if (event.key === storageKey && event.newValue !== null) go(Number(event.newValue), false);
    });
  }
  function tell(index) {
    if (channel) {
      channel.postMessage({ slide: index });
    } else {
      try {
        localStorage.setItem(storageKey, String(index));
      } catch (e) {
        /* private mode: this tab moves alone */
      }
    }
  }

  // The poll asks for the slide shown, so the new results arrive on the same slide.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "live-results") {
      event.detail.parameters.slide = current;
    }
  });
  document.addEventListener("htmx:afterSettle", apply);

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
  }
  document.addEventListener("fullscreenchange", function () {
    var button = document.querySelector("[data-stage-fullscreen]");
    if (!button || !controls) return;
    var on = Boolean(document.fullscreenElement);
    button.textContent = on ? controls.dataset.fullscreenOff : controls.dataset.fullscreenOn;
    document.documentElement.classList.toggle("stage-fullscreen", on);
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-stage-next]")) go(current + 1, true);
    else if (event.target.closest("[data-stage-prev]")) go(current - 1, true);
    else if (event.target.closest("[data-stage-fullscreen]")) toggleFullscreen();
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var key = event.key;
    if ((key === " " || key === "Enter") && (tag === "BUTTON" || tag === "A")) return;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || key === " ") {
      go(current + 1, true);
    } else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp") {
      go(current - 1, true);
    } else if (key === "Home") {
      go(0, true);
    } else if (key === "End") {
      go(count() - 1, true);
    } else if (key === "f" || key === "F") {
      toggleFullscreen();
    } else {
      return;
    }
    event.preventDefault();
  });

  apply();
})();
