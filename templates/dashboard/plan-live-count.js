// The plan and session pages' live audience count (see partials/plan-live-count-script.hbs).
(function () {
  var form = document.getElementById('session-form');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var format = new Intl.NumberFormat(document.documentElement.lang);
  var timer;
  function refresh() {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (/Ids$/.test(name)) query.append(name, value);
    });
    fetch(form.getAttribute('data-count-url') + '&' + query, { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (count) {
        if (!count) return;
        document.getElementById('count-session').textContent = format.format(count.session);
        document.getElementById('count-round').textContent = format.format(count.round);
      })
      .catch(function () {});
  }
  form.addEventListener('change', function (event) {
    if (!/Ids$/.test(event.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
})();
