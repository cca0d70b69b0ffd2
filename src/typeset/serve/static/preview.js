// The preview page: draws the state the server pushes (server-sent events) into the
// page without reloading it, so the scroll position and an open large view stay.
const strip = document.getElementById("strip");
const large = document.getElementById("large");
const figures = new Map(); // page number -> <figure>
let shown = null; // the page number in the large view

function element(tag, attributes = {}, text = "") {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  if (text) made.textContent = text;
  return made;
}

function drawSheet(sheet, page) {
  const img = sheet.querySelector("img") || sheet.appendChild(element("img"));
  if (img.getAttribute("src") !== page.image) {
    img.setAttribute("src", page.image);
    img.setAttribute("alt", `第${page.number}版 ${page.section}`);
  }
  sheet.querySelectorAll(".outline").forEach((old) => old.remove());
  for (const outline of page.outlines) {
    const box = element("div", { class: `outline ${outline.kind}` });
    box.style.left = `${outline.left * 100}%`;
    box.style.top = `${outline.top * 100}%`;
    box.style.width = `${outline.width * 100}%`;
    box.style.height = `${outline.height * 100}%`;
    box.appendChild(element("span", {}, outline.label));
    sheet.appendChild(box);
  }
}

function drawPages(pages) {
  const numbers = new Set(pages.map((page) => page.number));
  for (const [number, figure] of figures) {
    if (!numbers.has(number)) {
      figure.remove();
      figures.delete(number);
    }
  }
  pages.forEach((page, index) => {
    let figure = figures.get(page.number);
    if (!figure) {
      figure = element("figure", { class: "page", "data-page": page.number });
      figure.appendChild(element("div", { class: "sheet" }));
      figure.appendChild(element("figcaption"));
      figure.addEventListener("click", () => openLarge(page.number));
      figures.set(page.number, figure);
    }
    if (strip.children[index] !== figure) strip.insertBefore(figure, strip.children[index] || null);
    const caption = figure.querySelector("figcaption");
    caption.replaceChildren(`第${page.number}版 ${page.section} · `, element("a", { href: page.pdf }, "PDF"));
    drawSheet(figure.querySelector(".sheet"), page);
  });
  if (shown !== null) drawLarge(pages.find((page) => page.number === shown));
}

function drawMessages(list, messages) {
  list.replaceChildren(
    ...messages.map((item) => {
      const line = element("li", { class: item.severity });
      const kind = item.severity === "warning" ? "warning: " : ""; // as the command line says
      line.append(element("code", {}, `${item.location}:`), ` ${kind}${item.message}`);
      return line;
    }),
  );
}

let pages = [];

function draw(state) {
  pages = state.pages;
  document.getElementById("status").textContent = state.building ? "building…" : state.summary;
  document.getElementById("over-count").textContent = state.over;
  document.getElementById("short-count").textContent = state.short;
  const errors = document.getElementById("errors");
  errors.hidden = state.errors.length === 0;
  errors.classList.toggle("kept", state.pages.length > 0);
  drawMessages(errors.querySelector("ul"), state.errors);
  drawMessages(document.querySelector("#findings ul"), state.findings);
  drawPages(state.pages);
  document.body.dataset.version = state.version;
  document.body.dataset.building = state.building;
}

function drawLarge(page) {
  if (!page) return large.close();
  large.querySelector("figcaption").textContent = `第${page.number}版 ${page.section}（Esc 关闭）`;
  drawSheet(large.querySelector(".sheet"), page);
}

function openLarge(number) {
  shown = number;
  drawLarge(pages.find((page) => page.number === number));
  large.showModal();
}

large.addEventListener("close", () => (shown = null));
large.addEventListener("click", () => large.close());

new EventSource("/events").onmessage = (event) => draw(JSON.parse(event.data));
