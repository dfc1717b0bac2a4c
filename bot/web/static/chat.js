// The web chat (loaded from a file so the Content-Security-Policy allows no inline script).
(() => {
  const log = document.getElementById("chat-log");
  const form = document.getElementById("chat-form");
  const input = document.getElementById("chat-input");
  const csrf = form.dataset.csrf;
  async function send(body) {
    const res = await fetch("/chat/api", {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf}, body: JSON.stringify(body)});
    const data = await res.json();
    if (data.html) log.insertAdjacentHTML("beforeend", data.html);
    else if (data.error) log.insertAdjacentHTML("beforeend", `<div class="chat-reply error"><p></p></div>`), log.lastElementChild.querySelector("p").textContent = data.error;
    log.scrollTop = log.scrollHeight;
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value;
    const mine = document.createElement("div"); mine.className = "chat-user";
    const span = document.createElement("span"); span.textContent = text; mine.appendChild(span); log.appendChild(mine);
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
