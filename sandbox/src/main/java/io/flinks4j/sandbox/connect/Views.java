package io.flinks4j.sandbox.connect;

import static io.flinks4j.sandbox.connect.Html.escape;

import io.flinks4j.sandbox.connect.Screen.AccountChoice;
import io.flinks4j.sandbox.connect.Screen.AccountPicker;
import io.flinks4j.sandbox.connect.Screen.Closed;
import io.flinks4j.sandbox.connect.Screen.Connected;
import io.flinks4j.sandbox.connect.Screen.Consent;
import io.flinks4j.sandbox.connect.Screen.Credentials;
import io.flinks4j.sandbox.connect.Screen.Declined;
import io.flinks4j.sandbox.connect.Screen.Failed;
import io.flinks4j.sandbox.connect.Screen.InstitutionPicker;
import io.flinks4j.sandbox.connect.Screen.Mfa;
import io.flinks4j.sandbox.engine.FlinksCode;
import io.flinks4j.sandbox.engine.Institution;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;

/**
 * Server-side HTML of the Connect page. Every value that did not come from this file goes through
 * {@link Html#escape}; the page loads nothing from elsewhere and its CSP only lets its own nonce'd
 * style and script run.
 */
final class Views {

  private static final String STYLE =
      """
      body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f4f5f7;color:#1d2433}
      header{max-width:468px;margin:16px auto 0;display:flex;align-items:center;justify-content:space-between}
      .brand{font-weight:700;color:#0b1f4d;letter-spacing:.02em}
      .brand::before{content:"";display:inline-block;width:14px;height:14px;margin-right:8px;border-radius:3px;background:#2454d6;vertical-align:-1px}
      header form button{margin:0;width:auto;padding:4px 10px;background:none;color:#5c6573;font-size:20px}
      main{max-width:420px;margin:8px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 4px #0002}
      footer{text-align:center;font-size:12px;color:#5c6573}
      h1{font-size:20px;margin:0 0 16px}
      fieldset{border:0;margin:12px 0 0;padding:0}
      legend{font-weight:600;margin-bottom:4px;padding:0}
      label.option{display:flex;align-items:center;gap:8px;font-weight:400;border:1px solid #b8bfcc;border-radius:6px;padding:8px;margin:6px 0;cursor:pointer}
      label.option input{width:auto;margin:0}
      .images{display:flex;flex-wrap:wrap;gap:8px}
      .images legend{width:100%}
      .images label.option{margin:0}
      .images img{width:48px;height:48px;border-radius:4px}
      [hidden]{display:none!important}
      label{display:block;margin:12px 0 4px;font-weight:600}
      input{box-sizing:border-box;width:100%;padding:8px;border:1px solid #b8bfcc;border-radius:4px;font:inherit}
      button{margin-top:16px;width:100%;padding:10px;border:0;border-radius:4px;background:#2454d6;color:#fff;font:inherit;cursor:pointer}
      button.secondary{background:#fff;color:#2454d6;border:1px solid #2454d6}
      button.choice{display:flex;justify-content:space-between;gap:8px;background:#fff;color:inherit;border:1px solid #b8bfcc;text-align:left}
      .error{color:#b3261e;background:#fdecea;padding:8px;border-radius:4px}
      .muted{color:#5c6573}
      """;

  private static final String SCRIPT =
      """
      (function () {
        'use strict';
        var config = JSON.parse(document.getElementById('flinks-connect').textContent);
        var app = document.getElementById('app');
        var networkError = document.getElementById('network-error');
        function emit(events) {
          events.forEach(function (event) {
            // Like Flinks Connect: any embedding page may listen, so the target origin is '*'.
            window.parent.postMessage(config.stringify ? JSON.stringify(event) : event, '*');
          });
        }
        function search(field) {
          var text = field.value.trim().toLowerCase();
          var shown = 0;
          app.querySelectorAll('button[name=institution]').forEach(function (button) {
            var match = button.dataset.search.indexOf(text) >= 0;
            button.hidden = !match;
            if (match) { shown++; }
          });
          var none = document.getElementById('no-institution');
          if (none) { none.hidden = shown > 0; }
        }
        ['input', 'change', 'keyup'].forEach(function (type) {
          document.addEventListener(type, function (event) {
            if (event.target.id === 'institution-search') { search(event.target); }
          });
        });
        var resizing;
        window.addEventListener('resize', function () {
          clearTimeout(resizing);
          resizing = setTimeout(function () {
            var event = { step: 'APP_RESIZE', height: document.documentElement.scrollHeight, width: window.innerWidth };
            if (config.tag) { event.tag = config.tag; }
            emit([event]);
          }, 100);
        });
        function apply(reply) {
          if (typeof reply.html === 'string') { app.innerHTML = reply.html; }
          emit(reply.events || []);
          if (reply.redirect) {
            // href is the one Location member a cross-origin frame may set on the top window.
            (config.innerRedirect ? window : window.top).location.href = reply.redirect;
            return;
          }
          var field = app.querySelector('input:not([type=hidden])');
          if (field) { field.focus(); }
        }
        document.addEventListener('submit', function (event) {
          var form = event.target;
          event.preventDefault();
          if (form.dataset.busy) { return; }
          form.dataset.busy = 'true';
          networkError.hidden = true;
          var body = new URLSearchParams(new FormData(form, event.submitter));
          fetch(form.action, { method: 'POST', body: body, headers: { 'Accept': 'application/json' } })
            .then(function (response) { return response.json(); })
            .then(apply)
            .catch(function () { delete form.dataset.busy; networkError.hidden = false; });
        });
        apply(config);
      })();
      """;

  private Views() {}

  /**
   * The whole document; {@code configJson} carries the first events and redirect for the script;
   * {@code closeFlowId} names the flow the close button ({@code closeEnable}) ends, or is null for
   * no button.
   */
  static String page(
      Lang lang, String nonce, String screenHtml, String configJson, String closeFlowId) {
    return "<!DOCTYPE html>\n<html lang=\""
        + lang.code()
        + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(Msg.PAGE_TITLE.in(lang))
        + "</title>"
        + "<style nonce=\""
        + nonce
        + "\">"
        + STYLE
        + "</style></head><body>"
        + "<header><span class=\"brand\">flinks</span>"
        + (closeFlowId == null
            ? ""
            : form(closeFlowId, "close")
                + "<button type=\"submit\" id=\"close\" aria-label=\""
                + escape(Msg.CLOSE.in(lang))
                + "\">\u00d7</button></form>")
        + "</header>"
        + "<main id=\"app\">"
        + screenHtml
        + "</main>"
        + "<footer>"
        + escape(Msg.SECURED.in(lang))
        + "</footer>"
        + "<p id=\"network-error\" class=\"error\" role=\"alert\" hidden>"
        + escape(Msg.NETWORK_ERROR.in(lang))
        + "</p>"
        + "<script type=\"application/json\" id=\"flinks-connect\">"
        + Html.scriptSafeJson(configJson)
        + "</script>"
        + "<script nonce=\""
        + nonce
        + "\">"
        + SCRIPT
        + "</script></body></html>\n";
  }

  /**
   * The fragment of one screen; {@code flowId} is null for the error page of a launch that was
   * refused.
   */
  static String screen(Screen screen, Lang lang, String flowId, Institution institution) {
    return switch (screen) {
      case Consent c -> consent(lang, flowId);
      case Declined d ->
          "<h1 id=\"declined\">"
              + escape(Msg.DECLINED.in(lang))
              + "</h1>"
              + form(flowId, "retry")
              + "<button type=\"submit\" id=\"review-consent\" class=\"secondary\">"
              + escape(Msg.REVIEW_CONSENT.in(lang))
              + "</button></form>";
      case Closed c -> "<h1 id=\"closed\">" + escape(Msg.CLOSED.in(lang)) + "</h1>";
      case InstitutionPicker p -> institutions(lang, flowId);
      case Credentials c -> credentials(c, lang, flowId, institution);
      case Mfa m -> mfa(m, lang, flowId);
      case AccountPicker a -> accounts(a, lang, flowId);
      case Connected c ->
          "<h1 id=\"connected\">"
              + escape(Msg.CONNECTED.in(lang))
              + "</h1>"
              + (c.redirectUrl() == null
                  ? "<p class=\"muted\">" + escape(Msg.CONNECTED_NO_REDIRECT.in(lang)) + "</p>"
                  : "");
      case Failed f -> failed(f, lang, flowId);
    };
  }

  private static String consent(Lang lang, String flowId) {
    return "<h1>"
        + escape(Msg.CONSENT_TITLE.in(lang, Msg.THIS_APP.in(lang)))
        + "</h1>"
        + "<p>"
        + escape(Msg.CONSENT_BODY.in(lang))
        + "</p>"
        + form(flowId, "consent")
        + "<button type=\"submit\" id=\"consent-accept\" name=\"decision\" value=\"accept\">"
        + escape(Msg.CONSENT_ACCEPT.in(lang))
        + "</button>"
        + "<button type=\"submit\" id=\"consent-deny\" class=\"secondary\" name=\"decision\" value=\"deny\">"
        + escape(Msg.CONSENT_DENY.in(lang))
        + "</button></form>";
  }

  /** Every institution, filtered as the user types (the filter runs in the page script). */
  private static String institutions(Lang lang, String flowId) {
    StringBuilder html =
        new StringBuilder("<h1>")
            .append(escape(Msg.PICK_INSTITUTION.in(lang)))
            .append("</h1>")
            .append("<label for=\"institution-search\">")
            .append(escape(Msg.SEARCH_INSTITUTION.in(lang)))
            .append(
                "</label><input type=\"search\" id=\"institution-search\" autocomplete=\"off\">")
            .append(form(flowId, "institution"));
    for (Institution i : Institution.ALL) {
      html.append("<button type=\"submit\" class=\"choice\" name=\"institution\" value=\"")
          .append(escape(i.code()))
          .append("\" id=\"institution-")
          .append(escape(i.code()))
          .append("\" data-search=\"")
          .append(escape((i.name() + " " + i.code()).toLowerCase(lang.locale())))
          .append("\">")
          .append(escape(i.name()))
          .append("</button>");
    }
    return html.append("</form><p id=\"no-institution\" class=\"muted\" hidden>")
        .append(escape(Msg.NO_INSTITUTION.in(lang)))
        .append("</p>")
        .toString();
  }

  private static String credentials(
      Credentials c, Lang lang, String flowId, Institution institution) {
    return "<h1>"
        + escape(Msg.SIGN_IN.in(lang, institution.name()))
        + "</h1>"
        + error(c.error(), lang)
        + form(flowId, "credentials")
        + "<label for=\"username\">"
        + escape(Msg.USERNAME.in(lang))
        + "</label>"
        + "<input id=\"username\" name=\"username\" autocomplete=\"username\" required value=\""
        + escape(c.username())
        + "\">"
        + "<label for=\"password\">"
        + escape(Msg.PASSWORD.in(lang))
        + "</label>"
        + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
        + submit(lang)
        + "</form>";
  }

  private static String mfa(Mfa m, Lang lang, String flowId) {
    StringBuilder html = new StringBuilder();
    html.append("<h1>")
        .append(escape(Msg.SECURITY_QUESTIONS.in(lang)))
        .append("</h1>")
        .append(error(m.error(), lang))
        .append(form(flowId, "mfa"))
        .append(MfaForm.fields(m.challenges(), lang));
    return html.append(submit(lang)).append("</form>").toString();
  }

  private static String accounts(AccountPicker a, Lang lang, String flowId) {
    StringBuilder html = new StringBuilder();
    html.append("<h1>")
        .append(escape(Msg.PICK_ACCOUNT.in(lang)))
        .append("</h1>")
        .append(form(flowId, "account"));
    for (AccountChoice account : a.accounts()) {
      html.append("<button type=\"submit\" class=\"choice\" name=\"accountId\" value=\"")
          .append(escape(account.id()))
          .append("\" id=\"account-")
          .append(escape(account.id()))
          .append("\"><span>")
          .append(escape(account.title()))
          .append("<br><span class=\"muted\">")
          .append(escape(account.type()))
          .append(" \u2022\u2022\u2022\u2022 ")
          .append(escape(account.lastFour()))
          .append("</span></span><span>")
          .append(escape(money(account.balanceCents(), account.currency(), lang)))
          .append("</span></button>");
    }
    return html.append("</form>").toString();
  }

  private static String failed(Failed f, Lang lang, String flowId) {
    String detail =
        f.detail() == Msg.OTHER_ERROR ? f.detail().in(lang, f.code().name()) : f.detail().in(lang);
    return "<h1>"
        + escape(Msg.ERROR_TITLE.in(lang))
        + "</h1>"
        + "<p id=\"error\" class=\"error\" role=\"alert\" data-flinks-code=\""
        + escape(f.code().name())
        + "\">"
        + escape(detail)
        + "</p>"
        + (f.canRetry() && flowId != null
            ? form(flowId, "retry")
                + "<button type=\"submit\" id=\"retry\">"
                + escape(Msg.TRY_AGAIN.in(lang))
                + "</button></form>"
            : "");
  }

  private static String error(FlinksCode code, Lang lang) {
    if (code == null) {
      return "";
    }
    Msg msg = Msg.forCode(code);
    String text = msg == Msg.OTHER_ERROR ? msg.in(lang, code.name()) : msg.in(lang);
    return "<p id=\"error\" class=\"error\" role=\"alert\" data-flinks-code=\""
        + escape(code.name())
        + "\">"
        + escape(text)
        + "</p>";
  }

  static String form(String flowId, String action) {
    return "<form method=\"post\" action=\""
        + escape(ConnectPage.actionPath(flowId, action))
        + "\">";
  }

  private static String submit(Lang lang) {
    return "<button type=\"submit\" id=\"submit\">" + escape(Msg.CONTINUE.in(lang)) + "</button>";
  }

  private static String money(long cents, String currency, Lang lang) {
    NumberFormat format = NumberFormat.getCurrencyInstance(lang.locale());
    try {
      format.setCurrency(Currency.getInstance(currency));
    } catch (IllegalArgumentException | NullPointerException unknownCurrency) {
      return BigDecimal.valueOf(cents, 2).toPlainString() + " " + currency;
    }
    return format.format(BigDecimal.valueOf(cents, 2));
  }
}
