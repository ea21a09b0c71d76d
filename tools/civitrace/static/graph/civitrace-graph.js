/* civitrace traceability diagrams: zoom with the buttons (or Ctrl + wheel), pan by dragging.
 * No dependency. Without JavaScript the diagram still fits the page, scrolls, and links work. */
(function () {
  "use strict";
  var STEP = 1.25;
  var MIN = 0.25;
  var MAX = 8;
  var DRAG_THRESHOLD = 5; /* pixels: below this a press is a click, not a drag */

  function setUp(figure) {
    var viewport = figure.querySelector(".civitrace-graph-viewport");
    var svg = viewport && viewport.querySelector("svg");
    var toolbar = figure.querySelector(".civitrace-graph-toolbar");
    if (!svg || !toolbar) {
      return;
    }
    var natural = svg.viewBox && svg.viewBox.baseVal ? svg.viewBox.baseVal.width : svg.getBBox().width;
    var zoom = 0; /* 0: fitted to the width of the page */

    /* Graphviz sizes are points; a point is 4/3 CSS pixel. */
    function fittedScale() {
      var available = viewport.clientWidth || natural;
      return Math.min(1, available / (natural * 4 / 3));
    }

    function apply(next) {
      var scale = Math.max(MIN, Math.min(MAX, next));
      var centreX = (viewport.scrollLeft + viewport.clientWidth / 2) / (viewport.scrollWidth || 1);
      var centreY = (viewport.scrollTop + viewport.clientHeight / 2) / (viewport.scrollHeight || 1);
      zoom = scale;
      svg.style.width = natural * scale + "pt";
      viewport.classList.add("is-zoomed");
      viewport.scrollLeft = centreX * viewport.scrollWidth - viewport.clientWidth / 2;
      viewport.scrollTop = centreY * viewport.scrollHeight - viewport.clientHeight / 2;
    }

    function fit() {
      zoom = 0;
      svg.style.width = "";
      viewport.classList.remove("is-zoomed");
    }

    function current() {
      return zoom || fittedScale();
    }

    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-civitrace-zoom]");
      if (!button) {
        return;
      }
      var action = button.getAttribute("data-civitrace-zoom");
      if (action === "in") {
        apply(current() * STEP);
      } else if (action === "out") {
        apply(current() / STEP);
      } else {
        fit();
      }
    });

    viewport.addEventListener(
      "wheel",
      function (event) {
        if (!(event.ctrlKey || event.metaKey)) {
          return; /* plain wheel scrolls the page as usual */
        }
        event.preventDefault();
        apply(current() * (event.deltaY < 0 ? STEP : 1 / STEP));
      },
      { passive: false }
    );

    var start = null;
    var dragged = false;
    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.pointerType === "touch") {
        return; /* touch screens pan natively */
      }
      start = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
      dragged = false;
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!start) {
        return;
      }
      var dx = event.clientX - start.x;
      var dy = event.clientY - start.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD) {
        return;
      }
      dragged = true;
      viewport.classList.add("is-dragging");
      viewport.scrollLeft = start.left - dx;
      viewport.scrollTop = start.top - dy;
    });
    window.addEventListener("pointerup", function () {
      start = null;
      viewport.classList.remove("is-dragging");
    });
    /* A drag that ends on a node must not follow its link. */
    viewport.addEventListener(
      "click",
      function (event) {
        if (dragged) {
          event.preventDefault();
          event.stopPropagation();
          dragged = false;
        }
      },
      true
    );
  }

  function init() {
    var figures = document.querySelectorAll("figure.civitrace-graph");
    for (var i = 0; i < figures.length; i += 1) {
      setUp(figures[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
