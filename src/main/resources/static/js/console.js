// The console's own behaviour, kept out of the pages (CSP: script-src 'self', no inline script):
// the CSRF header on every htmx request, and keyboard focus after a swap.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name=csrf-token]");
    var header = document.querySelector("meta[name=csrf-header]");
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });
  // After a part of the page is replaced, put the keyboard where the next step of the sale is.
  document.addEventListener("htmx:afterSettle", function (event) {
    var next = event.detail.elt && event.detail.elt.querySelector ? event.detail.elt.querySelector("[data-focus]") : null;
    if (next) {
      next.focus();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector("[data-focus]");
    if (first && !document.activeElement.matches("input, textarea, select")) {
      first.focus();
    }
  });
})();

// A refused form (htmx swap or full page) puts the keyboard on the first field that says what to fix.
(function () {
  "use strict";
  var FIELDS = "input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true]";
  document.addEventListener("htmx:afterSettle", function () {
    var invalid = document.querySelector(FIELDS);
    if (invalid) {
      invalid.focus();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var invalid = document.querySelector(FIELDS);
    if (invalid) {
      invalid.focus();
    }
  });
})();

// Ctrl+Enter (⌘+Enter) sends the form the keyboard is in, as its first button would: a note from its
// text area, the end of a call from its disposition; htmx takes the submit as it takes a click.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.isComposing) {
      return;
    }
    var form = event.target && event.target.form;
    if (!form) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]:not([disabled])");
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(button || undefined);
    } else if (button) {
      button.click();
    }
  });
})();

// A consequential action asks first (console/cards :: confirm): its button opens the dialog, whose own
// button posts; Cancel or Escape closes it with nothing sent.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var opener = event.target.closest ? event.target.closest("[data-opens]") : null;
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-opens"));
      if (dialog && dialog.showModal) {
        dialog.showModal();
      }
      return;
    }
    var closer = event.target.closest ? event.target.closest("[data-closes]") : null;
    if (closer) {
      closer.closest("dialog").close();
    }
  });
})();

// Saving an active BLOCK rule as shadow stops it blocking: the rule form (data-shadow-confirm) asks first.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var dialogId = form.getAttribute ? form.getAttribute("data-shadow-confirm") : null;
    if (!dialogId || (event.submitter && event.submitter.hasAttribute("data-confirms"))) {
      return;
    }
    if (form.elements.mode && form.elements.mode.value === "SHADOW" && form.elements.action && form.elements.action.value === "BLOCK") {
      var dialog = document.getElementById(dialogId);
      if (dialog && dialog.showModal) {
        event.preventDefault();
        dialog.showModal();
      }
    }
  });
})();
