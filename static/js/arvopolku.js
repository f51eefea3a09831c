/* Arvopolku page behaviour. No inline scripts (CSP): everything is wired here. */
(function () {
  "use strict";

  // Drag and drop of stages; the keyboard does the same with the move buttons.
  function initSortable(root) {
    root.querySelectorAll("[data-reorder-url]").forEach(function (container) {
      container.querySelectorAll(".stage-list").forEach(function (list) {
        if (list.dataset.sortableReady) return;
        list.dataset.sortableReady = "1";
        new Sortable(list, {
          group: "stages", handle: ".handle", animation: 120,
          onEnd: function () {
            var order = [];
            container.querySelectorAll(".stage-list").forEach(function (l) {
              l.querySelectorAll(".stage-item").forEach(function (item) {
                order.push(item.dataset.stage + ":" + l.dataset.phase);
              });
            });
            htmx.ajax("POST", container.dataset.reorderUrl, {
              source: container, target: container, swap: "outerHTML",
              values: { order: order }
            });
          }
        });
      });
    });
  }

  // After a swap, put keyboard focus back where the person was (e.g. the move button).
  function restoreFocus(root) {
    var el = root.querySelector("[data-autofocus]");
    if (el) el.focus();
  }

  htmx.onLoad(function (root) {
    if (window.Sortable) initSortable(root);
    restoreFocus(root);
  });

  // Confirm before destructive HTMX posts that carry data-confirm.
  document.addEventListener("htmx:confirm", function (event) {
    var message = event.detail.elt.getAttribute("data-confirm");
    if (!message) return;
    event.preventDefault();
    if (window.confirm(message)) event.detail.issueRequest(true);
  });

  // Show a retry hint when the network fails; nothing is lost because the field keeps its text.
  document.addEventListener("htmx:sendError", function (event) {
    var field = event.detail.elt.closest(".field");
    if (!field) return;
    var status = field.querySelector(".status");
    if (status) status.textContent = status.dataset.offline || "Offline";
  });
})();
