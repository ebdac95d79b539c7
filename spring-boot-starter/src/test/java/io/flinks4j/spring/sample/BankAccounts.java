package io.flinks4j.spring.sample;

import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.model.Account;
import java.util.List;
import org.springframework.stereotype.Service;

/** An application service using the injected client. */
@Service
public class BankAccounts {

  private final FlinksClient flinks;

  public BankAccounts(FlinksClient flinks) {
    this.flinks = flinks;
  }

  /** Ids of the accounts Flinks holds for {@code loginId}. */
  public List<String> accountIds(String loginId) {
    return flinks.retrieve(loginId, DetailOptions.defaults()).accounts().stream()
        .map(Account::id)
        .toList();
  }
}
