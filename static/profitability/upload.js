/* Upload progress of a profitability model (no inline scripts: CSP). The form carries
   data-upload-progress="<id of a <progress>>"; htmx reports the upload's progress. */
(function () {
  "use strict";

  function parts(elt) {
    var form = elt && elt.closest ? elt.closest("[data-upload-progress]") : null;
    if (!form) return null;
    return {
      bar: document.getElementById(form.dataset.uploadProgress),
      status: form.querySelector("#upload-status")
    };
  }

  document.addEventListener("htmx:xhr:loadstart", function (event) {
    var p = parts(event.target);
    if (!p || !p.bar) return;
    p.bar.value = 0;
    if (p.status) p.status.textContent = p.status.dataset.sending || "";
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    var p = parts(event.target);
    var detail = event.detail || {};
    if (!p || !p.bar || !detail.lengthComputable || !detail.total) return;
    var percent = Math.round((detail.loaded / detail.total) * 100);
    // Download progress of the answer also reports here; only the upload moves the bar on.
    if (percent < p.bar.value) return;
    p.bar.value = percent;
    p.bar.textContent = percent + " %";
    if (p.status && percent >= 100) p.status.textContent = p.status.dataset.analysing || "";
  });
})();
