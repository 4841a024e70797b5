package org.jbec.shell.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.RedisConnection;
import org.jbec.bus.api.message.ServiceInfo;
import org.jbec.bus.api.RedisHealth;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** Gathers a {@link SystemStatus} from the framework, SCR and the Redis connection. */
final class SystemStatusProbe {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    SystemStatusProbe(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    SystemStatus probe(Optional<RedisConnection> redis) {
        return probe(redis, Optional.empty());
    }

    SystemStatus probe(Optional<RedisConnection> redis, Optional<Connector> bus) {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        RedisHealth health = redis.map(RedisConnection::check).orElse(RedisHealth.down("not configured"));
        int frameworkLevel = system.adapt(FrameworkStartLevel.class).getStartLevel();
        List<SystemStatus.BundleLine> bundles = Arrays.stream(context.getBundles())
                .sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(b -> new SystemStatus.BundleLine(b.getBundleId(), b.getSymbolicName(),
                        b.getVersion().toString(), stateName(b.getState()), isFragment(b),
                        b.adapt(BundleStartLevel.class).getStartLevel() > frameworkLevel))
                .toList();
        return new SystemStatus(system.getSymbolicName(), system.getVersion().toString(),
                System.getProperty("java.version"), redis.map(RedisConnection::address),
                redis.flatMap(RedisConnection::embeddedServer), health, bundles, components(),
                health.connected() ? bus.map(SystemStatusProbe::services).orElse(List.of()) : List.of(),
                webViews());
    }

    /**
     * The web view's addresses in this framework: the endpoints of the HTTP runtime (OSGi HTTP
     * Whiteboard's {@code osgi.http.endpoint}) with the page's path. Looked up by name so that the
     * shell works without the HTTP bundles.
     */
    private List<String> webViews() {
        try {
            ServiceReference<?>[] runtimes = context.getAllServiceReferences(
                    "org.osgi.service.http.runtime.HttpServiceRuntime", null);
            if (runtimes == null) {
                return List.of();
            }
            List<String> out = new java.util.ArrayList<>();
            for (ServiceReference<?> runtime : runtimes) {
                Object endpoint = runtime.getProperty("osgi.http.endpoint");
                List<?> endpoints = endpoint instanceof String[] a ? List.of(a)
                        : endpoint instanceof java.util.Collection<?> c ? List.copyOf(c)
                        : endpoint == null ? List.of() : List.of(endpoint);
                for (Object e : endpoints) {
                    String base = String.valueOf(e);
                    out.add(base + (base.endsWith("/") ? "" : "/") + "jbec/");
                }
            }
            out.sort(java.util.Comparator.comparing(a -> a.contains("://[")));  // IPv4 first: easier to type
            return out;
        } catch (InvalidSyntaxException e) {
            return List.of(); // no filter given: does not happen
        }
    }

    /** Every service whose heartbeat is on the bus, as BEC's discovery: KEYS, then GET each. */
    static List<SystemStatus.ServiceLine> services(Connector bus) {
        try {
            return bus.keys(Endpoints.serviceStatus("*")).stream().sorted()
                    .map(key -> key.substring("user/services/status/".length()))
                    .flatMap(name -> bus.get(Endpoints.serviceStatus(name)).stream())
                    .map(s -> new SystemStatus.ServiceLine(s.name(), s.status().name(),
                            s.info() instanceof ServiceInfo info ? info.hostname() : "?"))
                    .toList();
        } catch (RuntimeException e) {
            // a heartbeat that cannot be read must not hide the rest of the status
            return List.of(new SystemStatus.ServiceLine("(services unreadable: " + e.getMessage() + ")", "?", "?"));
        }
    }

    /** DS components of jBEC's own bundles and plugins (symbolic names under org.jbec). */
    private List<SystemStatus.ComponentLine> components() {
        return scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("org.jbec."))
                .sorted(Comparator.comparing(d -> d.name))
                .flatMap(d -> lines(d).stream())
                .toList();
    }

    private List<SystemStatus.ComponentLine> lines(ComponentDescriptionDTO d) {
        if (!scr.isComponentEnabled(d)) {
            return List.of(new SystemStatus.ComponentLine(d.name, d.bundle.symbolicName, "DISABLED", "disabled"));
        }
        var configurations = scr.getComponentConfigurationDTOs(d);
        if (configurations.isEmpty()) {
            // no configuration yet: only a problem when the component requires one
            String state = "require".equals(d.configurationPolicy) ? "UNSATISFIED_CONFIGURATION" : "SATISFIED";
            return List.of(new SystemStatus.ComponentLine(d.name, d.bundle.symbolicName, state,
                    "waiting for configuration " + String.join(", ", d.configurationPid)));
        }
        return configurations.stream()
                .map(c -> new SystemStatus.ComponentLine(d.name, d.bundle.symbolicName, componentState(c.state),
                        reason(c)))
                .toList();
    }

    private static String reason(ComponentConfigurationDTO c) {
        if (c.failure != null) {
            return c.failure.lines().findFirst().orElse(c.failure);
        }
        if (c.unsatisfiedReferences != null && c.unsatisfiedReferences.length > 0) {
            return "missing " + Arrays.stream(c.unsatisfiedReferences)
                    .map((UnsatisfiedReferenceDTO r) -> r.name + (r.target == null ? "" : " " + r.target))
                    .collect(Collectors.joining(", "));
        }
        return "";
    }

    private static boolean isFragment(Bundle b) {
        BundleRevision revision = b.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN(" + state + ")";
        };
    }

    static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
