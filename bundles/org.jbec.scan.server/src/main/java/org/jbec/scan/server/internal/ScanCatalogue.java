package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.scan.api.ScanDefinition;
import org.jbec.scan.api.ScanDescription;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scans on offer: a whiteboard of {@link ScanDefinition} services, published as BEC's
 * {@code info/scans/available_scans} whenever a scan bundle comes, goes or is updated. Names are
 * unique: a second definition under a taken name is held back with a WARNING alarm and takes over
 * if the first one leaves. Publishing runs on the catalogue's own thread, coalescing bursts (a
 * bundle registering twenty scans publishes once or twice, not twenty times).
 */
@Component(immediate = true, service = ScanCatalogue.class)
public final class ScanCatalogue {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private record Offer(long serviceId, ScanDescription description, ScanDefinition definition) {
    }

    private final Logger logger = LoggerFactory.getLogger(ScanCatalogue.class);
    private final Connector bus;
    private final Alarms alarms;
    private final Map<String, List<Offer>> offers = new TreeMap<>();
    private final AtomicBoolean publishPending = new AtomicBoolean();
    private final ExecutorService publisher = DaemonThreads.single("jbec-scan-catalogue");

    @Activate
    public ScanCatalogue(@Reference Connector bus, @Reference Alarms alarms) {
        this.bus = bus;
        this.alarms = alarms;
        schedulePublish();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addScan(ScanDefinition definition, Map<String, Object> properties) {
        long id = (Long) properties.getOrDefault(Constants.SERVICE_ID, -1L);
        ScanDescription description;
        try {
            description = definition.description();
        } catch (RuntimeException e) {
            alarms.raise(AlarmSeverity.WARNING, null, "ScanDefinitionError",
                    "Scan service " + id + " of " + properties.get("component.name") + " has no usable description: " + e);
            return;
        }
        if (!IDENTIFIER.matcher(description.name()).matches()) {
            alarms.raise(AlarmSeverity.WARNING, null, "ScanDefinitionError",
                    "Scan name '" + description.name() + "' is not an identifier; the scan is not offered.");
            return;
        }
        synchronized (offers) {
            List<Offer> named = offers.computeIfAbsent(description.name(), n -> new ArrayList<>());
            named.add(new Offer(id, description, definition));
            if (named.size() > 1) {
                alarms.raise(AlarmSeverity.WARNING, null, "DuplicateScanError", "Scan '" + description.name()
                        + "' is offered twice; service " + id + " is held back while service " + named.get(0).serviceId()
                        + " is registered.");
            }
        }
        schedulePublish();
    }

    void removeScan(ScanDefinition definition, Map<String, Object> properties) {
        long id = (Long) properties.getOrDefault(Constants.SERVICE_ID, -1L);
        synchronized (offers) {
            offers.values().forEach(named -> named.removeIf(o -> o.serviceId() == id));
            offers.values().removeIf(List::isEmpty);
        }
        schedulePublish();
    }

    /** The description offered under a name now. */
    Optional<ScanDescription> offered(String name) {
        synchronized (offers) {
            List<Offer> named = offers.get(name);
            return named == null ? Optional.empty() : Optional.of(named.get(0).description());
        }
    }

    /**
     * The scan registered under a name now, with the description it was offered with (read once at
     * registration, so the guard and the worker agree on the signature).
     */
    Optional<Offered> definition(String name) {
        synchronized (offers) {
            List<Offer> named = offers.get(name);
            return named == null ? Optional.empty()
                    : Optional.of(new Offered(named.get(0).description(), named.get(0).definition()));
        }
    }

    /** A scan on offer: its published description and the service that runs it. */
    record Offered(ScanDescription description, ScanDefinition definition) {
    }

    /** True while a change is not yet published (tests wait for the list to settle). */
    boolean publishPending() {
        return publishPending.get();
    }

    private void schedulePublish() {
        // SCR unbinds the scans after deactivating the catalogue: nothing is published then, and the
        // last list stays on the bus, as BEC leaves it when its scan server stops
        if (publisher.isShutdown()) {
            return;
        }
        if (publishPending.compareAndSet(false, true)) {
            try {
                publisher.execute(this::publish);
            } catch (RejectedExecutionException e) {
                publishPending.set(false); // stopped between the check and the call
            }
        }
    }

    private void publish() {
        publishPending.set(false);
        Map<String, Object> resource = new LinkedHashMap<>();
        synchronized (offers) {
            offers.forEach((name, named) -> resource.put(name, named.get(0).description().toResource()));
        }
        try {
            bus.setAndPublish(Endpoints.availableScans(), new AvailableResourceMessage(null, resource));
            logger.info("{} scans offered", resource.size());
        } catch (RuntimeException e) {
            logger.warn("available_scans not published: {}", e.toString());
        }
    }

    @Deactivate
    void stop() {
        publisher.shutdownNow();
    }
}
