package io.flinks4j.sandbox.connect;

import io.flinks4j.sandbox.engine.FlinksCode;

/**
 * Every text the Connect page shows, in English and French; {@code %s} marks a value inserted
 * later.
 */
enum Msg {
  PAGE_TITLE("Flinks Connect (sandbox)", "Flinks Connect (bac à sable)"),
  PICK_INSTITUTION("Select your institution", "Choisissez votre institution"),
  SIGN_IN("Sign in to %s", "Connectez-vous à %s"),
  USERNAME("Username", "Nom d'utilisateur"),
  PASSWORD("Password", "Mot de passe"),
  CONTINUE("Continue", "Continuer"),
  SECURITY_QUESTIONS("Answer your security questions", "Répondez à vos questions de sécurité"),
  SELECT_ALL("Select all that apply.", "Cochez toutes les réponses qui s'appliquent."),
  IMAGE("Image %s", "Image %s"),
  SEND_CODE_BY("Send the code by", "Envoyer le code par"),
  BY_TEXT("Text message", "Message texte"),
  BY_CALL("Phone call", "Appel téléphonique"),
  CONSENT_TITLE(
      "%s uses Flinks to connect your account", "%s utilise Flinks pour connecter votre compte"),
  CONSENT_BODY(
      "You allow the sharing of your account details, balances and transactions from your institution. Your"
          + " credentials are never shared.",
      "Vous autorisez le partage des détails, soldes et transactions de vos comptes depuis votre institution. Vos"
          + " identifiants ne sont jamais partagés."),
  CONSENT_ACCEPT("I agree", "J'accepte"),
  CONSENT_DENY("Decline", "Refuser"),
  DECLINED("You declined. Nothing was shared.", "Vous avez refusé. Rien n'a été partagé."),
  REVIEW_CONSENT("Review again", "Revoir"),
  CLOSE("Close", "Fermer"),
  CLOSED("Connect was closed.", "Connect a été fermé."),
  SEARCH_INSTITUTION("Search for your institution", "Recherchez votre institution"),
  NO_INSTITUTION("No institution matches.", "Aucune institution ne correspond."),
  THIS_APP("This application", "Cette application"),
  SECURED("Secured by Flinks (sandbox)", "Sécurisé par Flinks (bac à sable)"),
  PICK_ACCOUNT("Select an account", "Choisissez un compte"),
  CONNECTED("Your account is connected.", "Votre compte est connecté."),
  CONNECTED_NO_REDIRECT("You can close this window.", "Vous pouvez fermer cette fenêtre."),
  TRY_AGAIN("Try again", "Réessayer"),
  ERROR_TITLE("Something went wrong", "Une erreur est survenue"),
  NETWORK_ERROR(
      "The sandbox could not be reached. Try again.", "Le bac à sable est injoignable. Réessayez."),
  TOKEN_MISSING(
      "An authorizeToken is required to open Flinks Connect.",
      "Un authorizeToken est requis pour ouvrir Flinks Connect."),
  TOKEN_UNKNOWN("This authorizeToken is not valid.", "Cet authorizeToken n'est pas valide."),
  TOKEN_USED(
      "This authorizeToken was already used; mint a new one for each launch.",
      "Cet authorizeToken a déjà servi ; générez-en un nouveau à chaque lancement."),
  TOKEN_EXPIRED("This authorizeToken has expired.", "Cet authorizeToken a expiré."),
  BAD_REDIRECT_URL(
      "redirectUrl must be an absolute http or https URL.",
      "redirectUrl doit être une URL http ou https absolue."),
  VALUE_TOO_LONG(
      "A launch parameter is longer than 2048 characters.",
      "Un paramètre de lancement dépasse 2048 caractères."),
  FLOW_ENDED(
      "This Connect session has ended. Launch Connect again.",
      "Cette session Connect est terminée. Relancez Connect."),
  WRONG_USERNAME("The username is not recognized.", "Le nom d'utilisateur est inconnu."),
  WRONG_PASSWORD("The password is incorrect.", "Le mot de passe est incorrect."),
  WRONG_ANSWER("An answer is incorrect. Try again.", "Une réponse est incorrecte. Réessayez."),
  MISSING_ANSWER("Answer every question.", "Répondez à toutes les questions."),
  SESSION_GONE(
      "This session has expired or does not exist. Start again.",
      "Cette session a expiré ou n'existe pas. Recommencez."),
  INSTITUTION_DOWN(
      "The institution cannot be reached right now. Try again later.",
      "L'institution est injoignable pour le moment. Réessayez plus tard."),
  LOGIN_DISABLED(
      "Your online banking access is disabled. Contact your institution.",
      "Votre accès en ligne est désactivé. Communiquez avec votre institution."),
  OTHER_ERROR("The connection failed (%s).", "La connexion a échoué (%s).");

  private final String en;
  private final String fr;

  Msg(String en, String fr) {
    this.en = en;
    this.fr = fr;
  }

  String in(Lang lang, Object... values) {
    String text = lang == Lang.FR ? fr : en;
    return values.length == 0 ? text : String.format(lang.locale(), text, values);
  }

  /** What the user is told when the bank or the session ends an attempt with {@code code}. */
  static Msg forCode(FlinksCode code) {
    return switch (code) {
      case INVALID_USERNAME, INVALID_LOGIN -> WRONG_USERNAME;
      case INVALID_PASSWORD -> WRONG_PASSWORD;
      case INVALID_SECURITY_RESPONSE, UNKNOWN_CHALLENGE_KEY -> WRONG_ANSWER;
      case SECURITYRESPONSES_INCOMPLETE -> MISSING_ANSWER;
      case SESSION_NONEXISTENT, SESSION_EXPIRED -> SESSION_GONE;
      case RETRY_LATER, DISABLED_INSTITUTION, TOO_MANY_REQUESTS -> INSTITUTION_DOWN;
      case DISABLED_LOGIN -> LOGIN_DISABLED;
      default -> OTHER_ERROR;
    };
  }
}
