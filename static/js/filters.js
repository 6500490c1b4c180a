// The filter panel (includes/facet_filters.html) is a <details>, closed on phones and always
// open from 900 px. CSS opens it there through ::details-content; this does it for browsers
// that cannot style that part. Without JavaScript the panel still opens with its summary.
(function () {
  var wide = window.matchMedia("(min-width: 900px)");
  function openOnWideScreens() {
    if (!wide.matches) return;
    document.querySelectorAll("details.filters").forEach(function (panel) {
      panel.open = true;
    });
  }
  openOnWideScreens();
  wide.addEventListener("change", openOnWideScreens);
})();
