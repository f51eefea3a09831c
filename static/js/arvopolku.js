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

  // --- Autosave never pretends -------------------------------------------------------------
  // A field ([data-autosave]) keeps what the person typed in a local draft until the server
  // confirms it (2xx). Any failed save says so next to the field, keeps the text and offers
  // Retry; an ended session (401) asks to log in again in a new tab and saves on return.

  var DRAFT_PREFIX = "arvopolku:draft:";

  function messages() {
    var el = document.getElementById("autosave-messages");
    return el ? el.dataset : {};
  }

  function autosaveForm(elt) {
    var field = elt && elt.closest ? elt.closest("[data-autosave]") : null;
    if (!field) return null;
    return field.matches("form") ? field : field.querySelector("form");
  }

  // A row of several fields (data-autosave="row") says when a save fails but keeps no
  // draft: its fields are saved together, and the typed values stay in the row.
  function keepsDrafts(form) {
    return form.closest("[data-autosave]").dataset.autosave !== "row";
  }

  function draftKey(form) {
    return DRAFT_PREFIX + form.getAttribute("action");
  }

  function input(form) {
    return form.querySelector("textarea, select, input:not([type=hidden]):not([type=submit])");
  }

  function readValue(el) {
    return el.type === "checkbox" ? (el.checked ? "true" : "false") : el.value;
  }

  function writeValue(el, value) {
    if (el.type === "checkbox") el.checked = value === "true";
    else el.value = value;
  }

  function storeDraft(form) {
    if (!keepsDrafts(form)) return;
    var el = input(form);
    var base = form.querySelector("input[name=base_version]");
    if (!el) return;
    try {
      localStorage.setItem(draftKey(form), JSON.stringify({
        value: readValue(el), base: base ? base.value : ""
      }));
    } catch (e) { /* storage full or disabled: the text stays in the field */ }
  }

  function dropDraft(form) {
    try { localStorage.removeItem(draftKey(form)); } catch (e) { /* nothing to drop */ }
  }

  function statusOf(form) {
    return form.querySelector(".status, .cell-status");  // a field, or a cell of the grid
  }

  function showFailure(form, text, options) {
    var field = form.closest("[data-autosave]");
    var status = statusOf(form);
    if (!status) return;
    field.classList.add("failed");
    field.dataset.failed = "1";
    status.classList.add("failed");
    status.textContent = "";
    var message = document.createElement("span");
    message.className = "error";
    message.textContent = text + " ";
    status.appendChild(message);
    if (options && options.login) {
      var link = document.createElement("a");
      link.href = messages().loginUrl || "/accounts/login/";
      link.target = "_blank";
      link.rel = "noopener";
      link.className = "login-again";
      link.textContent = messages().session;
      status.appendChild(link);
      status.appendChild(document.createTextNode(" " + (messages().sessionAfter || "") + " "));
    }
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "secondary retry";
    retry.textContent = messages().retry || "Retry";
    retry.addEventListener("click", function () { save(form); });
    status.appendChild(retry);
  }

  function clearFailure(form) {
    var field = form.closest("[data-autosave]");
    if (!field) return;
    field.classList.remove("failed");
    delete field.dataset.failed;
  }

  function save(form) {
    if (!form.isConnected) return;
    htmx.trigger(form, "submit");
  }

  function retryFailed() {
    document.querySelectorAll("[data-autosave][data-failed]").forEach(function (field) {
      var form = field.matches("form") ? field : field.querySelector("form");
      if (form) save(form);
    });
  }

  function failureText(xhr) {
    var m = messages();
    var status = xhr ? xhr.status : 0;
    if (status === 403) return m.forbidden;
    if (status === 404) return m.missing;
    return (m.failed || "Not saved ({status}).").replace("{status}", status);
  }

  // The CSRF token changes when the person logs in again (in another tab): read the cookie,
  // not the token the page was rendered with.
  function csrfCookie() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfCookie();
    if (!token) return;
    event.detail.headers["X-CSRFToken"] = token;
    var data = event.detail.formData;
    if (data && data.has && data.has("csrfmiddlewaretoken")) data.set("csrfmiddlewaretoken", token);
  });

  document.addEventListener("input", function (event) {
    var form = autosaveForm(event.target);
    if (!form) return;
    storeDraft(form);
    var note = form.querySelector(".draft-note");  // the restored text is being edited on
    if (note) note.remove();
  });
  document.addEventListener("change", function (event) {
    var form = autosaveForm(event.target);
    if (form) storeDraft(form);
  });

  // "Use their version": the person gives up their text, so its draft goes too.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-use-theirs]");
    if (!button) return;
    var form = autosaveForm(button);
    if (form) dropDraft(form);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form || event.detail.elt !== form) return;
    var status = statusOf(form);
    if (status && !form.closest("[data-autosave]").dataset.failed) {
      status.classList.remove("failed", "saved");
      status.textContent = messages().saving || "";
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form || event.detail.elt !== form || !event.detail.xhr) return;
    var status = event.detail.xhr.status;
    if (status >= 200 && status < 300) {
      dropDraft(form);
      clearFailure(form);
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) return;
    var xhr = event.detail.xhr;
    storeDraft(form);
    if (xhr.status === 401) {
      showFailure(form, "", { login: true });
      return;
    }
    var wait = parseInt(xhr.getResponseHeader("Retry-After") || "", 10);
    if (xhr.status === 503 && wait >= 0) {
      wait = Math.min(wait, 120);
      showFailure(form, (messages().busy || "").replace("{seconds}", wait));
      setTimeout(function () { save(form); }, wait * 1000);
      return;
    }
    showFailure(form, failureText(xhr));
  });

  document.addEventListener("htmx:sendError", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) return;
    storeDraft(form);
    showFailure(form, messages().offline);
  });

  // Back from logging in (another tab) or from elsewhere: save what is still waiting.
  window.addEventListener("focus", retryFailed);
  window.addEventListener("online", retryFailed);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") retryFailed();
  });

  // After a reload: put back each draft the server never confirmed, say so, and save it
  // against the version it started from (a newer value from someone else gives a conflict).
  function restoreDrafts() {
    document.querySelectorAll("[data-autosave] form").forEach(function (form) {
      if (!keepsDrafts(form)) return;
      var raw;
      try { raw = localStorage.getItem(draftKey(form)); } catch (e) { return; }
      if (!raw) return;
      var draft;
      try { draft = JSON.parse(raw); } catch (e) { dropDraft(form); return; }
      var el = input(form);
      if (!el || el.disabled) return;
      if (readValue(el) === draft.value) { dropDraft(form); return; }
      writeValue(el, draft.value);
      var base = form.querySelector("input[name=base_version]");
      if (base && draft.base !== undefined) base.value = draft.base;
      var note = document.createElement("p");
      note.className = "draft-note small";
      note.setAttribute("role", "note");
      note.textContent = messages().restored || "";
      el.insertAdjacentElement("afterend", note);
      save(form);
    });
  }

  // Once htmx has wired the page (so a restored draft can be posted), not after each swap.
  var draftsRestored = false;
  htmx.onLoad(function (root) {
    if (draftsRestored || root !== document.body) return;
    draftsRestored = true;
    restoreDrafts();
  });
})();
