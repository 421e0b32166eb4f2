// A little progressive enhancement; every page works without it.
document.addEventListener("DOMContentLoaded", () => {
  // Article audit: show only the lines the extractor dropped.
  const box = document.getElementById("only-dropped");
  const lines = document.getElementById("raw-lines");
  if (box && lines) box.addEventListener("change", () => lines.classList.toggle("only-dropped", box.checked));
  // Search: drop empty filter fields from the URL so links stay short.
  const form = document.getElementById("search-form");
  if (form) form.addEventListener("submit", () => {
    for (const el of form.querySelectorAll("input, select")) if (!el.value && el.name !== "q") el.disabled = true;
  });
});
