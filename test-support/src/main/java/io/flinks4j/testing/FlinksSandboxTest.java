package io.flinks4j.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a local Flinks sandbox: one sandbox on a free port for the class
 * (reset before each test), and one {@link io.flinks4j.client.FlinksClient} pointed at it, injected
 * into test and lifecycle method parameters and into the instance fields of those types ({@link
 * io.flinks4j.sandbox.FlinksSandbox} too).
 *
 * <pre>{@code
 * @FlinksSandboxTest
 * class AccountsTest {
 *   FlinksClient flinks;
 *
 *   @Test
 *   void reads_the_accounts(FlinksSandbox sandbox) {
 *     String loginId = sandbox.login("Greatday").loginId();
 *     assertThat(flinks.retrieve(loginId, DetailOptions.defaults()).accounts()).isNotEmpty();
 *   }
 * }
 * }</pre>
 *
 * <p>The client polls every {@value FlinksSandboxTestExtension#POLL_INTERVAL_MILLIS} ms instead of
 * Flinks' 10 s, so a retrieval takes the sandbox's processing time and little more.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FlinksSandboxTestExtension.class)
public @interface FlinksSandboxTest {}
