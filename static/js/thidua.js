// A form is sent once: a second click while the first request is under way
// does nothing, so a double click never submits twice. A form with
// data-confirm asks its question first (pages carry no inline handlers: the
// Content-Security-Policy runs only these files); a submission cancelled on
// its way ("Cancel" to the question, or another handler) was not sent, and
// leaves the form as it was. Listening on the window, the last stop of the
// event, lets every handler of the form and the document have its say first.
window.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitted === "1") {
    event.preventDefault();
    return;
  }
  if (event.defaultPrevented) return;
  if (form.dataset.confirm) {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    // Asked and answered here: the server's own confirmation page is skipped.
    if (!form.querySelector("input[name=confirm]")) {
      var answer = document.createElement("input");
      answer.type = "hidden";
      answer.name = "confirm";
      answer.value = "1";
      form.appendChild(answer);
    }
  }
  form.dataset.submitted = "1";
  form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
    button.classList.add("disabled");
    button.setAttribute("aria-disabled", "true");
  });
});
// Coming back with the browser's back button re-enables the form.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-submitted]").forEach(function (form) {
    delete form.dataset.submitted;
    form.querySelectorAll(".disabled[aria-disabled]").forEach(function (button) {
      button.classList.remove("disabled");
      button.removeAttribute("aria-disabled");
    });
  });
});

// Filter table rows as you type, without regard to accents or case:
// "nguyen van" finds "Nguyễn Văn". Rows carry their folded text in data-search.
function thiduaFold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}
document.addEventListener("input", function (event) {
  var selector = event.target.dataset && event.target.dataset.filterRows;
  if (!selector) return;
  var needle = thiduaFold(event.target.value);
  document.querySelectorAll(selector).forEach(function (row) {
    row.hidden = needle !== "" && (row.dataset.search || "").indexOf(needle) === -1;
  });
});

// A select with data-submit-on-change sends its form as soon as it changes (the language switch).
document.addEventListener("change", function (event) {
  if (event.target.dataset && "submitOnChange" in event.target.dataset && event.target.form) {
    event.target.form.requestSubmit();
  }
});
