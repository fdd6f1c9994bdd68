package tw.mobileauth.enrollment;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test a default {@link Harness} as a parameter and closes it when its scope ends: a
 * {@code @BeforeAll} parameter gets one harness for the whole class, a test method's parameter a
 * fresh one for that test. Tests that need other options still build their own.
 *
 * <pre>{@code
 * @ExtendWith(HarnessExtension.class)
 * class SomeTest {
 *     @Test
 *     void aRule(Harness h) throws Exception { … }
 * }
 * }</pre>
 */
final class HarnessExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HarnessExtension.class);

    /** Closes the harness with the scope that created it. */
    private record Owned(Harness harness) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            harness.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Harness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Owned.class, k -> new Owned(new Harness()), Owned.class)
                .harness();
    }
}
