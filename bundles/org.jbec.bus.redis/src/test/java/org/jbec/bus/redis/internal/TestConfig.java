package org.jbec.bus.redis.internal;

import java.lang.annotation.Annotation;

/** A {@link JedisConnector.Config} for tests: fast reconnects. */
record TestConfig(String host, int port, String embedded) implements JedisConnector.Config {

    static JedisConnector connector(int port) {
        return new JedisConnector(new TestConfig("127.0.0.1", port, ""));
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return JedisConnector.Config.class;
    }

    @Override
    public int timeoutMillis() {
        return 1000;
    }

    @Override
    public long reconnectInitialMillis() {
        return 20;
    }

    @Override
    public long reconnectMaxMillis() {
        return 500;
    }

    @Override
    public long outageWaitMillis() {
        return 3000;
    }

    @Override
    public String user() {
        return "";
    }

    @Override
    public String _password() {
        return "";
    }

    @Override
    public boolean acl() {
        return false;
    }
}
