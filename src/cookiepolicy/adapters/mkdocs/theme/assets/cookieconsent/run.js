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
  // Global Privacy Control, as data/site.yml states it (`global_privacy_control: reject`): a browser that
  // sends the signal refuses every category on consent, without being asked; the preferences say so,
  // and a choice the visitor makes there (or made before) wins over the signal.
  var gpc = config.globalPrivacyControl;
  delete config.globalPrivacyControl;
  var signal = navigator.globalPrivacyControl === true;
  var honoured = !!(gpc && gpc.mode === 'reject' && signal);
  var byGpc = false;
  if (honoured) {
    config.autoShow = false;
    Object.keys(config.language.translations).forEach(function (lang) {
      var note = gpc.note[lang];
      var modal = config.language.translations[lang].preferencesModal;
      if (note && modal) modal.sections.unshift({description: note});
    });
  }
  // The consent record, shaped on ISO/IEC TS 27560: which notice (version and SHA-256 of its archived
  // page, from notices.json through notice.js), when, how, and the choice per category. Kept in the
  // banner's own cookie (its `data`) and sent to the page as the event `cookiepolicy:consent`, which a
  // site may forward to its own endpoint (navigator.sendBeacon); nothing is sent anywhere by this script.
  var record = function () {
    var cc = window.CookieConsent;
    var accepted = cc.getUserPreferences().acceptedCategories;
    var lang = cc.getCookie('languageCode') || document.documentElement.lang;
    var entry = {
      schema_version: 'cookiepolicy-consent/1',
      record_id: cc.getCookie('consentId'),
      timestamp: cc.getCookie('lastConsentTimestamp') || new Date().toISOString(),
      notice: (window.cookiePolicyNotice || {})[lang] || null,
      method: byGpc ? 'global-privacy-control' : 'banner',
      gpc: signal,
      choices: Object.keys(config.categories).map(function (id) {
        var status = config.categories[id].readOnly ? 'not-required' : accepted.indexOf(id) >= 0 ? 'given' : 'refused';
        return {category: id, status: status};
      })
    };
    cc.setCookieData({value: entry, mode: 'overwrite'});
    window.dispatchEvent(new CustomEvent('cookiepolicy:consent', {detail: entry}));
  };
  config.onFirstConsent = record;
  config.onChange = record;
  var started = window.CookieConsent.run(config);
  if (honoured) {
    Promise.resolve(started).then(function () {
      if (window.CookieConsent.validConsent()) return;  // an earlier choice (or one under this signal) holds
      byGpc = true;
      window.CookieConsent.acceptCategory([]);
      byGpc = false;
    });
  }
  document.querySelectorAll('[data-cc="show-preferencesModal"]').forEach(function (control) {
    control.hidden = false;
  });
})();
