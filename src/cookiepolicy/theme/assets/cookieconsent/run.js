// Starts the consent banner with the configuration the build exported from the policy's data
// (config.js); the language follows <html lang>. Links marked data-cc="show-preferencesModal"
// reopen the preferences; they stay hidden where the banner does not run.
(function () {
  var config = window.cookiePolicyConsent;
  if (!config || !window.CookieConsent) return;
  window.CookieConsent.run(config);
  document.querySelectorAll('[data-cc="show-preferencesModal"]').forEach(function (link) {
    link.hidden = false;
  });
})();
