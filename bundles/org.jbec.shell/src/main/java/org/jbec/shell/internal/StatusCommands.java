package org.jbec.shell.internal;

import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.RedisConnection;
import org.jbec.service.BecServices;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** {@code status} and {@code ready}: the framework's health for operators, admins and the launcher. */
@Component(service = StatusCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec",
        "osgi.command.function=status",
        "osgi.command.function=ready" })
public final class StatusCommands {

    private final SystemStatusProbe probe;

    // optional and dynamic: status must still answer when Redis is not configured
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RedisConnection redis;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Connector bus;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BecServices services;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ScanCommandRegistry scanCommands;

    @Activate
    public StatusCommands(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.probe = new SystemStatusProbe(context, scr);
    }

    @Descriptor("show framework, Redis, bundle and component states")
    public String status() {
        return StatusReport.format(probe.probe(Optional.ofNullable(redis), Optional.ofNullable(bus)));
    }

    @Descriptor("tell whether every bundle and component is up and Redis answers")
    public String ready() {
        List<String> problems = new java.util.ArrayList<>(probe.probe(Optional.ofNullable(redis)).problems());
        BecServices local = services;
        if (local != null) {
            // a service of this framework still starting (the device server loading its session)
            local.localServices().forEach((name, status) -> {
                if (status != org.jbec.bus.api.message.BecStatus.RUNNING) {
                    problems.add("service " + name + " is " + status);
                }
            });
        }
        ScanCommandRegistry commands = scanCommands;
        if (commands != null && !commands.settled()) {
            problems.add("scan commands not registered yet");
        }
        return problems.isEmpty() ? "ready" : "not ready: " + String.join("; ", problems);
    }
}
