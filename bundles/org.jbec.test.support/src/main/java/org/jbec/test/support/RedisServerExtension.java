package org.jbec.test.support;

import org.jbec.bus.api.RedisAddress;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one {@link PrivateRedis} per test class, stopped after the class. Test
 * methods and constructors receive it, or its {@link RedisAddress}, as parameters.
 *
 * <pre>
 * &#64;ExtendWith(RedisServerExtension.class)
 * class SomethingTest {
 *     &#64;Test
 *     void works(RedisAddress redis) { ... }
 * }
 * </pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server(context);
    }

    private static PrivateRedis server(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("redis", key -> {
            try {
                return new ClosableRedis(PrivateRedis.start());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot start a private Redis for the test: " + e.getMessage(), e);
            }
        }, ClosableRedis.class).redis();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == PrivateRedis.class || type == RedisAddress.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension)
            throws ParameterResolutionException {
        PrivateRedis redis = server(extension);
        return parameter.getParameter().getType() == PrivateRedis.class ? redis : redis.address();
    }

    /** Lets JUnit close the server when the class's store is closed. */
    private record ClosableRedis(PrivateRedis redis) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            redis.close();
        }
    }
}
