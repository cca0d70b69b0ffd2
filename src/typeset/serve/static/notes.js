// 校对意见: the latest proof round's pages; a click on a page opens a form to write a note
// there. Notes are kept by the server in the proof-notes.yaml (/notes). Every text
// a person typed is put in the page with textContent, never as HTML.
const section = document.getElementById("notes");
const pagesBox = document.getElementById("notes-pages");
const list = document.getElementById("notes-list");
const form = document.getElementById("note-form");
const byInput = document.getElementById("notes-by");
const errorBox = document.getElementById("notes-error");
const REFRESH_MS = 10000; // other browsers' notes
let current = { round: 0, pages: [], notes: [] };
let placing = null; // {page, x_mm, y_mm} of the form being written
let zoom = 1;

byInput.value = localStorage.getItem("typeset-notes-by") || "";
byInput.addEventListener("change", () => localStorage.setItem("typeset-notes-by", byInput.value.trim()));

function element(tag, attributes = {}, text = "") {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  if (text) made.textContent = text;
  return made;
}

function showError(message) {
  errorBox.textContent = message || "";
  errorBox.hidden = !message;
}

async function call(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (!response.ok) {
    let message = `${response.status}`;
    try {
      message = (await response.json()).error || message;
    } catch {
      /* not JSON: the status says it */
    }
    throw new Error(message);
  }
  return response.status === 204 ? null : response.json();
}

async function load() {
  try {
    current = await call("GET", "/notes");
    showError("");
  } catch (problem) {
    showError(`意见读取失败：${problem.message}`);
    return;
  }
  draw();
}

function draw() {
  document.getElementById("notes-round").textContent =
    current.round ? `· 第${current.round}轮校样` : "· 还没有校样";
  document.getElementById("notes-help").textContent = current.round
    ? "在校样上点一下要改的地方，写下意见，按“保存”。"
    : "先出第1轮校样（make proof），再在校样上批注。";
  drawPages();
  drawList();
  section.dataset.count = current.notes.length;
}

function drawPages() {
  const figures = current.pages.map((page) => {
    const figure = element("figure", { class: "note-page", "data-page": page.number });
    figure.appendChild(element("figcaption", {}, `第${page.number}版 ${page.section}`));
    const sheet = element("div", { class: "note-sheet" });
    sheet.appendChild(element("img", { src: page.image, alt: `第${page.number}版（第${current.round}轮校样）` }));
    sheet.addEventListener("click", (event) => startNote(event, sheet, page));
    figure.appendChild(sheet);
    return figure;
  });
  current.notes.forEach((note, index) => {
    const figure = figures.find((f) => Number(f.dataset.page) === note.page);
    const page = current.pages.find((p) => p.number === note.page);
    if (!figure || !page || note.round !== current.round) return;
    const mark = element("div", { class: `note-mark ${note.status}`, "data-key": note.key, title: note.text }, `${index + 1}`);
    mark.style.left = `${(100 * note.x_mm) / page.size_mm[0]}%`;
    mark.style.top = `${(100 * note.y_mm) / page.size_mm[1]}%`;
    mark.addEventListener("click", (event) => {
      event.stopPropagation();
      list.querySelector(`li[data-key="${note.key}"]`)?.scrollIntoView({ block: "nearest" });
    });
    figure.querySelector(".note-sheet").appendChild(mark);
  });
  pagesBox.replaceChildren(...figures);
  if (placing) {
    const sheet = pagesBox.querySelector(`figure[data-page="${placing.page}"] .note-sheet`);
    if (sheet) sheet.appendChild(form);
  }
}

function drawList() {
  list.replaceChildren(
    ...current.notes.map((note, index) => {
      const item = element("li", { class: note.status, "data-key": note.key });
      const who = note.by ? `·${note.by}` : "";
      const head = element("div", { class: "note-head" }, `${index + 1}. 第${note.round}轮·第${note.page}版${who}`);
      head.addEventListener("click", () => flash(note.key));
      const text = element("div", { class: "note-text" }, note.text);
      const buttons = element("div");
      const done = note.status === "done";
      buttons.append(
        button("修改", () => editNote(item, note)),
        button(done ? "重新打开" : "已处理", () => change(note, { status: done ? "open" : "done" })),
        button("删除", () => remove(note)),
      );
      item.append(head, text, buttons);
      return item;
    }),
  );
}

function button(label, action) {
  const made = element("button", { type: "button" }, label);
  made.addEventListener("click", action);
  return made;
}

function flash(key) {
  const mark = pagesBox.querySelector(`.note-mark[data-key="${key}"]`);
  if (!mark) return;
  mark.scrollIntoView({ block: "center", inline: "center" });
  mark.classList.add("flash");
  setTimeout(() => mark.classList.remove("flash"), 2000);
}

function startNote(event, sheet, page) {
  if (event.target.closest("#note-form")) return;
  const image = sheet.querySelector("img").getBoundingClientRect();
  const fx = (event.clientX - image.left) / image.width;
  const fy = (event.clientY - image.top) / image.height;
  placing = {
    page: page.number,
    x_mm: Math.round(fx * page.size_mm[0] * 10) / 10,
    y_mm: Math.round(fy * page.size_mm[1] * 10) / 10,
  };
  form.style.left = `${Math.min(fx * 100, 70)}%`;
  form.style.top = `${fy * 100}%`;
  sheet.appendChild(form);
  form.hidden = false;
  form.elements.text.value = "";
  form.elements.text.focus();
}

function closeForm() {
  form.hidden = true;
  placing = null;
  section.appendChild(form);
}

form.addEventListener("click", (event) => event.stopPropagation());
form.querySelector("[data-cancel]").addEventListener("click", closeForm);
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = form.elements.text.value.trim();
  if (!text || !placing) return;
  try {
    await call("POST", "/notes", { ...placing, text, by: byInput.value.trim() });
    closeForm();
    showError("");
  } catch (problem) {
    showError(`没有保存：${problem.message}`);
  }
  await load();
});

function editNote(item, note) {
  const area = element("textarea", { rows: 3, maxlength: 2000 });
  area.value = note.text;
  const save = button("保存", () => change(note, { text: area.value.trim() }));
  item.querySelector(".note-text").replaceWith(area);
  item.lastChild.replaceChildren(save, button("取消", draw));
  area.focus();
}

async function change(note, fields) {
  try {
    await call("PUT", `/notes/${note.key}`, fields);
    showError("");
  } catch (problem) {
    showError(`没有保存：${problem.message}`);
  }
  await load();
}

async function remove(note) {
  try {
    await call("DELETE", `/notes/${note.key}`);
    showError("");
  } catch (problem) {
    showError(`没有删除：${problem.message}`);
  }
  await load();
}

document.querySelectorAll("[data-notes-zoom]").forEach((control) =>
  control.addEventListener("click", () => {
    zoom = Math.min(4, Math.max(0.3, zoom * Number(control.dataset.notesZoom)));
    section.style.setProperty("--notes-width", `${1100 * zoom}px`);
  }),
);

setInterval(() => {
  if (form.hidden && !list.querySelector("textarea")) load();
}, REFRESH_MS);
load();
