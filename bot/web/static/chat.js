// The web chat (loaded from a file so the Content-Security-Policy allows no inline script).
(() => {
  const log = document.getElementById("chat-log");
  const form = document.getElementById("chat-form");
  const input = document.getElementById("chat-input");
  const csrf = form.dataset.csrf;
  log.scrollTop = log.scrollHeight;  // the conversation so far (after a reload): show its end
  async function send(body) {
    const res = await fetch("/chat/api", {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf}, body: JSON.stringify(body)});
    const data = await res.json();
    if (data.html) log.insertAdjacentHTML("beforeend", data.html);
    else if (data.error) log.insertAdjacentHTML("beforeend", `<div class="chat-reply error"><p></p></div>`), log.lastElementChild.querySelector("p").textContent = data.error;
    if (data.html || data.error) showStart(log.lastElementChild);
  }
  // A new answer is shown from its start (its heading and first target), not from its end.
  function showStart(el) {
    log.scrollTop = Math.max(0, el.offsetTop - 8);  // .chat-log is the offset parent
    const top = log.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) window.scrollBy(0, top - 8);
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value;
    const mine = document.createElement("div"); mine.className = "chat-user";
    const span = document.createElement("span"); span.textContent = text; mine.appendChild(span); log.appendChild(mine);
    log.scrollTop = log.scrollHeight;
    input.value = "";
    send({text});
  });
  log.addEventListener("click", (e) => {
    const btn = e.target.closest("button[data-action]");
    if (!btn) return;
    // The chosen button stays readable, marked ✔; the others are disabled.
    btn.parentElement.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    btn.classList.add("chosen");
    btn.setAttribute("aria-pressed", "true");
    btn.textContent = "\u2714 " + btn.textContent;
    send({action: JSON.parse(btn.dataset.action)});
  });
})();
