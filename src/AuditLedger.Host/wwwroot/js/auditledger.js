// Progressive enhancement only: every form works without this file.
// An error summary, when a form was refused, takes the focus so that a screen reader reads it first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
