package org.jbec.scan.server.internal;

import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** System tests: a private Redis per test (scan numbers, history and queues start empty) and every service on it. */
abstract class WithScanSystem {

    protected PrivateRedis redis;
    protected ScanSystem system;

    @BeforeEach
    void startSystem() throws Exception {
        redis = PrivateRedis.start();
        system = new ScanSystem(redis, ScanSystem.SESSION);
    }

    @AfterEach
    void stopSystem() {
        system.close();
        redis.close();
    }
}
