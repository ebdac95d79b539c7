package io.flinks4j.sandbox.junit;

import io.flinks4j.sandbox.FlinksSandbox;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link FlinksSandbox} on a free port for a test class, injects it
 * into constructors and test methods, and resets it before each test, like WireMock's
 * {@code @WireMockTest}.
 *
 * <pre>{@code
 * @ExtendWith(FlinksSandboxExtension.class)
 * class MyTest {
 *   @Test void reads(FlinksSandbox sandbox) { ... sandbox.baseUrl() ... }
 * }
 *
 * @RegisterExtension
 * static FlinksSandboxExtension flinks = FlinksSandboxExtension.withOptions(b -> b.processingDelay(Duration.ZERO));
 * }</pre>
 *
 * <p>Registered on a static field, one sandbox serves the whole class; on an instance field, each
 * test.
 */
public final class FlinksSandboxExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FlinksSandboxExtension.class);

  private final UnaryOperator<FlinksSandbox.Builder> options;

  /** Default options (used by {@code @ExtendWith}). */
  public FlinksSandboxExtension() {
    this(UnaryOperator.identity());
  }

  private FlinksSandboxExtension(UnaryOperator<FlinksSandbox.Builder> options) {
    this.options = Objects.requireNonNull(options);
  }

  /**
   * An extension whose sandbox is built with these options (port is always a free one unless set).
   */
  public static FlinksSandboxExtension withOptions(UnaryOperator<FlinksSandbox.Builder> options) {
    return new FlinksSandboxExtension(options);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sandbox(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Holder holder = context.getStore(NAMESPACE).get(key(), Holder.class);
    if (holder != null && holder.fresh) {
      holder.fresh = false;
    } else {
      sandbox(context).reset();
    }
  }

  /** The sandbox of the running class (or test), started on first use. */
  public FlinksSandbox sandbox(ExtensionContext context) {
    Holder holder =
        context
            .getStore(NAMESPACE)
            .computeIfAbsent(
                key(),
                k -> new Holder(options.apply(FlinksSandbox.builder()).start()),
                Holder.class);
    return holder.sandbox;
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == FlinksSandbox.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return sandbox(extensionContext);
  }

  private String key() {
    return "sandbox-" + System.identityHashCode(this);
  }

  /** Store entry; closed by JUnit when its context ends, which stops the server. */
  private static final class Holder implements AutoCloseable {
    final FlinksSandbox sandbox;
    boolean fresh = true;

    Holder(FlinksSandbox sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public void close() {
      sandbox.close();
    }
  }
}
