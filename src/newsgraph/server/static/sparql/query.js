// Progressive enhancement of the query page: the form works without this file.
// Adds "Load into editor" buttons to the examples and Ctrl/Cmd+Enter to run.
(function () {
  "use strict";
  var editor = document.getElementById("query");
  var form = document.getElementById("query-form");
  if (!editor || !form) { return; }
  document.querySelectorAll("#examples details").forEach(function (details) {
    var pre = details.querySelector("pre.example");
    if (!pre) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "load-example";
    button.textContent = "Load into editor";
    button.addEventListener("click", function () {
      editor.value = pre.textContent;
      editor.focus();
      window.scrollTo(0, 0);
    });
    pre.insertAdjacentElement("afterend", button);
  });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    }
  });
}());
