package org.jbec.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import javax.inject.Inject;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.MessageCodec;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.RedisConnection;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.RedisHealth;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** The resolved runtime in a real Felix framework: every bundle starts and DS wires the services. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeWiringIT {

    @Inject
    private BundleContext context;

    @Inject
    private RedisConnection connection;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private MessageCodec codec;

    @Inject
    private Connector bus;

    @Configuration
    public Option[] config() throws IOException {
        return ItestRuntime.options();
    }

    @Test
    public void everyRuntimeBundleIsActive() {
        List<String> notActive = Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders().get("Fragment-Host") == null && b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + " " + b.getState())
                .toList();
        assertEquals(List.of(), notActive);
    }

    @Test
    public void redisConnectionIsWiredFromServersConfigAndAnswers() {
        RedisHealth health = connection.check();
        assertTrue(health.error(), health.connected());
        assertEquals(context.getProperty("jbec.redis.address"), connection.address().toString());
    }

    @Test
    public void everyJbecComponentIsActive() {
        List<String> notActive = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("org.jbec."))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                // delayed components without a user yet are SATISFIED: ready, not yet created
                .filter(c -> c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED)
                .map(c -> c.description.name + " state " + c.state)
                .toList();
        assertEquals(List.of(), notActive);
        long components = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("org.jbec.")).count();
        assertTrue("config publisher, Redis connection and status commands at least", components >= 3);
    }

    @Test
    public void codecServiceSpeaksBecInsideTheFramework() {
        java.util.Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("RID", "1234");
        byte[] bytes = codec.encode(new DeviceInstructionMessage(metadata, "samx", "set", java.util.Map.of("set", 0.5)));
        assertEquals(147, bytes.length);
        assertEquals(new DeviceInstructionMessage(metadata, "samx", "set", java.util.Map.of("set", 0.5)),
                codec.decode(bytes));
    }

    private java.util.Set<?> offeredScans() {
        return bus.get(Endpoints.availableScans()).map(m -> ((java.util.Map<?, ?>) m.resource()).keySet())
                .orElse(java.util.Set.of());
    }

    @Test
    public void scanGuardChecksRequestsAgainstTheOfferedScans() throws Exception {
        java.util.concurrent.BlockingQueue<RequestResponseMessage> responses = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.BlockingQueue<ScanQueueMessage> inserts = new java.util.concurrent.LinkedBlockingQueue<>();
        var s1 = bus.subscribe(Endpoints.scanQueueRequestResponse(), e -> responses.add(e.as(RequestResponseMessage.class)));
        var s2 = bus.subscribe(Endpoints.scanQueueInsert(), e -> inserts.add(e.as(ScanQueueMessage.class)));
        try {
            Conditions.await("the standard scans on offer", java.time.Duration.ofSeconds(20), this::offeredScans,
                    offered -> offered.size() >= 17);
            java.util.Map<String, Object> metadata = java.util.Map.of("RID", "itest-rid",
                    "client_info", java.util.Map.of("acl_user", "default"));
            java.util.Map<String, Object> parameter = java.util.Map.of("args", List.of(),
                    "kwargs", java.util.Map.of("exp_time", 0.1));
            bus.send(Endpoints.scanQueueRequest("default"), new ScanQueueMessage(metadata, "acquire", parameter, "primary", true));
            RequestResponseMessage accepted = responses.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(String.valueOf(accepted), accepted != null && accepted.accepted());
            assertEquals("itest-rid", accepted.metadata().get("RID"));
            ScanQueueMessage inserted = inserts.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("acquire", inserted == null ? null : inserted.scanType());

            java.util.Map<String, Object> badExposure = java.util.Map.of("args", List.of(),
                    "kwargs", java.util.Map.of("exp_time", -1));
            bus.send(Endpoints.scanQueueRequest("default"), new ScanQueueMessage(metadata, "acquire", badExposure, "primary", true));
            RequestResponseMessage rejected = responses.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(String.valueOf(rejected), rejected != null && !rejected.accepted()
                    && String.valueOf(rejected.message()).contains("exp_time"));
        } finally {
            s1.close();
            s2.close();
        }
    }

    @Test
    public void scansLeaveAndReturnWithTheirBundle() throws Exception {
        Bundle scans = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.jbec.scan.standard")).findFirst().orElseThrow();
        Conditions.await("the standard scans on offer", java.time.Duration.ofSeconds(20), this::offeredScans,
                offered -> offered.contains("line_scan"));
        scans.stop();
        try {
            Conditions.await("the standard scans withdrawn", java.time.Duration.ofSeconds(20), this::offeredScans,
                    offered -> !offered.contains("line_scan"));
        } finally {
            scans.start();
        }
        Conditions.await("the standard scans back", java.time.Duration.ofSeconds(20), this::offeredScans,
                offered -> offered.size() >= 17);
    }

    @Test
    public void statusCommandIsRegisteredForGogo() throws Exception {
        var refs = context.getServiceReferences((String) null, "(osgi.command.scope=jbec)");
        assertFalse("jbec commands registered", refs == null || refs.length == 0);
        List<String> functions = Arrays.stream(refs)
                .flatMap(r -> r.getProperty("osgi.command.function") instanceof String[] many ? Arrays.stream(many)
                        : java.util.stream.Stream.of(String.valueOf(r.getProperty("osgi.command.function"))))
                .toList();
        assertTrue(functions.toString(), functions.containsAll(List.of("status", "ready", "devices")));
    }

    @Test
    public void implementationPackagesAreNeverExported() {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("org.jbec.")) {
                String exports = b.getHeaders().get("Export-Package");
                assertFalse(b.getSymbolicName() + " exports " + exports,
                        exports != null && exports.contains(".internal"));
            }
        }
    }
}
