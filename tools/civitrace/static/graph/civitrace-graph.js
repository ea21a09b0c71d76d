/* civitrace traceability diagrams: zoom with the buttons, the keyboard (+, -, 0) or Ctrl + wheel;
 * pan by dragging, with the arrow keys once the diagram has the focus, or with the fingers.
 * A diagram is shown fitted to the page, but never so small that its text drops under
 * MIN_TEXT_PX CSS pixels: on a phone it keeps a readable size and scrolls in its frame.
 * No dependency. Without JavaScript the diagram keeps its natural size, scrolls, and links work. */
(function () {
  "use strict";
  var STEP = 1.25;
  var MAX = 8;
  var MIN_TEXT_PX = 10;
  var PAN = 40; /* pixels per arrow key press; a page with Shift */
  var DRAG_THRESHOLD = 5; /* pixels: below this a press is a click, not a drag */
  var PT = 4 / 3; /* Graphviz sizes are points; a point is 4/3 CSS pixel. */

  function smallestFont(svg) {
    var smallest = Infinity;
    var texts = svg.querySelectorAll("text");
    for (var i = 0; i < texts.length; i += 1) {
      var size = parseFloat(texts[i].getAttribute("font-size"));
      if (size > 0 && size < smallest) {
        smallest = size;
      }
    }
    return smallest === Infinity ? 10 : smallest;
  }

  function setUp(figure) {
    var viewport = figure.querySelector(".civitrace-graph-viewport");
    var svg = viewport && viewport.querySelector("svg");
    var toolbar = figure.querySelector(".civitrace-graph-toolbar");
    var status = figure.querySelector(".civitrace-graph-status");
    var help = figure.querySelector(".civitrace-graph-help");
    if (!svg || !toolbar) {
      return;
    }
    var natural = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal.width : svg.getBBox().width;
    /* The smallest scale at which every text is still MIN_TEXT_PX CSS pixels high. */
    var readable = MIN_TEXT_PX / (smallestFont(svg) * PT);
    var min = Math.min(readable, 1) / 4;
    var zoom = 0;

    function fittedScale() {
      var available = viewport.clientWidth || natural * PT;
      return Math.max(readable, Math.min(1, available / (natural * PT)));
    }

    function announce(scale) {
      if (status) {
        status.textContent = status.getAttribute("data-template").replace("{percent}", Math.round(scale * 100));
      }
    }

    function show(scale, keepCentre) {
      var centreX = (viewport.scrollLeft + viewport.clientWidth / 2) / (viewport.scrollWidth || 1);
      var centreY = (viewport.scrollTop + viewport.clientHeight / 2) / (viewport.scrollHeight || 1);
      svg.style.width = natural * scale + "pt";
      svg.style.maxWidth = "none";
      if (keepCentre) {
        viewport.scrollLeft = centreX * viewport.scrollWidth - viewport.clientWidth / 2;
        viewport.scrollTop = centreY * viewport.scrollHeight - viewport.clientHeight / 2;
      }
    }

    function apply(next) {
      zoom = Math.max(min, Math.min(MAX, next));
      viewport.classList.add("is-zoomed");
      show(zoom, true);
      announce(zoom);
    }

    function fit(quiet) {
      zoom = 0;
      viewport.classList.remove("is-zoomed");
      show(fittedScale(), false);
      if (!quiet) {
        announce(fittedScale());
      }
    }

    function current() {
      return zoom || fittedScale();
    }

    toolbar.hidden = false;
    if (help) {
      help.hidden = false;
    }
    fit(true);
    window.addEventListener("resize", function () {
      if (!zoom) {
        fit(true);
      }
    });

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
        fit(false);
      }
    });

    viewport.addEventListener("keydown", function (event) {
      if (event.target !== viewport || event.altKey || event.ctrlKey || event.metaKey) {
        return; /* a focused link inside keeps its own keys; browser shortcuts stay */
      }
      var step = event.shiftKey ? viewport.clientWidth * 0.8 : PAN;
      var moves = {
        ArrowLeft: [-step, 0],
        ArrowRight: [step, 0],
        ArrowUp: [0, -step],
        ArrowDown: [0, step],
      };
      if (moves[event.key]) {
        viewport.scrollLeft += moves[event.key][0];
        viewport.scrollTop += moves[event.key][1];
      } else if (event.key === "+" || event.key === "=") {
        apply(current() * STEP);
      } else if (event.key === "-" || event.key === "_") {
        apply(current() / STEP);
      } else if (event.key === "0") {
        fit(false);
      } else {
        return;
      }
      event.preventDefault();
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
      if (event.button !== 0 || event.pointerType !== "mouse") {
        return; /* touch screens pan and pinch-zoom natively */
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
