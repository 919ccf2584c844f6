// Injected by chromium.sh into a copy of the report: what the layout made of it, as JSON in
// the text of an added element whose id is "measured". Chart text in CSS pixels as drawn
// (font size times the SVG's scale), each chart's and the first unit section's width, and how
// many line boxes each date takes.
(function () {
  const out = {};
  const svgs = Array.from(document.querySelectorAll("svg.chart"));
  out.fonts = svgs.flatMap(s => Array.from(s.querySelectorAll("text")).map(
    t => parseFloat(getComputedStyle(t).fontSize) * s.getScreenCTM().a));
  out.charts = svgs.map(s => s.getBoundingClientRect().width);
  out.section = document.querySelector("section.unit").getBoundingClientRect().width;
  out.dates = Array.from(document.querySelectorAll(".date")).map(d => {
    const r = document.createRange();
    r.selectNodeContents(d);
    return r.getClientRects().length;
  });
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
