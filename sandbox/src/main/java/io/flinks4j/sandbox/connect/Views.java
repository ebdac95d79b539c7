package io.flinks4j.sandbox.connect;

import static io.flinks4j.sandbox.connect.Html.escape;

import io.flinks4j.sandbox.connect.Screen.AccountChoice;
import io.flinks4j.sandbox.connect.Screen.AccountPicker;
import io.flinks4j.sandbox.connect.Screen.Connected;
import io.flinks4j.sandbox.connect.Screen.Credentials;
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
 * {@link Html#escape}; the page loads nothing from elsewhere and its CSP only lets its own nonce'd style
 * and script run.
 */
final class Views {

  private static final String STYLE =
      """
      body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f4f5f7;color:#1d2433}
      main{max-width:420px;margin:24px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 4px #0002}
      h1{font-size:20px;margin:0 0 16px}
      label{display:block;margin:12px 0 4px;font-weight:600}
      input{box-sizing:border-box;width:100%;padding:8px;border:1px solid #b8bfcc;border-radius:4px;font:inherit}
      button{margin-top:16px;width:100%;padding:10px;border:0;border-radius:4px;background:#2454d6;color:#fff;font:inherit;cursor:pointer}
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

  /** The whole document; {@code configJson} carries the first events and redirect for the script. */
  static String page(Lang lang, String nonce, String screenHtml, String configJson) {
    return "<!DOCTYPE html>\n<html lang=\"" + lang.code() + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + escape(Msg.PAGE_TITLE.in(lang)) + "</title>"
        + "<style nonce=\"" + nonce + "\">" + STYLE + "</style></head><body>"
        + "<main id=\"app\">" + screenHtml + "</main>"
        + "<p id=\"network-error\" class=\"error\" role=\"alert\" hidden>" + escape(Msg.NETWORK_ERROR.in(lang))
        + "</p>"
        + "<script type=\"application/json\" id=\"flinks-connect\">" + Html.scriptSafeJson(configJson) + "</script>"
        + "<script nonce=\"" + nonce + "\">" + SCRIPT + "</script></body></html>\n";
  }

  /** The fragment of one screen; {@code flowId} is null for the error page of a launch that was refused. */
  static String screen(Screen screen, Lang lang, String flowId, Institution institution) {
    return switch (screen) {
      case InstitutionPicker p -> institutions(lang, flowId);
      case Credentials c -> credentials(c, lang, flowId, institution);
      case Mfa m -> mfa(m, lang, flowId);
      case AccountPicker a -> accounts(a, lang, flowId);
      case Connected c ->
          "<h1 id=\"connected\">" + escape(Msg.CONNECTED.in(lang)) + "</h1>"
              + (c.redirectUrl() == null
                  ? "<p class=\"muted\">" + escape(Msg.CONNECTED_NO_REDIRECT.in(lang)) + "</p>"
                  : "");
      case Failed f -> failed(f, lang, flowId);
    };
  }

  private static String institutions(Lang lang, String flowId) {
    Institution fc = Institution.FLINKS_CAPITAL;
    return "<h1>" + escape(Msg.PICK_INSTITUTION.in(lang)) + "</h1>"
        + form(flowId, "institution")
        + "<button type=\"submit\" class=\"choice\" name=\"institution\" value=\"" + escape(fc.code())
        + "\" id=\"institution-" + escape(fc.code()) + "\">" + escape(fc.name()) + "</button></form>";
  }

  private static String credentials(Credentials c, Lang lang, String flowId, Institution institution) {
    return "<h1>" + escape(Msg.SIGN_IN.in(lang, institution.name())) + "</h1>"
        + error(c.error(), lang)
        + form(flowId, "credentials")
        + "<label for=\"username\">" + escape(Msg.USERNAME.in(lang)) + "</label>"
        + "<input id=\"username\" name=\"username\" autocomplete=\"username\" required value=\""
        + escape(c.username()) + "\">"
        + "<label for=\"password\">" + escape(Msg.PASSWORD.in(lang)) + "</label>"
        + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
        + submit(lang) + "</form>";
  }

  private static String mfa(Mfa m, Lang lang, String flowId) {
    StringBuilder html = new StringBuilder();
    html.append("<h1>").append(escape(Msg.SECURITY_QUESTIONS.in(lang))).append("</h1>")
        .append(error(m.error(), lang))
        .append(form(flowId, "mfa"));
    for (int i = 0; i < m.prompts().size(); i++) {
      String prompt = m.prompts().get(i);
      html.append("<label for=\"answer-").append(i).append("\">").append(escape(prompt)).append("</label>")
          .append("<input type=\"hidden\" name=\"prompt\" value=\"").append(escape(prompt)).append("\">")
          .append("<input id=\"answer-").append(i).append("\" name=\"answer\" autocomplete=\"off\" required>");
    }
    return html.append(submit(lang)).append("</form>").toString();
  }

  private static String accounts(AccountPicker a, Lang lang, String flowId) {
    StringBuilder html = new StringBuilder();
    html.append("<h1>").append(escape(Msg.PICK_ACCOUNT.in(lang))).append("</h1>").append(form(flowId, "account"));
    for (AccountChoice account : a.accounts()) {
      html.append("<button type=\"submit\" class=\"choice\" name=\"accountId\" value=\"").append(escape(account.id()))
          .append("\" id=\"account-").append(escape(account.id())).append("\"><span>")
          .append(escape(account.title())).append("<br><span class=\"muted\">").append(escape(account.type()))
          .append(" \u2022\u2022\u2022\u2022 ").append(escape(account.lastFour())).append("</span></span><span>")
          .append(escape(money(account.balanceCents(), account.currency(), lang))).append("</span></button>");
    }
    return html.append("</form>").toString();
  }

  private static String failed(Failed f, Lang lang, String flowId) {
    String detail = f.detail() == Msg.OTHER_ERROR ? f.detail().in(lang, f.code().name()) : f.detail().in(lang);
    return "<h1>" + escape(Msg.ERROR_TITLE.in(lang)) + "</h1>"
        + "<p id=\"error\" class=\"error\" role=\"alert\" data-flinks-code=\"" + escape(f.code().name()) + "\">"
        + escape(detail) + "</p>"
        + (f.canRetry() && flowId != null
            ? form(flowId, "retry") + "<button type=\"submit\" id=\"retry\">" + escape(Msg.TRY_AGAIN.in(lang))
                + "</button></form>"
            : "");
  }

  private static String error(FlinksCode code, Lang lang) {
    if (code == null) {
      return "";
    }
    Msg msg = Msg.forCode(code);
    String text = msg == Msg.OTHER_ERROR ? msg.in(lang, code.name()) : msg.in(lang);
    return "<p id=\"error\" class=\"error\" role=\"alert\" data-flinks-code=\"" + escape(code.name()) + "\">"
        + escape(text) + "</p>";
  }

  private static String form(String flowId, String action) {
    return "<form method=\"post\" action=\"" + escape(ConnectPage.actionPath(flowId, action)) + "\">";
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
