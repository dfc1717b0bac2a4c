// 徴収アシスタント dashboard: small progressive enhancements; every page works without JS.
document.addEventListener("DOMContentLoaded", () => {
  // Show the slider's value next to it.
  document.querySelectorAll("input[type=range][data-output]").forEach((slider) => {
    const out = document.getElementById(slider.dataset.output);
    const show = () => { if (out) out.textContent = Number(slider.value).toFixed(2); };
    slider.addEventListener("input", show);
    show();
  });
  // Ask before a change that moves work between people.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // Disable a submit button once pressed so a result is never recorded twice.
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", () => {
      // After the browser has read the pressed button's value.
      setTimeout(() => form.querySelectorAll("button").forEach((b) => { b.disabled = true; }), 0);
    });
  });
});
