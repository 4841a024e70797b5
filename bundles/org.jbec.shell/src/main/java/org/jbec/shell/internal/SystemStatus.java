package org.jbec.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jbec.bus.api.RedisAddress;
import org.jbec.bus.api.RedisHealth;

/**
 * A snapshot of one framework's health, as data: what {@code status} prints and what {@code ready}
 * decides on.
 */
record SystemStatus(String frameworkName, String frameworkVersion, String javaVersion,
        Optional<RedisAddress> redis, Optional<String> embeddedRedis, RedisHealth redisHealth,
        List<BundleLine> bundles, List<ComponentLine> components, List<ServiceLine> services,
        List<String> webViews) {

    /** A service announced on the bus (by any framework or BEC process sharing this Redis). */
    record ServiceLine(String name, String status, String host) {
    }

    /**
     * One bundle: id, symbolic name, version, state name, whether it is a fragment, and whether its
     * start level lies above the framework's current one (it starts later, by design: the console).
     */
    record BundleLine(long id, String symbolicName, String version, String state, boolean fragment,
            boolean pending) {
        boolean healthy() {
            return fragment ? state.equals("RESOLVED") : state.equals("ACTIVE") || pending;
        }

        /** The state as status shows it. */
        String shownState() {
            return fragment ? "FRAGMENT" : pending && !state.equals("ACTIVE") ? "PENDING" : state;
        }
    }

    /** One DS component of a jBEC bundle with its state name and, when not working, why. */
    record ComponentLine(String name, String bundle, String state, String reason) {
        boolean healthy() {
            return state.equals("ACTIVE") || state.equals("SATISFIED");
        }
    }

    /** Why this framework is not ready; empty when it is. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (redis.isEmpty()) {
            problems.add("no Redis connection configured (is org.jbec.config active and config/servers.yaml valid?)");
        } else if (!redisHealth.connected()) {
            problems.add("Redis at " + redis.get() + " does not answer: " + redisHealth.error());
        }
        bundles.stream().filter(b -> !b.healthy())
                .forEach(b -> problems.add("bundle " + b.symbolicName() + " is " + b.state()));
        components.stream().filter(c -> !c.healthy())
                .forEach(c -> problems.add("component " + c.name() + " is " + c.state() + ": " + c.reason()));
        return problems;
    }
}
