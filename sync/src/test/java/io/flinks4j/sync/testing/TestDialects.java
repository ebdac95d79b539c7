package io.flinks4j.sync.testing;

import io.flinks4j.sync.storage.Dialect;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Every {@link Dialect}, for {@code @ArgumentsSource(TestDialects.class)} on tests run once per
 * dialect; without POSTGRESQL when {@value #PARAMETER}{@code =off} ({@code ./run-tests --fast}).
 * The {@code postgres} tag cannot do this: a JUnit tag cannot differ between the invocations of one
 * parameterised class, and a condition cannot stop a class invocation's
 * {@code @BeforeParameterizedClassInvocation} from opening its database.
 */
public final class TestDialects implements ArgumentsProvider {

  /** JUnit configuration parameter (or system property): {@code off} leaves PostgreSQL out. */
  public static final String PARAMETER = "flinks4j.test.postgres";

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    boolean postgres = !"off".equals(context.getConfigurationParameter(PARAMETER).orElse("on"));
    return Arrays.stream(Dialect.values())
        .filter(dialect -> postgres || dialect != Dialect.POSTGRESQL)
        .map(Arguments::of);
  }
}
