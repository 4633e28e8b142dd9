// The dashboard's only script (the Content-Security-Policy allows no inline script): behaviour is
// attached through data- attributes.
"use strict";
document.addEventListener("click", (event) => {
  const print = event.target.closest("[data-print]");
  if (print) {
    // Print the framed document when the button names one, else the page.
    const frame = print.dataset.print ? document.getElementById(print.dataset.print) : null;
    (frame ? frame.contentWindow : window).print();
  }
});
document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// A framed document (the printable digest) is as tall as its content: the page scrolls, not the frame.
for (const frame of document.querySelectorAll("iframe[data-fit]")) {
  frame.addEventListener("load", () => {
    frame.style.height = `${frame.contentDocument.documentElement.scrollHeight + 20}px`;
  });
}
