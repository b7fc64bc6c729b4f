// Starts the consent banner with the configuration the build exported from the policy's data
// (config.js); the language follows <html lang>. Buttons marked data-cc="show-preferencesModal"
// reopen the preferences; they stay hidden where the banner does not run.
(function () {
  var config = window.cookiePolicyConsent;
  if (!config || !window.CookieConsent) return;
  // Consent is stored for the site's own domain (data/site.yml's url). A page served from another
  // host (a preview, a local test) stores it for that host: a browser refuses a foreign Domain.
  var cookie = config.cookie;
  if (cookie && cookie.domain) {
    var host = location.hostname;
    if (host !== cookie.domain && host.slice(-cookie.domain.length - 1) !== '.' + cookie.domain) {
      delete cookie.domain;
      cookie.path = '/';
    }
  }
  if (cookie && cookie.path && location.pathname.indexOf(cookie.path) !== 0) cookie.path = '/';
  // The first layer is not a modal: Tab leaves it for the page (the policy can be read before
  // choosing). The library keeps Tab inside it; only the preferences dialog keeps focus (Escape closes it).
  window.addEventListener('keydown', function (event) {
    if (event.key !== 'Tab') return;
    var banner = document.querySelector('#cc-main .cm');
    if (banner && banner.contains(document.activeElement)) event.stopImmediatePropagation();
  }, true);
  // Material's dark scheme (slate) gives the banner its dark colours, and follows the palette toggle.
  var scheme = function () {
    var body = document.body;
    document.documentElement.classList.toggle('cc--darkmode',
      !!body && body.getAttribute('data-md-color-scheme') === 'slate');
  };
  scheme();
  if (document.body && window.MutationObserver) {
    new MutationObserver(scheme).observe(document.body, {attributes: true, attributeFilter: ['data-md-color-scheme']});
  }
  window.CookieConsent.run(config);
  document.querySelectorAll('[data-cc="show-preferencesModal"]').forEach(function (control) {
    control.hidden = false;
  });
})();
