import io.flinks4j.sync.generated.ApiClient;
import io.flinks4j.sync.generated.ApiException;
import io.flinks4j.sync.generated.api.DefaultApi;
import io.flinks4j.sync.generated.model.LoginView;
import io.flinks4j.sync.generated.model.LoginViewPage;
import io.flinks4j.sync.generated.model.MfaRequest;
import io.flinks4j.sync.generated.model.RegisterRequest;
import io.flinks4j.sync.generated.model.RegistrationView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A program written against the Java client that openapi-generator makes from /v1/openapi.json, as a user of
 * the service would write it; GeneratedClientTest compiles it with the generated code and runs it against the
 * running service. What it saw comes back as lines (never a loginId).
 */
public final class ClientSmoke {

  private ClientSmoke() {}

  public static List<String> run(String baseUri, String apiKey, String loginId) throws Exception {
    ApiClient client = new ApiClient();
    client.updateBaseUri(baseUri);
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + apiKey));
    DefaultApi api = new DefaultApi(client);
    List<String> seen = new ArrayList<>();

    RegisterRequest register = new RegisterRequest().loginId(UUID.fromString(loginId)).tag("generated-client");
    String idempotencyKey = UUID.randomUUID().toString();
    RegistrationView registered = api.postV1Logins(register, idempotencyKey);
    RegistrationView replayed = api.postV1Logins(register, idempotencyKey); // the first answer, run once
    seen.add("registered created=" + registered.getCreated() + " retrieval=" + registered.getRetrieval().getMode());
    seen.add("replayed same=" + registered.getRetrieval().getId().equals(replayed.getRetrieval().getId()));

    LoginViewPage page = api.getV1Logins(100, null);
    seen.add("listed " + page.getData().stream().anyMatch(login -> login.getLoginId().equals(loginId)));

    LoginView login = api.getV1LoginsByLoginId(loginId);
    seen.add("read tag=" + login.getTag());

    try { // the MFA answers body, typed by the generated model; this login is not waiting for answers
      api.postV1LoginsByLoginIdMfa(
          loginId, new MfaRequest().answers(Map.of("What city?", List.of("Montreal"))), null);
      seen.add("mfa accepted");
    } catch (ApiException e) {
      seen.add("mfa refused " + e.getCode());
    }
    return seen;
  }
}
