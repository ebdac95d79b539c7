package io.flinks4j.sandbox.engine;

import io.flinks4j.sandbox.Behaviour;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.MfaType;
import java.util.List;

/**
 * The pre-seeded logins, with stable loginIds: one per documented toolbox test user, one per MFA
 * challenge kind, and one per made-up bank of the Connect institution list.
 */
final class TestUsers {
  static final List<LoginSpec> ALL =
      List.of(
          LoginSpec.named("Greatday")
              .withLoginId("5e115eac-1209-4f19-641c-08d6d484e2fe")
              .withMfa(1),
          LoginSpec.named("greatday_nomfa").withLoginId("8b35f6c8-e7b6-41d3-98f8-08d68b7f8d31"),
          LoginSpec.named("test_disabled_account")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e303")
              .withBehaviour(Behaviour.DISABLED_LOGIN),
          LoginSpec.named("test_service_unavailable")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e304")
              .withBehaviour(Behaviour.RETRY_LATER),
          LoginSpec.named("test_dispatched")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e305")
              .withBehaviour(Behaviour.DISPATCHED),
          LoginSpec.named("test_pending")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e306")
              .withBehaviour(Behaviour.PENDING),
          // One per challenge kind beyond the documented questions (see the README for the
          // answers).
          LoginSpec.named("test_mfa_choice")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e401")
              .withMfa(MfaType.MULTIPLE_CHOICE),
          LoginSpec.named("test_mfa_multiple")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e402")
              .withMfa(MfaType.MULTIPLE_CHOICE_MULTIPLE_ANSWERS),
          LoginSpec.named("test_mfa_image")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e403")
              .withMfa(MfaType.IMAGE_SELECTION),
          LoginSpec.named("test_mfa_text_or_call")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e404")
              .withMfa(MfaType.TEXT_OR_CALL),
          LoginSpec.named("test_mfa_text_only")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e405")
              .withMfa(MfaType.TEXT_ONLY),
          // The made-up banks of the Connect institution list, one user each.
          LoginSpec.named("contoso_user")
              .withInstitution("ContosoBank")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e501"),
          LoginSpec.named("fabrikam_user")
              .withInstitution("FabrikamSavings")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e502")
              .withMfa(MfaType.IMAGE_SELECTION),
          LoginSpec.named("northwind_user")
              .withInstitution("NorthwindCreditUnion")
              .withLoginId("0f6d0c52-3a1e-4c9b-9a51-08d6d484e503")
              .withMfa(MfaType.MULTIPLE_CHOICE));

  private TestUsers() {}
}
