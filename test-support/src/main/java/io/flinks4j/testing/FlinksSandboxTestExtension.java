package io.flinks4j.testing;

import io.flinks4j.client.FlinksClient;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The extension behind {@link FlinksSandboxTest}: the sandbox's own {@link FlinksSandboxExtension}
 * (start, reset, stop) plus a client built for it once per class and closed with the class.
 */
public final class FlinksSandboxTestExtension
    implements BeforeAllCallback, BeforeEachCallback, TestInstancePostProcessor, ParameterResolver {

  /** The injected client's poll interval. */
  public static final long POLL_INTERVAL_MILLIS = 100;

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FlinksSandboxTestExtension.class);

  private final FlinksSandboxExtension sandboxes = new FlinksSandboxExtension();

  @Override
  public void beforeAll(ExtensionContext context) {
    sandboxes.beforeAll(context);
    client(
        context); // created in the class's store, so every test shares it and the class end closes
    // it
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sandboxes.beforeEach(context);
  }

  @Override
  public void postProcessTestInstance(Object instance, ExtensionContext context)
      throws IllegalAccessException {
    for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())
            || Modifier.isFinal(field.getModifiers())
            || !isInjected(field.getType())) {
          continue;
        }
        field.setAccessible(true);
        field.set(instance, resolve(field.getType(), context));
      }
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return isInjected(parameterContext.getParameter().getType());
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return resolve(parameterContext.getParameter().getType(), extensionContext);
  }

  private static boolean isInjected(Class<?> type) {
    return type == FlinksClient.class || type == FlinksSandbox.class;
  }

  private Object resolve(Class<?> type, ExtensionContext context) {
    return type == FlinksClient.class ? client(context) : sandboxes.sandbox(context);
  }

  private FlinksClient client(ExtensionContext context) {
    FlinksSandbox sandbox = sandboxes.sandbox(context);
    return context
        .getStore(NAMESPACE)
        .computeIfAbsent(
            "client-" + System.identityHashCode(this),
            key -> new ClientHolder(clientFor(sandbox)),
            ClientHolder.class)
        .client;
  }

  private static FlinksClient clientFor(FlinksSandbox sandbox) {
    return FlinksClient.builder()
        .baseUrl(sandbox.baseUrl())
        .customerId(sandbox.customerId())
        .secretKey(sandbox.secretKey())
        .apiKey(sandbox.apiKey())
        .connectUrl(sandbox.connectUrl())
        .pollInterval(Duration.ofMillis(POLL_INTERVAL_MILLIS))
        .build();
  }

  /** Store entry; closed by JUnit when the class's context ends. */
  private record ClientHolder(FlinksClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
